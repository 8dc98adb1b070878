"""The meetings' part of the site search (see organisation/search.py)."""

from django.utils.translation import gettext_lazy as _

from events.models import Meeting, MeetingDocument
from organisation.search import Source


class MeetingSource(Source):
    label = _("Meeting")
    fields = {"title": 5, "theme": 3, "summary": 2, "city": 2, "description": 1}
    related_fields = {"host_country__name": 1}

    def get_queryset(self):
        return Meeting.objects.published().select_related("host_country")

    def get_date(self, obj):
        return obj.start_date

    def describe(self, obj):
        return obj.get_kind_display()


class MeetingDocumentSource(Source):
    label = _("Outcome document")
    fields = {"title": 5}
    related_fields = {"meeting__title": 1}

    def get_queryset(self):
        return MeetingDocument.objects.filter(meeting__in=Meeting.objects.published()).select_related(
            "meeting"
        )

    def get_date(self, obj):
        return obj.date or obj.meeting.start_date

    def describe(self, obj):
        return _("%(kind)s of the %(meeting)s") % {
            "kind": obj.get_kind_display(),
            "meeting": obj.meeting.title,
        }


SOURCES = [MeetingSource(), MeetingDocumentSource()]
