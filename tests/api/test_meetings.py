import csv
import datetime
import io

from django.utils import timezone

from events.models import Meeting, MeetingChange
from tests.api.base import ApiTestCase
from tests.factories import (
    days,
    make_body,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_meeting_photo,
    make_staff,
    make_token,
    today,
)

URL = "/api/v1/meetings/"


class MeetingReadTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.meeting = make_meeting(
            "Ministerial meeting",
            host_country=cls.azerbaijan,
            body=make_body(slug="ministerial"),
            start_time=datetime.time(10, 0),
            time_zone="Asia/Baku",
        )
        cls.document = make_meeting_document(cls.meeting, "Baku Declaration", file="meetings/documents/b.pdf")
        make_meeting_photo(cls.meeting, image="meetings/photos/hall.jpg")
        cls.founding = make_founding_document(adopted_at=cls.meeting)

    def test_list_is_paginated_with_count_next_and_previous(self):
        body = self.get_json(URL)
        self.assertEqual((body["count"], body["next"], body["previous"]), (1, None, None))

    def test_meeting_carries_id_slug_and_absolute_addresses(self):
        item = self.results(URL)[0]
        self.assertEqual(item["id"], self.meeting.pk)
        self.assertEqual(item["slug"], self.meeting.slug)
        self.assertEqual(item["url"], f"http://testserver/api/v1/meetings/{self.meeting.pk}/")
        self.assertEqual(item["web_url"], "http://testserver" + self.meeting.get_absolute_url())

    def test_detail_is_the_same_representation(self):
        item = self.get_json(f"{URL}{self.meeting.pk}/")
        self.assertEqual(item, self.results(URL)[0])

    def test_related_objects_are_short_references(self):
        item = self.results(URL)[0]
        self.assertEqual(item["host_country"]["code"], "AZ")
        self.assertEqual(
            item["host_country"]["url"], f"http://testserver/api/v1/countries/{self.azerbaijan.pk}/"
        )
        self.assertEqual(item["body"]["slug"], "ministerial")

    def test_documents_and_photos_have_absolute_file_addresses(self):
        item = self.results(URL)[0]
        self.assertEqual(item["documents"][0]["file"], "http://testserver/media/meetings/documents/b.pdf")
        self.assertEqual(item["photos"][0]["image"], "http://testserver/media/meetings/photos/hall.jpg")

    def test_founding_documents_adopted_are_listed(self):
        item = self.results(URL)[0]
        self.assertEqual([doc["id"] for doc in item["founding_documents"]], [self.founding.pk])

    def test_start_is_given_as_a_datetime_in_the_meeting_time_zone(self):
        item = self.results(URL)[0]
        self.assertEqual(item["starts_at"], f"{self.meeting.start_date.isoformat()}T10:00:00+04:00")


class MeetingVisibilityTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.public = make_meeting()
        cls.draft = make_meeting(published=False)
        cls.scheduled = make_meeting(status="published", publish_at=timezone.now() + days(3))
        cls.editor_token = make_token(make_staff("Editors"))

    def test_anonymous_clients_see_only_what_is_public(self):
        self.assertEqual(self.ids(URL), [self.public.pk])

    def test_a_draft_is_not_found_for_anonymous_clients(self):
        self.assertEqual(self.client.get(f"{URL}{self.draft.pk}/").status_code, 404)

    def test_a_scheduled_meeting_is_not_found_for_anonymous_clients(self):
        self.assertEqual(self.client.get(f"{URL}{self.scheduled.pk}/").status_code, 404)

    def test_staff_who_may_edit_see_drafts_and_scheduled_meetings(self):
        ids = self.ids(URL, **self.auth(self.editor_token))
        self.assertCountEqual(ids, [self.public.pk, self.draft.pk, self.scheduled.pk])

    def test_staff_without_the_change_permission_see_only_what_is_public(self):
        token = make_token(make_staff())
        self.assertEqual(self.ids(URL, **self.auth(token)), [self.public.pk])


class MeetingFilterTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.az = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.kz = make_country("Kazakhstan", "KZ", slug="kazakhstan")
        cls.summit_body = make_body(slug="summit")
        cls.transport = make_measure()
        cls.summit = make_meeting(
            "Sixth Summit",
            kind=Meeting.Kind.SUMMIT,
            body=cls.summit_body,
            host_country=cls.az,
            start_date=today() - days(400),
            end_date=today() - days(399),
            meeting_status=Meeting.MeetingStatus.HELD,
            theme="Shared vision for a secure Asia",
        )
        cls.online = make_meeting(
            "Online experts",
            format=Meeting.Format.VIRTUAL,
            city="",
            organising_country=cls.az,
            measure=cls.transport,
            start_date=today() + days(10),
            end_date=today() + days(12),
        )
        cls.other = make_meeting(
            "Youth conference",
            kind=Meeting.Kind.YOUTH_COUNCIL,
            host_country=cls.kz,
            start_date=today() + days(40),
            summary="Young diplomats meet in Astana",
        )

    def test_kind(self):
        self.assertEqual(self.ids(URL + "?kind=summit"), [self.summit.pk])

    def test_body_by_slug(self):
        self.assertEqual(self.ids(URL + "?body=summit"), [self.summit.pk])

    def test_meeting_status(self):
        self.assertEqual(self.ids(URL + "?meeting_status=held"), [self.summit.pk])

    def test_format(self):
        self.assertEqual(self.ids(URL + "?format=virtual"), [self.online.pk])

    def test_country_matches_host_or_organiser(self):
        self.assertCountEqual(self.ids(URL + "?country=AZ"), [self.summit.pk, self.online.pk])

    def test_country_code_in_lower_case(self):
        self.assertCountEqual(self.ids(URL + "?country=az"), [self.summit.pk, self.online.pk])

    def test_host_country(self):
        self.assertEqual(self.ids(URL + "?host_country=AZ"), [self.summit.pk])

    def test_organising_country(self):
        self.assertEqual(self.ids(URL + "?organising_country=AZ"), [self.online.pk])

    def test_measure_by_slug(self):
        self.assertEqual(self.ids(URL + f"?measure={self.transport.slug}"), [self.online.pk])

    def test_date_range_keeps_meetings_overlapping_it(self):
        start, end = today() + days(11), today() + days(20)
        self.assertEqual(self.ids(URL + f"?start={start}&end={end}"), [self.online.pk])

    def test_start_alone_keeps_meetings_not_over_by_then(self):
        self.assertCountEqual(self.ids(URL + f"?start={today()}"), [self.online.pk, self.other.pk])

    def test_year(self):
        self.assertEqual(self.ids(URL + f"?year={self.summit.start_date.year}&kind=summit"), [self.summit.pk])

    def test_upcoming_soonest_first(self):
        self.assertEqual(self.ids(URL + "?when=upcoming"), [self.online.pk, self.other.pk])

    def test_past(self):
        self.assertEqual(self.ids(URL + "?when=past"), [self.summit.pk])

    def test_search_in_title_summary_theme_and_city(self):
        self.assertEqual(self.ids(URL + "?search=secure+asia"), [self.summit.pk])
        self.assertEqual(self.ids(URL + "?search=astana"), [self.other.pk])

    def test_search_is_the_site_searchs_word_starts_stems_and_countries(self):
        self.assertEqual(self.ids(URL + "?search=summits"), [self.summit.pk])
        self.assertEqual(self.ids(URL + "?search=diplom"), [self.other.pk])
        self.assertEqual(self.ids(URL + "?search=KAZAKHSTAN"), [self.other.pk])
        self.assertEqual(self.ids(URL + "?search=ummit"), [])

    def test_search_keeps_the_lists_order_and_filters(self):
        self.assertEqual(self.ids(URL + "?search=experts+OR+youth"), [])  # Every word must match.
        make_meeting("Youth forum", start_date=today() + days(50), kind=Meeting.Kind.YOUTH_COUNCIL)
        found = self.ids(URL + "?search=youth&ordering=-start_date")
        self.assertEqual(found[1:], [self.other.pk])
        self.assertEqual(self.ids(URL + "?search=youth&when=upcoming&kind=summit"), [])

    def test_search_in_the_requests_language(self):
        other = Meeting.objects.get(pk=self.other.pk)
        other.title_ru = "Молодёжная конференция"
        other.save()
        self.assertEqual(self.ids(URL + "?search=молодежная&lang=ru"), [self.other.pk])
        self.assertEqual(self.ids(URL + "?search=молодежная"), [])

    def test_a_search_without_a_word_to_look_for_is_refused(self):
        body = self.assertBadRequest(URL + "?search=a", "search")
        self.assertIn("Type at least 2 letters or digits to search.", str(body))

    def test_ordering(self):
        self.assertEqual(
            self.ids(URL + "?ordering=start_date"), [self.summit.pk, self.online.pk, self.other.pk]
        )
        self.assertEqual(self.ids(URL + "?ordering=-title"), [self.other.pk, self.summit.pk, self.online.pk])

    def test_blank_filters_filter_nothing(self):
        self.assertEqual(len(self.ids(URL + "?kind=&start=&country=")), 3)

    def test_unknown_values_are_refused(self):
        for parameter, value in [
            ("kind", "party"),
            ("body", "no-such-body"),
            ("meeting_status", "maybe"),
            ("format", "paper"),
            ("country", "ZZ"),
            ("host_country", "Azerbaijan"),
            ("organising_country", "1"),
            ("measure", "no-such-measure"),
            ("start", "2024-02-30"),
            ("end", "yesterday"),
            ("year", "twenty"),
            ("year", "0"),
            ("when", "soon"),
            ("ordering", "city"),
            ("search", "x" * 201),
        ]:
            with self.subTest(parameter=parameter, value=value):
                self.assertBadRequest(f"{URL}?{parameter}={value}", parameter)

    def test_a_range_ending_before_it_starts_is_refused(self):
        body = self.assertBadRequest(URL + "?start=2024-05-02&end=2024-05-01", "end")
        self.assertIn("cannot be before its start", body["detail"])


class MeetingCsvTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.az = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.baku = make_meeting("Baku meeting", host_country=cls.az, start_date=today() - days(5))
        cls.other = make_meeting("=HYPERLINK(1)", start_date=today() - days(3))
        make_meeting(published=False)

    def rows(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        return list(csv.DictReader(io.StringIO(response.content.decode())))

    def test_suffix_gives_every_public_meeting_as_csv(self):
        rows = self.rows("/api/v1/meetings.csv")
        self.assertCountEqual([row["id"] for row in rows], [str(self.baku.pk), str(self.other.pk)])

    def test_accept_header_gives_csv(self):
        self.assertEqual(len(self.rows(URL, HTTP_ACCEPT="text/csv")), 2)

    def test_csv_takes_the_same_filters(self):
        rows = self.rows("/api/v1/meetings.csv?country=AZ")
        self.assertEqual([(row["title"], row["host_country.code"]) for row in rows], [("Baku meeting", "AZ")])

    def test_csv_is_not_paginated(self):
        self.assertEqual(len(self.rows("/api/v1/meetings.csv?page_size=1")), 2)

    def test_csv_is_a_download(self):
        response = self.client.get("/api/v1/meetings.csv")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="meetings.csv"')

    def test_cells_a_spreadsheet_would_run_are_defused(self):
        rows = self.rows("/api/v1/meetings.csv?search=HYPERLINK")
        self.assertEqual(rows[0]["title"], "'=HYPERLINK(1)")

    def test_errors_stay_json(self):
        response = self.client.get("/api/v1/meetings.csv?kind=party")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "application/json")

    def test_a_single_meeting_has_no_csv(self):
        self.assertEqual(self.client.get(f"/api/v1/meetings/{self.baku.pk}.csv").status_code, 404)


class MeetingWriteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.az = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.kz = make_country("Kazakhstan", "KZ", slug="kazakhstan")
        cls.publisher = make_token(make_staff("Publishers"))
        cls.meeting = make_meeting("Announced", host_country=cls.az, start_date=today() + days(20))
        cls.draft = make_meeting("Draft", published=False, start_date=today() + days(20))

    def payload(self, **values):
        return {
            "title": "New meeting",
            "slug": "new-meeting",
            "kind": "experts",
            "start_date": "2030-05-01",
        } | values

    def post(self, data, token=None):
        return self.client.post(
            URL, data, content_type="application/json", **self.auth(token or self.publisher)
        )

    def patch(self, meeting, data, token=None):
        data = {"version": Meeting.objects.get(pk=meeting.pk).version, **data}
        return self.client.patch(
            f"{URL}{meeting.pk}/", data, content_type="application/json", **self.auth(token or self.publisher)
        )

    def test_create_fills_in_the_end_date_as_the_admin_does(self):
        response = self.post(self.payload())
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["end_date"], "2030-05-01")

    def test_what_is_created_is_a_draft_by_default(self):
        self.post(self.payload())
        self.assertEqual(Meeting.objects.get(slug="new-meeting").status, "draft")

    def test_related_objects_are_written_by_id(self):
        response = self.post(self.payload(host_country_id=self.kz.pk))
        self.assertEqual(response.json()["host_country"]["code"], "KZ")

    def test_an_unknown_related_id_is_refused(self):
        response = self.post(self.payload(host_country_id=999999))
        self.assertEqual(response.status_code, 400)
        self.assertIn("host_country_id", response.json()["errors"])

    def test_model_validation_errors_come_back_by_field(self):
        response = self.post(self.payload(start_time="10:00"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"], {"time_zone": ["Choose the time zone the times are in."]})

    def test_an_unknown_time_zone_is_refused(self):
        response = self.post(self.payload(start_time="10:00", time_zone="Mars/Olympus"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"], {"time_zone": ["A valid timezone is required."]})

    def test_a_time_without_a_time_zone_takes_the_host_countrys(self):
        response = self.post(self.payload(start_time="10:00", host_country_id=self.kz.pk))
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["time_zone"], "Asia/Almaty")

    def test_the_database_constraint_is_checked_before_saving(self):
        response = self.post(self.payload(end_date="2030-04-01"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("end_date", response.json()["errors"])

    def test_rich_text_is_sanitised_as_in_the_admin(self):
        response = self.post(self.payload(description='<p onclick="x()">Hi<script>alert(1)</script></p>'))
        self.assertEqual(response.json()["description"], "<p>Hi</p>")

    def test_a_number_where_text_is_expected_is_refused(self):
        response = self.post(self.payload(title=5))
        self.assertEqual(response.json()["errors"], {"title": ["Must be a string."]})

    def test_malformed_json_is_a_400(self):
        response = self.client.post(URL, "{", content_type="application/json", **self.auth(self.publisher))
        self.assertEqual(response.status_code, 400)
        self.assertIn("JSON", response.json()["detail"])

    def test_changing_a_published_meeting_keeps_what_was_announced(self):
        old_start = self.meeting.start_date
        new_start = str(old_start + days(7))
        response = self.patch(self.meeting, {"start_date": new_start, "end_date": new_start})
        self.assertEqual(response.status_code, 200, response.content)
        change = MeetingChange.objects.get(meeting=self.meeting)
        self.assertEqual((change.previous_start_date, change.previous_host_country), (old_start, self.az))

    def test_the_announced_change_is_in_the_response(self):
        response = self.patch(self.meeting, {"city": "Ganja"})
        self.assertEqual(response.json()["changes"][0]["previous_city"], "Baku")

    def test_changing_a_draft_records_no_announced_change(self):
        new_start = str(self.draft.start_date + days(7))
        self.patch(self.draft, {"start_date": new_start, "end_date": new_start})
        self.assertFalse(MeetingChange.objects.filter(meeting=self.draft).exists())

    def test_changing_what_is_not_announced_records_nothing(self):
        self.patch(self.meeting, {"summary": "An updated summary."})
        self.assertFalse(MeetingChange.objects.exists())

    def test_publisher_deletes(self):
        response = self.client.delete(f"{URL}{self.draft.pk}/", **self.auth(self.publisher))
        self.assertEqual(response.status_code, 204)
        self.assertFalse(Meeting.objects.filter(pk=self.draft.pk).exists())
