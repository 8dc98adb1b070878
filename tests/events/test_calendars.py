import datetime

import icalendar
from django.test import TestCase
from django.utils import timezone

from events.models import Meeting, MeetingChange
from tests.factories import days, make_body, make_country, make_meeting, make_organisation, today


def events_in(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


class CalendarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.summit = make_body("Meeting of Heads of State and Government", slug="summit")
        cls.timed = make_meeting(
            "Expert meeting in Baku",
            start_date=today() + days(30),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 30),
            time_zone="Asia/Baku",
            host_country=cls.azerbaijan,
            summary="Experts on transport corridors.",
        )
        cls.all_day = make_meeting(
            "Summit in Astana",
            kind=Meeting.Kind.SUMMIT,
            body=cls.summit,
            start_date=today() + days(60),
            end_date=today() + days(61),
            city="Astana",
        )
        cls.cancelled = make_meeting(
            "Cancelled meeting",
            meeting_status=Meeting.MeetingStatus.CANCELLED,
            organising_country=cls.azerbaijan,
        )
        make_meeting("Draft meeting", published=False)
        make_meeting("Scheduled meeting", publish_at=timezone.now() + days(1))

    def uid(self, meeting):
        return f"meeting-{meeting.pk}@testserver"

    def test_calendar_is_served_as_icalendar(self):
        response = self.client.get("/en/meetings/calendar.ics")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        calendar = icalendar.Calendar.from_ical(response.content)
        self.assertEqual(
            (str(calendar["VERSION"]), str(calendar["PRODID"])), ("2.0", "-//CICA website//Meetings//EN")
        )
        self.assertEqual(str(calendar["X-WR-CALNAME"]), "Meetings – CICA")

    def test_a_filter_not_understood_is_a_400_saying_why(self):
        response = self.client.get("/en/meetings/calendar.ics?kind=bogus&year=soon")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertEqual(
            response.content.decode().splitlines(),
            [
                "kind: Select a valid choice. bogus is not one of the available choices.",
                "year: Enter a whole number.",
            ],
        )

    def test_calendar_holds_every_published_meeting_only(self):
        events = events_in(self.client.get("/en/meetings/calendar.ics"))
        self.assertEqual(
            {str(event["SUMMARY"]) for event in events.values()},
            {"Expert meeting in Baku", "Summit in Astana", "Cancelled: Cancelled meeting"},
        )

    def test_each_meeting_keeps_one_uid_in_every_calendar_and_language(self):
        uid = self.uid(self.timed)
        for url in (
            "/en/meetings/calendar.ics",
            "/ru/meetings/calendar.ics",
            "/en/meetings/calendar/country/azerbaijan.ics",
            f"/az/meetings/{self.timed.slug}/calendar.ics",
        ):
            with self.subTest(url=url):
                self.assertIn(uid, events_in(self.client.get(url)))

    def test_times_carry_their_time_zone_with_its_definition(self):
        response = self.client.get("/en/meetings/calendar.ics")
        event = events_in(response)[self.uid(self.timed)]
        self.assertIn(b"DTSTART;TZID=Asia/Baku:", response.content)
        self.assertEqual(event.decoded("DTSTART").isoformat(), f"{today() + days(30)}T10:00:00+04:00")
        self.assertEqual(event.decoded("DTEND").isoformat(), f"{today() + days(30)}T12:30:00+04:00")
        calendar = icalendar.Calendar.from_ical(response.content)
        self.assertEqual([str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")], ["Asia/Baku"])

    def test_a_meeting_without_a_time_is_all_day_and_ends_the_day_after(self):
        response = self.client.get("/en/meetings/calendar.ics")
        event = events_in(response)[self.uid(self.all_day)]
        self.assertEqual(event.decoded("DTSTART"), today() + days(60))
        self.assertEqual(event.decoded("DTEND"), today() + days(62))
        self.assertIn(f"DTEND;VALUE=DATE:{today() + days(62):%Y%m%d}".encode(), response.content)

    def test_a_cancelled_meeting_is_marked_cancelled(self):
        event = events_in(self.client.get("/en/meetings/calendar.ics"))[self.uid(self.cancelled)]
        self.assertEqual(str(event["STATUS"]), "CANCELLED")

    def test_status_place_link_and_description(self):
        event = events_in(self.client.get("/en/meetings/calendar.ics"))[self.uid(self.timed)]
        self.assertEqual(str(event["STATUS"]), "TENTATIVE")
        self.assertEqual(str(event["LOCATION"]), "Baku, Azerbaijan")
        self.assertEqual(str(event["URL"]), f"http://testserver{self.timed.get_absolute_url()}")
        self.assertEqual(
            str(event["DESCRIPTION"]),
            f"Experts on transport corridors.\n\nhttp://testserver{self.timed.get_absolute_url()}",
        )

    def test_an_online_meeting_is_located_online(self):
        meeting = make_meeting(format=Meeting.Format.VIRTUAL, city="")
        event = events_in(self.client.get(f"/en/meetings/{meeting.slug}/calendar.ics"))[self.uid(meeting)]
        self.assertEqual(str(event["LOCATION"]), "Online")

    def test_sequence_counts_the_announced_changes(self):
        MeetingChange.objects.create(
            meeting=self.timed,
            previous_status=Meeting.MeetingStatus.PLANNED,
            previous_start_date=today() + days(10),
            previous_end_date=today() + days(10),
            previous_format=Meeting.Format.IN_PERSON,
        )
        event = events_in(self.client.get("/en/meetings/calendar.ics"))[self.uid(self.timed)]
        self.assertEqual(event["SEQUENCE"], 1)

    def test_last_modified_is_the_meetings_last_change(self):
        event = events_in(self.client.get("/en/meetings/calendar.ics"))[self.uid(self.timed)]
        self.timed.refresh_from_db()
        self.assertEqual(event.decoded("LAST-MODIFIED"), self.timed.updated_at.replace(microsecond=0))
        self.assertEqual(event.decoded("DTSTAMP"), self.timed.updated_at.replace(microsecond=0))

    def test_body_calendar_holds_that_bodys_meetings(self):
        events = events_in(self.client.get("/en/meetings/calendar/body/summit.ics"))
        self.assertEqual(list(events), [self.uid(self.all_day)])

    def test_country_calendar_holds_the_meetings_it_hosted_or_organised(self):
        events = events_in(self.client.get("/en/meetings/calendar/country/azerbaijan.ics"))
        self.assertEqual(set(events), {self.uid(self.timed), self.uid(self.cancelled)})

    def test_calendar_takes_the_meetings_list_filters(self):
        events = events_in(self.client.get("/en/meetings/calendar.ics", {"kind": "summit"}))
        self.assertEqual(list(events), [self.uid(self.all_day)])

    def test_unknown_body_or_country_is_not_found(self):
        self.assertEqual(self.client.get("/en/meetings/calendar/body/nothing.ics").status_code, 404)
        self.assertEqual(self.client.get("/en/meetings/calendar/country/nowhere.ics").status_code, 404)

    def test_one_meeting_is_offered_as_a_file_to_add(self):
        response = self.client.get(f"/en/meetings/{self.timed.slug}/calendar.ics")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="{self.timed.slug}.ics"')
        self.assertEqual(list(events_in(response)), [self.uid(self.timed)])

    def test_a_draft_meeting_has_no_calendar_file(self):
        draft = Meeting.objects.get(title="Draft meeting")
        self.assertEqual(self.client.get(f"/en/meetings/{draft.slug}/calendar.ics").status_code, 404)

    def test_calendar_speaks_the_language_of_its_address(self):
        Meeting.objects.filter(pk=self.cancelled.pk).update(title_ru="Отменённое совещание")
        response = self.client.get("/ru/meetings/calendar.ics")
        event = events_in(response)[self.uid(self.cancelled)]
        self.assertTrue(str(event["SUMMARY"]).endswith("Отменённое совещание"))
        self.assertEqual(str(event["URL"]), f"http://testserver/ru/meetings/{self.cancelled.slug}/")
        self.assertEqual(response["Content-Language"], "ru")

    def test_subscribers_are_told_how_often_to_refresh(self):
        calendar = icalendar.Calendar.from_ical(self.client.get("/en/meetings/calendar.ics").content)
        self.assertEqual(calendar.decoded("REFRESH-INTERVAL"), datetime.timedelta(hours=12))
        self.assertEqual(str(calendar["X-PUBLISHED-TTL"]), "PT12H")


class CalendarLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_footer_links_the_calendar_and_feeds(self):
        response = self.client.get("/en/")
        self.assertContains(
            response,
            '<a href="/en/meetings/calendar.ics" type="text/calendar">Meetings calendar (iCalendar)</a>',
            html=True,
        )
        self.assertContains(
            response,
            '<a href="/en/feeds/meetings/" type="application/atom+xml">Meetings feed (Atom)</a>',
            html=True,
        )
