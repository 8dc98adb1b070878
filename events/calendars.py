"""The meetings as iCalendar (RFC 5545): the whole calendar, per body, per country, and one meeting.

Each meeting keeps one UID in every calendar and language (`meeting-<pk>@<host>`), so a calendar
application updates the event it has rather than adding a second one; SEQUENCE counts the announced
changes. Times carry their time zone (TZID with its VTIMEZONE); a meeting without a time is an
all-day event whose DTEND is the day after it ends, as the standard says.
"""

import datetime

from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.filters import MeetingFilterSet
from events.models import Meeting
from organisation.context_processors import get_site_organisation
from organisation.models import Body, Country

PRODUCT_ID = "-//CICA website//Meetings//EN"
REFRESH = datetime.timedelta(hours=12)
REFRESH_TEXT = "PT12H"  # The same, as X-PUBLISHED-TTL wants it.

STATUSES = {
    Meeting.MeetingStatus.PLANNED: "TENTATIVE",
    Meeting.MeetingStatus.CONFIRMED: "CONFIRMED",
    Meeting.MeetingStatus.POSTPONED: "TENTATIVE",
    Meeting.MeetingStatus.RESCHEDULED: "CONFIRMED",
    Meeting.MeetingStatus.MOVED_ONLINE: "CONFIRMED",
    Meeting.MeetingStatus.CANCELLED: "CANCELLED",
    Meeting.MeetingStatus.HELD: "CONFIRMED",
}
# Most calendar applications do not show STATUS: these say it in the title too.
FLAGGED_STATUSES = {Meeting.MeetingStatus.POSTPONED, Meeting.MeetingStatus.CANCELLED}


def meetings_for_calendar(queryset):
    return (
        queryset.select_related("host_country")
        .annotate(change_count=Count("changes"))
        .order_by("start_date", "start_time", "pk")
    )


def meeting_uid(meeting, request):
    return f"meeting-{meeting.pk}@{request.get_host().split(':')[0]}"


def meeting_event(meeting, request):
    import icalendar  # Only the calendar views need it: not loaded in every web worker.

    event = icalendar.Event()
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event.add("uid", meeting_uid(meeting, request))
    # No METHOD: DTSTAMP is then when the information last changed (RFC 5545, 3.8.7.2).
    event.add("dtstamp", meeting.updated_at)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("sequence", getattr(meeting, "change_count", 0))
    title = meeting.title
    if meeting.meeting_status in FLAGGED_STATUSES:
        title = _("%(status)s: %(title)s") % {"status": meeting.get_meeting_status_display(), "title": title}
    event.add("summary", title)
    starts_at, ends_at = meeting.starts_at(), meeting.ends_at()
    if starts_at:
        event.add("dtstart", starts_at)
        if ends_at:
            event.add("dtend", ends_at)
        elif meeting.is_multi_day():
            # The end time is not known: the event lasts until the end of its last day.
            next_day = meeting.end_date + datetime.timedelta(days=1)
            event.add("dtend", datetime.datetime.combine(next_day, datetime.time(), tzinfo=starts_at.tzinfo))
    else:
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + datetime.timedelta(days=1))  # DTEND is exclusive.
    event.add("status", STATUSES.get(meeting.meeting_status, "TENTATIVE"))
    place = meeting.place()
    if place:
        event.add("location", place)
    event.add("url", url)
    event.add("description", "\n\n".join(part for part in (meeting.summary, url) if part))
    event.add("categories", [meeting.get_kind_display()])
    event.add("transp", "TRANSPARENT")  # An announcement, not a block in the subscriber's own day.
    return event


def build_calendar(meetings, request, name):
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The calendar's name (RFC 7986) and the older X-WR-CALNAME that most applications read.
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_TEXT)
    meetings = list(meetings)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, request))
    if meetings:
        # Time zone rules only for the years the meetings span, to keep the file small.
        first = min(meeting.start_date for meeting in meetings).replace(month=1, day=1)
        last = max(meeting.end_date for meeting in meetings).replace(month=12, day=31)
        calendar.add_missing_timezones(first_date=first, last_date=last + datetime.timedelta(days=1))
    return calendar


def calendar_response(calendar, filename, attachment=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar_name(request, name):
    organisation = get_site_organisation(request)
    if organisation:
        return _("%(name)s – %(acronym)s") % {"name": name, "acronym": organisation.acronym}
    return name


def calendar(request):
    """Every published meeting, or those the meetings list's filters select (same query string)."""
    filterset = MeetingFilterSet(request.GET, queryset=Meeting.objects.published())
    if not filterset.is_valid():
        # A calendar application shows no page: a filter it would silently drop would subscribe
        # the visitor to every meeting.
        reasons = [
            f"{name}: {error}" if name != "__all__" else str(error)
            for name, errors in filterset.errors.items()
            for error in errors
        ]
        return HttpResponseBadRequest("\n".join(reasons) + "\n", content_type="text/plain; charset=utf-8")
    name = _calendar_name(request, _("Meetings"))
    meetings = meetings_for_calendar(filterset.qs)
    return calendar_response(build_calendar(meetings, request, name), f"meetings-{get_language()}.ics")


def body_calendar(request, slug):
    body = get_object_or_404(Body, slug=slug)
    filterset = MeetingFilterSet({"body": body.slug}, queryset=Meeting.objects.published())
    name = _calendar_name(request, _("Meetings: %(body)s") % {"body": body.name})
    return calendar_response(
        build_calendar(meetings_for_calendar(filterset.qs), request, name),
        f"{body.slug}-{get_language()}.ics",
    )


def country_calendar(request, slug):
    """Meetings a country hosted or organised."""
    country = get_object_or_404(Country, slug=slug)
    filterset = MeetingFilterSet({"country": country.code}, queryset=Meeting.objects.published())
    name = _calendar_name(
        request, _("Meetings hosted or organised by %(country)s") % {"country": country.name}
    )
    return calendar_response(
        build_calendar(meetings_for_calendar(filterset.qs), request, name),
        f"{country.slug}-{get_language()}.ics",
    )


def meeting_calendar(request, slug):
    """One meeting, to add to a calendar."""
    meeting = get_object_or_404(meetings_for_calendar(Meeting.objects.published()), slug=slug)
    calendar = build_calendar([meeting], request, meeting.title)
    return calendar_response(calendar, f"{slugify(meeting.slug)[:80]}.ics", attachment=True)
