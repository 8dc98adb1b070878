"""The meetings' part of the site search: meetings and their outcome documents (organisation/search.py)."""

from django.utils.translation import gettext_lazy as _

from events.models import Meeting, MeetingDocument
from organisation.models import Country, Publishable
from organisation.search import PublishableSource, Source, all_names, compact, plain_text


class MeetingSource(PublishableSource):
    model = Meeting
    kind = "meeting"
    label = _("Meeting")
    kind_label = _("Meetings")
    text_fields = ("theme", "summary", "description")
    recency = True

    def queryset(self):
        return super().queryset().select_related("host_country", "organising_country")

    def fields(self, obj):
        countries = [country for country in (obj.host_country, obj.organising_country) if country]
        return {
            "title": obj.title,
            "keywords": " ".join([obj.city, *(all_names(country) for country in countries)]),
            "text": " ".join([obj.theme, obj.summary, plain_text(obj.description)]),
            "description": " · ".join(
                str(part) for part in (Meeting.Kind(obj.kind).label, obj.place()) if part
            ),
        }

    def date(self, obj):
        return obj.start_date

    def depends_on(self):
        # A country's names are in the meetings it hosted or organised.
        return {Country: lambda country: Meeting.objects.for_country(country)}


class MeetingDocumentSource(Source):
    model = MeetingDocument
    kind = "document"
    label = _("Outcome document")
    kind_label = _("Documents")

    def queryset(self):
        # Public with their meeting, and from its publication time.
        return MeetingDocument.objects.filter(meeting__status=Publishable.Status.PUBLISHED).select_related(
            "meeting"
        )

    def fields(self, obj):
        return {
            "title": obj.title,
            "aliases": f"{obj.symbol} {compact(obj.symbol)}",
            "keywords": obj.meeting.title,
            "text": obj.file_text,
            "description": _("%(kind)s of the %(meeting)s")
            % {"kind": obj.get_kind_display(), "meeting": obj.meeting.title},
        }

    def date(self, obj):
        return obj.date or obj.meeting.start_date

    def public_from(self, obj):
        return obj.meeting.publish_at

    def depends_on(self):
        # Their meeting's title, publication and time.
        return {Meeting: lambda meeting: MeetingDocument.objects.filter(meeting_id=meeting.pk)}


SOURCES = [MeetingSource(), MeetingDocumentSource()]
