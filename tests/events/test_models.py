import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import TestCase

from events.models import Meeting, MeetingDocument
from tests.factories import days, make_country, make_meeting, today


class MeetingQuerySetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.upcoming = make_meeting("Upcoming", start_date=today() + days(10))
        cls.running = make_meeting("Running", start_date=today() - days(1), end_date=today() + days(1))
        cls.past = make_meeting("Past", start_date=today() - days(10))
        cls.draft = make_meeting("Draft", published=False, start_date=today() + days(5))

    def test_upcoming_includes_meetings_under_way_soonest_first(self):
        self.assertQuerySetEqual(Meeting.objects.published().upcoming(), [self.running, self.upcoming])

    def test_past_newest_first(self):
        self.assertQuerySetEqual(Meeting.objects.published().past(), [self.past])

    def test_drafts_are_not_published(self):
        self.assertNotIn(self.draft, Meeting.objects.published())

    def test_for_country_finds_hosted_and_organised_meetings(self):
        country = make_country()
        hosted = make_meeting(host_country=country)
        organised = make_meeting(organising_country=country, format=Meeting.Format.VIRTUAL, city="")
        self.assertQuerySetEqual(Meeting.objects.for_country(country).order_by("pk"), [hosted, organised])


class MeetingValidationTests(TestCase):
    def meeting(self, **kwargs):
        defaults = {
            "title": "A meeting",
            "slug": "a-meeting",
            "kind": Meeting.Kind.EXPERTS,
            "start_date": datetime.date(2021, 9, 23),
        }
        return Meeting(**(defaults | kwargs))

    def test_end_before_start_is_refused(self):
        meeting = self.meeting(end_date=datetime.date(2021, 9, 22))
        with self.assertRaises(ValidationError) as caught:
            meeting.full_clean()
        self.assertEqual(
            caught.exception.message_dict["end_date"], ["The meeting cannot end before it starts."]
        )

    def test_end_before_start_is_refused_by_the_database_too(self):
        with self.assertRaises(IntegrityError):
            make_meeting(start_date=today(), end_date=today() - days(1))

    def test_one_day_meeting_gets_its_end_date(self):
        meeting = self.meeting()
        meeting.full_clean()
        self.assertEqual(meeting.end_date, meeting.start_date)

    def test_a_time_needs_a_time_zone(self):
        with self.assertRaises(ValidationError) as caught:
            self.meeting(start_time=datetime.time(10)).full_clean()
        self.assertIn("time_zone", caught.exception.message_dict)

    def test_end_time_before_start_time_on_one_day_is_refused(self):
        meeting = self.meeting(start_time=datetime.time(10), end_time=datetime.time(9), time_zone="Asia/Baku")
        with self.assertRaises(ValidationError) as caught:
            meeting.full_clean()
        self.assertIn("end_time", caught.exception.message_dict)

    def test_virtual_meeting_has_no_city(self):
        with self.assertRaises(ValidationError) as caught:
            self.meeting(format=Meeting.Format.VIRTUAL, city="Baku").full_clean()
        self.assertIn("city", caught.exception.message_dict)

    def test_unknown_time_zone_is_refused(self):
        # As soon as it is given: the field holds time zones, never names it does not know.
        with self.assertRaisesMessage(ValidationError, "Invalid timezone 'Mars/Olympus'"):
            self.meeting(start_time=datetime.time(10), time_zone="Mars/Olympus")

    def test_start_in_its_time_zone(self):
        meeting = self.meeting(start_time=datetime.time(10), time_zone="Asia/Baku")
        self.assertEqual(meeting.starts_at().utcoffset(), datetime.timedelta(hours=4))

    def test_a_time_without_a_time_zone_takes_the_host_countrys(self):
        meeting = self.meeting(start_time=datetime.time(10), host_country=make_country("Azerbaijan", "AZ"))
        meeting.full_clean()
        self.assertEqual(meeting.time_zone, zoneinfo.ZoneInfo("Asia/Baku"))

    def test_a_host_country_with_several_zones_gives_its_capitals(self):
        meeting = self.meeting(start_time=datetime.time(10), host_country=make_country("Russia", "RU"))
        meeting.full_clean()
        self.assertEqual(str(meeting.time_zone), "Europe/Moscow")

    def test_a_time_zone_given_is_kept(self):
        meeting = self.meeting(
            start_time=datetime.time(10), time_zone="Asia/Almaty", host_country=make_country("Russia", "RU")
        )
        meeting.full_clean()
        self.assertEqual(str(meeting.time_zone), "Asia/Almaty")

    def test_without_a_time_the_time_zone_stays_empty(self):
        meeting = self.meeting(host_country=make_country("Azerbaijan", "AZ"))
        meeting.full_clean()
        self.assertIsNone(meeting.time_zone)

    def test_a_host_country_of_no_known_zone_still_needs_one(self):
        meeting = self.meeting(start_time=datetime.time(10), host_country=make_country("Antarctica", "AQ"))
        with self.assertRaises(ValidationError) as caught:
            meeting.full_clean()
        self.assertEqual(
            caught.exception.message_dict["time_zone"], ["Choose the time zone the times are in."]
        )


class MeetingChangeTests(TestCase):
    def test_a_published_meeting_moved_records_what_was_announced(self):
        meeting = make_meeting(start_date=today() + days(10), city="Baku")
        previous = Meeting.objects.get(pk=meeting.pk)
        meeting.start_date = meeting.end_date = today() + days(40)
        meeting.format = Meeting.Format.VIRTUAL
        meeting.city = ""
        change = meeting.change_from(previous)
        self.assertEqual(change.previous_start_date, today() + days(10))
        self.assertEqual(change.previous_format, Meeting.Format.IN_PERSON)
        self.assertEqual(change.previous_city, "Baku")

    def test_an_unchanged_meeting_records_nothing(self):
        meeting = make_meeting()
        meeting.summary = "Only the summary changed."
        self.assertIsNone(meeting.change_from(Meeting.objects.get(pk=meeting.pk)))

    def test_a_draft_records_nothing(self):
        meeting = make_meeting(published=False)
        previous = Meeting.objects.get(pk=meeting.pk)
        meeting.start_date = meeting.end_date = today() + days(90)
        self.assertIsNone(meeting.change_from(previous))

    def test_a_cancellation_is_recorded(self):
        meeting = make_meeting(meeting_status=Meeting.MeetingStatus.CONFIRMED)
        previous = Meeting.objects.get(pk=meeting.pk)
        meeting.meeting_status = Meeting.MeetingStatus.CANCELLED
        self.assertEqual(meeting.change_from(previous).previous_status, Meeting.MeetingStatus.CONFIRMED)


class MeetingDocumentTests(TestCase):
    def test_a_document_needs_a_file_or_a_link(self):
        document = MeetingDocument(meeting=make_meeting(), title="Declaration")
        with self.assertRaisesMessage(ValidationError, "Upload the file or give a link to it."):
            document.full_clean()

    def test_ordinal_in_words(self):
        self.assertEqual(Meeting(ordinal=3).ordinal_word(), "third")
