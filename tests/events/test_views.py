import datetime
import re

import html5lib
from django.template.defaultfilters import filesizeformat
from django.test import TestCase, override_settings
from django.utils import timezone

from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto
from tests.factories import (
    days,
    make_body,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_organisation,
    read_schedule,
    today,
)
from tests.files import image_file, pdf_file

# The meetings list's query budget, context processors included, whatever the number of meetings,
# with every cache off (see tests/organisation/test_views.py).
MEETING_LIST_QUERIES = 8


class MeetingListViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_shows_upcoming_and_past_sections(self):
        make_meeting("Next expert meeting", start_date=today() + days(20))
        make_meeting("Earlier expert meeting", start_date=today() - days(20))
        response = self.client.get("/en/meetings/")
        content = response.content.decode()
        self.assertContains(response, '<h2 id="upcoming-heading">Upcoming meetings</h2>', html=True)
        self.assertLess(content.index("Next expert meeting"), content.index("Past meetings"))
        self.assertGreater(content.index("Earlier expert meeting"), content.index("Past meetings"))

    def test_shows_dates_kind_and_place(self):
        make_meeting(
            start_date=datetime.date(2018, 4, 13),
            end_date=datetime.date(2018, 4, 14),
            kind=Meeting.Kind.YOUTH_COUNCIL,
            host_country=make_country("Azerbaijan", "AZ"),
        )
        response = self.client.get("/en/meetings/")
        self.assertContains(response, "13–14 April 2018")
        self.assertContains(response, "Youth council conference · Baku, Azerbaijan")

    def test_says_online_for_a_virtual_meeting(self):
        make_meeting(format=Meeting.Format.VIRTUAL, city="", kind=Meeting.Kind.EXPERTS)
        response = self.client.get("/en/meetings/")
        self.assertContains(response, "Expert meeting · Online")

    def test_shows_a_status_other_than_planned_or_held(self):
        make_meeting("Postponed meeting", meeting_status=Meeting.MeetingStatus.POSTPONED)
        make_meeting("Planned meeting")
        response = self.client.get("/en/meetings/")
        self.assertContains(response, '<strong class="meeting-status">Postponed</strong>', html=True)
        self.assertNotContains(response, '<strong class="meeting-status">Planned</strong>', html=True)

    def test_leaves_out_draft_and_scheduled_meetings(self):
        make_meeting("Draft meeting", published=False)
        make_meeting("Scheduled meeting", publish_at=timezone.now() + days(1))
        response = self.client.get("/en/meetings/")
        self.assertNotContains(response, "Draft meeting")
        self.assertNotContains(response, "Scheduled meeting")

    def test_paginates_past_meetings_by_twenty(self):
        for n in range(21):
            make_meeting(f"Past meeting no. {n}", start_date=today() - days(10 + n))
        first = self.client.get("/en/meetings/")
        second = self.client.get("/en/meetings/?page=2")
        self.assertContains(first, "Past meeting no. 19<")
        self.assertNotContains(first, "Past meeting no. 20<")
        self.assertContains(first, "Page 1 of 2")
        self.assertContains(second, "Past meeting no. 20<")

    def test_a_page_that_does_not_exist_is_not_found(self):
        for n in range(21):
            make_meeting(f"Past meeting no. {n}", start_date=today() - days(10 + n))
        for query in ("page=3", "page=0", "page=-1", "page=two", "when=upcoming&page=2"):
            with self.subTest(query=query):
                self.assertEqual(self.client.get(f"/en/meetings/?{query}").status_code, 404)

    def test_the_first_page_shows_twenty_upcoming_meetings_and_links_to_the_others(self):
        for n in range(21):
            make_meeting(f"Upcoming meeting no. {n}", start_date=today() + days(10 + n))
        response = self.client.get("/en/meetings/")
        self.assertContains(response, "Upcoming meeting no. 19<")
        self.assertNotContains(response, "Upcoming meeting no. 20<")
        self.assertContains(response, '<a href="?when=upcoming">See all 21 upcoming meetings</a>', html=True)

    def test_upcoming_meetings_have_pages_of_their_own(self):
        for n in range(21):
            make_meeting(f"Upcoming meeting no. {n}", start_date=today() + days(10 + n))
        make_meeting("Earlier expert meeting", start_date=today() - days(20))
        first = self.client.get("/en/meetings/", {"when": "upcoming"})
        second = self.client.get("/en/meetings/", {"when": "upcoming", "page": "2"})
        self.assertContains(first, "<title>Upcoming meetings – CICA</title>", html=True)
        description = "Upcoming meetings of the CICA, with their dates and places."
        self.assertContains(first, f'<meta name="description" content="{description}">')
        self.assertContains(first, "Upcoming meeting no. 19<")
        self.assertContains(
            first, '<a href="?when=upcoming&amp;page=2" rel="next">Later meetings</a>', html=True
        )
        self.assertNotContains(first, "Earlier expert meeting")
        self.assertContains(first, '<a href="/en/meetings/">Upcoming and past meetings</a>', html=True)
        self.assertContains(second, "<title>Upcoming meetings – page 2 – CICA</title>", html=True)
        self.assertContains(second, "Upcoming meeting no. 20<")
        self.assertContains(
            second, '<a href="?when=upcoming&amp;page=1" rel="prev">Sooner meetings</a>', html=True
        )

    def test_past_meetings_alone_say_nothing_of_upcoming_ones(self):
        make_meeting("Next expert meeting", start_date=today() + days(20))
        make_meeting("Earlier expert meeting", start_date=today() - days(20))
        response = self.client.get("/en/meetings/", {"when": "past"})
        self.assertContains(response, "Earlier expert meeting")
        self.assertNotContains(response, "Next expert meeting")
        self.assertNotContains(response, "Upcoming meetings</h2>")
        self.assertNotContains(response, "No upcoming meetings")

    def test_the_link_to_all_upcoming_meetings_keeps_the_filters(self):
        for n in range(21):
            make_meeting(f"Summit no. {n}", kind=Meeting.Kind.SUMMIT, start_date=today() + days(10 + n))
        response = self.client.get("/en/meetings/", {"kind": "summit"})
        self.assertContains(
            response, '<a href="?kind=summit&amp;when=upcoming">See all 21 upcoming meetings</a>', html=True
        )
        upcoming = self.client.get("/en/meetings/", {"kind": "summit", "when": "upcoming"})
        self.assertContains(upcoming, "<title>Upcoming meetings: Summit – CICA</title>", html=True)
        self.assertContains(
            upcoming, '<a href="/en/meetings/?kind=summit">Upcoming and past meetings</a>', html=True
        )

    def test_the_filter_choices_follow_changes_to_the_meetings(self):
        make_meeting(start_date=datetime.date(2011, 4, 20))
        self.assertNotContains(self.client.get("/en/meetings/"), '<option value="1999">')
        # The form's choices are a fragment kept per content version: a save starts a new one.
        make_meeting(start_date=datetime.date(1999, 9, 14), host_country=make_country("Bhutan", "BT"))
        response = self.client.get("/en/meetings/")
        self.assertContains(response, '<option value="1999">1999</option>', html=True)
        self.assertContains(response, '<option value="BT">Bhutan</option>', html=True)

    def test_the_filter_choices_are_read_once_until_the_meetings_change(self):
        make_meeting(start_date=today() - days(5))
        self.client.get("/en/meetings/")
        # Now from cached fragments and values: the form's bodies, countries and years (three
        # queries), the footer's pages and the organisation's profile (two).
        with self.assertNumQueries(MEETING_LIST_QUERIES - 5):
            self.client.get("/en/meetings/", {"page": "1"})

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_meetings(self):
        read_schedule()
        make_meeting(start_date=today() + days(5))
        make_meeting(start_date=today() - days(5))
        with self.assertNumQueries(MEETING_LIST_QUERIES):
            self.client.get("/en/meetings/")
        for n in range(10):
            make_meeting(start_date=today() + days(n - 5), host_country=make_country())
        with self.assertNumQueries(MEETING_LIST_QUERIES):
            self.client.get("/en/meetings/")


class MeetingListFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kazakhstan = make_organisation().secretariat_country
        cls.summit = make_body("Meeting of Heads of State and Government", slug="summit")
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_meeting(
            "Astana Summit",
            kind=Meeting.Kind.SUMMIT,
            body=cls.summit,
            host_country=cls.kazakhstan,
            start_date=datetime.date(2022, 10, 12),
        )
        make_meeting(
            "Baku expert meeting", host_country=cls.azerbaijan, start_date=datetime.date(2011, 4, 20)
        )
        make_meeting(
            "Online expert meeting",
            organising_country=cls.azerbaijan,
            format=Meeting.Format.VIRTUAL,
            city="",
            start_date=datetime.date(2021, 9, 23),
        )
        make_meeting(
            "Coming summit", kind=Meeting.Kind.SUMMIT, body=cls.summit, start_date=today() + days(30)
        )

    def titles(self, response):
        return [
            meeting.title
            for meeting in [*response.context["upcoming_meetings"], *response.context["past_meetings"]]
        ]

    def test_filters_by_kind(self):
        response = self.client.get("/en/meetings/", {"kind": "summit"})
        self.assertEqual(self.titles(response), ["Coming summit", "Astana Summit"])

    def test_filters_by_body(self):
        response = self.client.get("/en/meetings/", {"body": "summit"})
        self.assertEqual(self.titles(response), ["Coming summit", "Astana Summit"])

    def test_filters_by_year(self):
        response = self.client.get("/en/meetings/", {"year": "2011"})
        self.assertEqual(self.titles(response), ["Baku expert meeting"])

    def test_filters_by_country_hosting_or_organising(self):
        response = self.client.get("/en/meetings/", {"country": "AZ"})
        self.assertEqual(self.titles(response), ["Online expert meeting", "Baku expert meeting"])

    def test_filters_by_format(self):
        response = self.client.get("/en/meetings/", {"format": "virtual"})
        self.assertEqual(self.titles(response), ["Online expert meeting"])

    def test_combines_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit", "country": "KZ"})
        self.assertEqual(self.titles(response), ["Astana Summit"])

    def test_form_shows_the_chosen_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit", "year": "2022", "country": "KZ"})
        self.assertContains(response, '<option value="summit" selected>Summit</option>', html=True)
        self.assertContains(response, '<option value="2022" selected>2022</option>', html=True)
        self.assertContains(response, '<option value="KZ" selected>Kazakhstan</option>', html=True)

    def test_offers_the_years_and_countries_that_have_meetings(self):
        response = self.client.get("/en/meetings/")
        expected_years = sorted({(today() + days(30)).year, 2022, 2021, 2011}, reverse=True)
        self.assertEqual(response.context["years"], expected_years)
        self.assertEqual({country.code for country in response.context["countries"]}, {"AZ", "KZ"})

    def test_filter_form_works_without_javascript(self):
        response = self.client.get("/en/meetings/")
        self.assertContains(response, '<form class="filters" method="get" action="/en/meetings/">')
        self.assertContains(response, '<button type="submit">Show meetings</button>', html=True)
        self.assertContains(response, '<label for="filter-kind">Kind</label>', html=True)

    def test_empty_fields_are_dropped_from_the_address(self):
        response = self.client.get(
            "/en/meetings/", {"kind": "summit", "body": "", "year": "", "country": "", "format": ""}
        )
        self.assertRedirects(response, "/en/meetings/?kind=summit")

    def test_all_empty_fields_lead_to_the_plain_list(self):
        response = self.client.get("/en/meetings/", {"kind": "", "format": ""})
        self.assertRedirects(response, "/en/meetings/")

    def test_title_and_summary_name_the_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit", "country": "KZ"})
        self.assertContains(response, "<title>Meetings: Summit, Kazakhstan – CICA</title>", html=True)
        self.assertContains(response, "1 meeting for: Summit, Kazakhstan.")
        self.assertContains(response, '<a href="/en/meetings/">Clear the filters</a>', html=True)

    def test_a_filter_it_does_not_understand_is_reported_and_left_out(self):
        response = self.client.get("/en/meetings/", {"kind": "picnic", "country": "AZ"})
        self.assertContains(response, "Some filters in this address were not understood and were left out:")
        self.assertEqual(self.titles(response), ["Online expert meeting", "Baku expert meeting"])

    def test_each_filter_not_understood_is_named_on_a_line_of_its_own(self):
        response = self.client.get("/en/meetings/", {"kind": "picnic", "year": "soon"})
        notice = html5lib.parse(response.content, treebuilder="etree").find(".//{*}div[@class='notice']")
        text = " ".join("".join(notice.itertext()).split())
        self.assertIn("picnic is not one of the available choices. Year: Enter a whole number.", text)
        self.assertIn("Kind: Select a valid choice.", text)

    def test_says_when_no_meeting_matches(self):
        response = self.client.get("/en/meetings/", {"year": "1990"})
        self.assertContains(response, "No upcoming meetings match these filters.")
        self.assertContains(response, "No past meetings match these filters.")

    def test_share_links_and_canonical_keep_the_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit", "country": "KZ"})
        self.assertContains(
            response,
            '<link rel="canonical" href="http://testserver/en/meetings/?kind=summit&amp;country=KZ">',
        )
        self.assertContains(
            response, 'data-share-url="http://testserver/en/meetings/?kind=summit&amp;country=KZ"'
        )
        self.assertContains(
            response, "u=http%3A%2F%2Ftestserver%2Fen%2Fmeetings%2F%3Fkind%3Dsummit%26country%3DKZ"
        )

    def test_pagination_keeps_the_filters(self):
        for n in range(21):
            make_meeting(
                f"Old summit {n}", kind=Meeting.Kind.SUMMIT, start_date=datetime.date(2000, 1, 1) + days(n)
            )
        response = self.client.get("/en/meetings/", {"kind": "summit"})
        self.assertContains(
            response, '<a href="?kind=summit&amp;page=2" rel="next">Older meetings</a>', html=True
        )
        second = self.client.get("/en/meetings/", {"kind": "summit", "page": "2"})
        self.assertContains(
            second, '<a href="?kind=summit&amp;page=1" rel="prev">Newer meetings</a>', html=True
        )
        self.assertContains(second, "<title>Meetings: Summit – page 2 – CICA</title>", html=True)

    def test_calendar_link_keeps_the_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit"})
        self.assertContains(response, 'href="/en/meetings/calendar.ics?kind=summit"')

    def test_language_switcher_keeps_the_filters(self):
        response = self.client.get("/en/meetings/", {"kind": "summit"})
        self.assertContains(response, 'href="http://testserver/ru/meetings/?kind=summit"')


class MeetingDetailViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.meeting = make_meeting(
            "Third conference of the Youth Council",
            kind=Meeting.Kind.YOUTH_COUNCIL,
            body=make_body("Youth Council"),
            ordinal=3,
            start_date=datetime.date(2018, 4, 13),
            end_date=datetime.date(2018, 4, 14),
            host_country=cls.azerbaijan,
            organising_country=make_country("Kyrgyzstan", "KG"),
            theme="International Youth Cooperation",
            summary="Young people met in Baku.",
            description="<p>The conference adopted a plan.</p>",
            measure=make_measure("Youth exchanges"),
            meeting_status=Meeting.MeetingStatus.HELD,
        )
        cls.url = cls.meeting.get_absolute_url()

    def test_shows_the_meeting(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Third conference of the Youth Council</h1>", html=True)
        self.assertContains(response, "<dt>Date</dt><dd>13–14 April 2018</dd>", html=True)
        self.assertContains(response, "<dt>Place</dt><dd>Baku, Azerbaijan</dd>", html=True)
        self.assertContains(response, "<dt>Kind</dt><dd>Youth council conference</dd>", html=True)
        self.assertContains(response, "<dt>Number in its series</dt><dd>3 (third)</dd>", html=True)
        self.assertContains(response, "<dt>Format</dt><dd>In person</dd>", html=True)
        self.assertContains(response, "<dt>Status</dt><dd>Held</dd>", html=True)

    def test_shows_body_host_organiser_and_measure(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Youth Council</a>")
        self.assertContains(
            response, '<dd><a href="/en/member-states/#azerbaijan">Azerbaijan</a></dd>', html=True
        )
        self.assertContains(response, "Kyrgyzstan</a>")
        self.assertContains(response, "Youth exchanges</a>")

    def test_shows_theme_summary_and_description(self):
        response = self.client.get(self.url)
        self.assertContains(response, "“International Youth Cooperation”")
        self.assertContains(response, "Young people met in Baku.")
        self.assertContains(response, "<p>The conference adopted a plan.</p>", html=True)

    def test_shows_local_time_with_time_zone_and_utc(self):
        meeting = make_meeting(
            start_time=datetime.time(10, 0), end_time=datetime.time(12, 30), time_zone="Asia/Baku"
        )
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "10:00–12:30 (Asia/Baku)")
        self.assertContains(response, "06:00–08:30 (UTC)")

    def test_says_online_for_a_virtual_meeting(self):
        meeting = make_meeting(format=Meeting.Format.VIRTUAL, city="")
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "<dt>Place</dt><dd>Online</dd>", html=True)

    def test_shows_previously_announced_dates_after_a_change(self):
        meeting = make_meeting(
            start_date=today() + days(60),
            meeting_status=Meeting.MeetingStatus.POSTPONED,
        )
        previous_start = today() + days(20)
        MeetingChange.objects.create(
            meeting=meeting,
            previous_status=Meeting.MeetingStatus.CONFIRMED,
            previous_start_date=previous_start,
            previous_end_date=previous_start,
            previous_format=Meeting.Format.IN_PERSON,
            previous_city="Astana",
            note="Postponed at the host's request.",
        )
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "This meeting has been postponed.")
        self.assertContains(response, f"{previous_start:%-d %B %Y},")
        self.assertContains(response, "Astana")
        self.assertContains(response, "Postponed at the host&#x27;s request.")

    def test_shows_a_cancellation_notice(self):
        meeting = make_meeting(meeting_status=Meeting.MeetingStatus.CANCELLED)
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "<strong>This meeting has been cancelled.</strong>", html=True)

    def test_has_no_notice_for_a_held_meeting(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, 'class="notice"')

    def test_lists_outcome_documents(self):
        MeetingDocument.objects.create(
            meeting=self.meeting,
            title="Baku Youth Declaration",
            kind=MeetingDocument.Kind.DECLARATION,
            url="https://example.org/youth",
        )
        response = self.client.get(self.url)
        self.assertContains(
            response, '<a href="https://example.org/youth">Baku Youth Declaration</a>', html=True
        )

    def test_lists_published_founding_documents_adopted_there(self):
        make_founding_document("Almaty Act", adopted_at=self.meeting)
        make_founding_document("Draft act", adopted_at=self.meeting, published=False)
        response = self.client.get(self.url)
        self.assertContains(response, "Almaty Act")
        self.assertNotContains(response, "Draft act")

    def test_links_to_add_the_meeting_to_a_calendar(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            f'<a href="{self.url}calendar.ics" type="text/calendar" download>Add to calendar '
            '<span class="file-details">(iCalendar file)</span></a>',
            html=True,
        )

    def test_notice_says_what_was_announced_before(self):
        meeting = make_meeting(
            start_date=today() + days(60), meeting_status=Meeting.MeetingStatus.RESCHEDULED, city="Astana"
        )
        previous_start = today() + days(20)
        MeetingChange.objects.create(
            meeting=meeting,
            previous_status=Meeting.MeetingStatus.CONFIRMED,
            previous_start_date=previous_start,
            previous_end_date=previous_start,
            previous_start_time=datetime.time(10, 0),
            previous_format=Meeting.Format.IN_PERSON,
            previous_city="Baku",
        )
        response = self.client.get(meeting.get_absolute_url())
        notice = re.search(
            r'<div class="notice" id="status-notice">(.*?)</div>', response.content.decode(), re.S
        )
        self.assertIn("This meeting has been rescheduled.", notice.group(1))
        self.assertIn(
            f"Announced before: {previous_start:%-d %B %Y}, 10:00, Baku (In person; Confirmed)",
            notice.group(1),
        )
        self.assertIn('<a href="#changes">Every earlier announcement</a>', notice.group(1))

    def test_moved_online_notice(self):
        meeting = make_meeting(meeting_status=Meeting.MeetingStatus.MOVED_ONLINE, format="virtual", city="")
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "<strong>This meeting has been moved online.</strong>", html=True)

    def test_external_pdf_document_says_it_is_a_pdf(self):
        make_meeting_document(self.meeting, "Final communiqué", url="https://example.org/communique.pdf")
        response = self.client.get(self.url)
        self.assertContains(
            response,
            '<a href="https://example.org/communique.pdf">Final communiqué '
            '<span class="file-details">(PDF)</span></a>',
            html=True,
        )

    def test_answers_404_for_a_draft(self):
        meeting = make_meeting(published=False)
        response = self.client.get(meeting.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_answers_404_for_a_scheduled_meeting(self):
        meeting = make_meeting(publish_at=timezone.now() + days(1))
        response = self.client.get(meeting.get_absolute_url())
        self.assertEqual(response.status_code, 404)


class MeetingPhotoTests(TestCase):
    def test_shows_photos_with_alt_text_and_size(self):
        meeting = make_meeting()
        MeetingPhoto.objects.create(
            meeting=meeting,
            image=image_file("hall.png", size=(40, 30)),
            alt_text="Delegates in the conference hall",
            caption="The opening session",
        )
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, 'width="40" height="30" alt="Delegates in the conference hall"')
        self.assertContains(response, "The opening session")

    def test_uploaded_document_link_gives_its_type_and_size(self):
        meeting = make_meeting()
        document = MeetingDocument.objects.create(
            meeting=meeting, title="Youth declaration", file=pdf_file("declaration.pdf")
        )
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(
            response,
            f'<a href="/en/meetings/documents/{document.pk}/" type="application/pdf" download>'
            f'Youth declaration <span class="file-details">(PDF, {filesizeformat(document.file_size)}, '
            "1 page)</span></a>",
            html=True,
        )

    def test_a_missing_photo_file_does_not_break_the_page(self):
        meeting = make_meeting()
        MeetingPhoto.objects.create(meeting=meeting, image="meetings/photos/lost.png", alt_text="Lost photo")
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, 'alt="Lost photo" loading="lazy"')
