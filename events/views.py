from urllib.parse import urlencode

from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast, Substr
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events.filters import MeetingFilterSet
from events.models import Meeting, MeetingChange, MeetingDocument
from organisation.context_processors import get_site_organisation
from organisation.documents import serve_pdf
from organisation.models import Body, Country, FoundingDocument
from organisation.pagination import page_or_404
from organisation.preview import PublishableDetailView, mark_preview
from organisation.structured_data import organisation_id

MEETINGS_PER_PAGE = 20

# The meetings list's own filters, in the order the form shows them; the FilterSet knows more
# (the API's), and the page honours those too when they are in the address.
LIST_FILTERS = ("kind", "body", "year", "country", "format")

EVENT_STATUSES = {
    Meeting.MeetingStatus.POSTPONED: "EventPostponed",
    Meeting.MeetingStatus.RESCHEDULED: "EventRescheduled",
    Meeting.MeetingStatus.MOVED_ONLINE: "EventMovedOnline",
    Meeting.MeetingStatus.CANCELLED: "EventCancelled",
}
ATTENDANCE_MODES = {
    Meeting.Format.IN_PERSON: "OfflineEventAttendanceMode",
    Meeting.Format.VIRTUAL: "OnlineEventAttendanceMode",
    Meeting.Format.HYBRID: "MixedEventAttendanceMode",
}


def meeting_list(request):
    # An empty field of the filter form is no filter: send the visitor to the short, shareable address.
    if any(value == "" for value in request.GET.values()):
        query = urlencode([(key, value) for key, value in request.GET.items() if value != ""])
        return redirect(request.path + (f"?{query}" if query else ""))
    filterset = MeetingFilterSet(
        request.GET, queryset=Meeting.objects.published().select_related("host_country")
    )
    meetings = filterset.qs
    filters = _applied_filters(filterset)
    when = filterset.form.cleaned_data.get("when")
    upcoming_only = when == MeetingFilterSet.UPCOMING
    if upcoming_only:
        # ?when=upcoming: every upcoming meeting, soonest first, a page at a time.
        page = page_or_404(meetings.upcoming(), MEETINGS_PER_PAGE, request.GET.get("page"))
        upcoming, upcoming_count, past = page.object_list, page.paginator.count, []
        show_upcoming = True
    else:
        # The archive is paginated; the soonest upcoming meetings lead its first page (none with
        # ?when=past), and a link leads to the others when there are more than a page's worth.
        page = page_or_404(meetings.past(), MEETINGS_PER_PAGE, request.GET.get("page"))
        show_upcoming = page.number == 1 and when != MeetingFilterSet.PAST
        upcoming = list(meetings.upcoming()[: MEETINGS_PER_PAGE + 1]) if show_upcoming else []
        if when == MeetingFilterSet.PAST or (show_upcoming and len(upcoming) <= MEETINGS_PER_PAGE):
            upcoming_count = len(upcoming)
        else:
            upcoming_count = meetings.upcoming().count()
        upcoming, past = upcoming[:MEETINGS_PER_PAGE], page.object_list
    published = Meeting.objects.published()
    # The canonical address (also the one the share links carry) keeps the filters and the page,
    # and drops anything else a link may have added.
    params = [(key, value) for key, value in request.GET.items() if key in filterset.filters]
    if page.number > 1:
        params.append(("page", page.number))
    title, description = _list_title(upcoming_only, filters, page.number, get_site_organisation(request))
    return render(
        request,
        "events/meeting_list.html",
        {
            "title": title,
            "description": description,
            "filterset": filterset,
            "filter_values": {name: request.GET.get(name, "") for name in LIST_FILTERS},
            # Each with its filter's name, so that two messages never read as one.
            "filter_errors": [
                (filterset.form[name].label if name in filterset.form.fields else "", error)
                for name, errors in filterset.errors.items()
                for error in errors
            ],
            "filter_summary": ", ".join(label for _name, label in filters),
            "kinds": Meeting.Kind.choices,
            "formats": Meeting.Format.choices,
            "bodies": Body.objects.all(),
            # Read only when the form's cached fragment (meeting_list.html) is not found.
            "years": SimpleLazyObject(lambda: _years_with_meetings(published)),
            "countries": Country.objects.filter(
                Exists(published.filter(host_country=OuterRef("pk")))
                | Exists(published.filter(organising_country=OuterRef("pk")))
            ).order_by_name(),
            "upcoming_only": upcoming_only,
            "show_upcoming": show_upcoming,
            "upcoming_meetings": upcoming,
            "more_upcoming": not upcoming_only and upcoming_count > len(upcoming),
            "upcoming_count": upcoming_count,
            # The same filters, upcoming and past: where ?when=upcoming leads back to, and from.
            "list_query": urlencode([(key, value) for key, value in params if key not in ("page", "when")]),
            "match_count": upcoming_count + (0 if upcoming_only else page.paginator.count),
            "page_obj": page,
            "past_meetings": past,
            "calendar_query": urlencode([(key, value) for key, value in params if key != "page"]),
            "canonical_url": request.build_absolute_uri(
                request.path + (f"?{urlencode(params)}" if params else "")
            ),
        },
    )


def _list_title(upcoming_only, filters, page_number, organisation):
    """The meetings list's title and description, which name its filters and its page.

    Filled in as {% blocktranslate %} would: the values escaped, the sentence marked safe."""
    summary = escape(", ".join(label for _name, label in filters))
    acronym = escape(organisation.acronym if organisation else "")
    if upcoming_only:
        title = (
            _("Upcoming meetings: %(filters)s") % {"filters": summary} if summary else _("Upcoming meetings")
        )
    else:
        title = _("Meetings: %(filters)s") % {"filters": summary} if summary else _("Meetings")
    if page_number > 1:
        title = _("%(title)s – page %(number)s") % {"title": conditional_escape(title), "number": page_number}
    if summary:
        description = _("Meetings of the %(acronym)s: %(filters)s. Dates, places and outcome documents.") % {
            "acronym": acronym,
            "filters": summary,
        }
    elif upcoming_only:
        description = _("Upcoming meetings of the %(acronym)s, with their dates and places.") % {
            "acronym": acronym
        }
    else:
        description = _(
            "Upcoming and past meetings of the %(acronym)s, with their dates, places and outcome documents."
        ) % {"acronym": acronym}
    return (mark_safe(title) if summary or page_number > 1 else title), mark_safe(description)


def _years_with_meetings(meetings):
    """The years in which a meeting started, latest first.

    One scan of the date index, the year cut from each date as text by the database (3 ms at 10,000
    meetings on SQLite). Asking of each year whether it has a meeting (one EXISTS a year) read less,
    but Django took 40 ms to build those thirty queries.
    """
    year = Substr(Cast("start_date", CharField()), 1, 4)
    found = meetings.order_by().annotate(year=year).values_list("year", flat=True).distinct()
    return sorted((int(value) for value in found), reverse=True)


def _applied_filters(filterset):
    """(name, label) of each valid filter in use, as the page's title and description name them."""
    filterset.is_valid()  # A value that is not valid is left out of cleaned_data, and of the list.
    data = filterset.form.cleaned_data
    labels = []
    for name in LIST_FILTERS:
        value = data.get(name)
        if value in (None, ""):
            continue
        if name == "kind":
            label = Meeting.Kind(value).label
        elif name == "format":
            label = Meeting.Format(value).label
        elif name in ("body", "country"):
            label = value.name
        else:
            label = str(value)
        labels.append((name, str(label)))
    return labels


class MeetingDetailView(PublishableDetailView):
    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request)
            .select_related("body", "host_country", "organising_country", "measure")
            .prefetch_related(
                Prefetch("changes", queryset=MeetingChange.objects.select_related("previous_host_country")),
                "documents",
                "photos",
                Prefetch(
                    "founding_documents",
                    queryset=FoundingDocument.objects.published(),
                    to_attr="published_founding_documents",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Sizes and addresses come from the renditions stored with each photo: no file is opened.
        photos = list(self.object.photos.all())
        context["photos"] = photos
        first = next((photo for photo in photos if photo.renditions), None)
        if first:
            largest = first.picture()["largest"]
            context["share_image"] = {
                "url": self.request.build_absolute_uri(largest["url"]),
                "width": largest["width"],
                "height": largest["height"],
                "alt": "" if first.decorative else first.alt_text,
            }
        context["latest_change"] = next(iter(self.object.changes.all()), None)
        context["structured_data"] = meeting_data(
            self.request, self.object, photos, get_site_organisation(self.request)
        )
        return context


def meeting_data(request, meeting, photos, organisation):
    """schema.org Event for JSON-LD: status and attendance mode from the meeting's own fields."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    starts_at, ends_at = meeting.starts_at(), meeting.ends_at()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "url": url,
        "startDate": (starts_at or meeting.start_date).isoformat(),
        "endDate": (ends_at or meeting.end_date).isoformat(),
        "eventStatus": "https://schema.org/" + EVENT_STATUSES.get(meeting.meeting_status, "EventScheduled"),
        "eventAttendanceMode": "https://schema.org/"
        + ATTENDANCE_MODES.get(meeting.format, "OfflineEventAttendanceMode"),
    }
    if meeting.summary:
        data["description"] = meeting.summary
    locations = []
    if meeting.format != Meeting.Format.VIRTUAL:
        address = {"@type": "PostalAddress"}
        if meeting.city:
            address["addressLocality"] = meeting.city
        if meeting.host_country:
            address["addressCountry"] = meeting.host_country.code
        place = {"@type": "Place", "address": address}
        place["name"] = meeting.place()
        locations.append(place)
    if meeting.format != Meeting.Format.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    changes = list(meeting.changes.all())
    if changes and changes[0].previous_start_date != meeting.start_date:
        data["previousStartDate"] = changes[0].previous_start_date.isoformat()
    images = [
        request.build_absolute_uri(photo.picture()["largest"]["url"]) for photo in photos if photo.renditions
    ]
    if images:
        data["image"] = images
    if organisation:
        data["organizer"] = {
            "@type": "Organization",
            "@id": organisation_id(request),
            "name": organisation.name,
            "url": request.build_absolute_uri("/"),
        }
    return data


@require_GET
def meeting_document_file(request, pk):
    """An outcome document's PDF, as a download; a draft meeting's only for those who may see it."""
    document = get_object_or_404(
        MeetingDocument.objects.filter(meeting__in=Meeting.objects.visible_to(request)).exclude(file=""),
        pk=pk,
    )
    response = serve_pdf(document)
    return response if document.meeting.is_published() else mark_preview(response)
