"""The page cache (cica_site/pagecache.py): what anonymous visitors get, and when it changes."""

import datetime
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cica_site import invalidation, pagecache
from cica_site.pagecache import PageCacheApplication
from events.models import Meeting
from organisation.models import Organisation
from tests.factories import (
    days,
    make_country,
    make_meeting,
    make_membership,
    make_organisation,
    make_policy_page,
    make_staff,
)

pytestmark = pytest.mark.page_cache

URL = "/en/meetings/"


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.meeting = make_meeting(
            "Meeting of experts on connectivity", start_date=timezone.localdate() - days(9)
        )

    def test_the_second_visit_is_served_from_the_cache_without_a_query(self):
        first = self.client.get(URL)
        with self.assertNumQueries(0):
            second = self.client.get(URL)
        self.assertEqual((first["X-Cache"], second["X-Cache"]), ("miss", "hit"))
        self.assertEqual(second.content, first.content)

    def test_anonymous_pages_may_be_kept_briefly_by_browsers_and_proxies(self):
        response = self.client.get(URL)
        self.assertEqual(response["Cache-Control"], "public, max-age=60")
        self.assertIn("Cookie", response["Vary"])

    def test_pages_tell_edge_caches_what_they_show_and_how_long_to_keep_them(self):
        response = self.client.get(URL)
        self.assertIn("meeting:list:status:published", response["Surrogate-Key"].split())
        self.assertIn("site", response["Surrogate-Key"].split())
        self.assertRegex(response["Surrogate-Control"], r"^max-age=\d+$")

    def test_a_save_shows_at_once(self):
        self.client.get(URL)
        make_meeting("Meeting of the youth council", start_date=timezone.localdate() - days(3))
        response = self.client.get(URL)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Meeting of the youth council")

    def test_an_edit_shows_at_once(self):
        self.client.get(URL)
        self.meeting.title = "Meeting of experts on transport"
        self.meeting.save()
        self.assertContains(self.client.get(URL), "Meeting of experts on transport")

    def test_a_deletion_shows_at_once(self):
        self.client.get(URL)
        self.meeting.delete()
        self.assertNotContains(self.client.get(URL), "Meeting of experts on connectivity")

    def test_the_change_is_seen_by_every_app_server(self):
        # What any server stored is checked against the tag versions they all share.
        self.client.get(URL)
        entry = caches["default"].get(pagecache.request_key(RequestFactory().get(URL).environ, "django")[0])
        self.assertTrue(invalidation.valid(entry["tags"], entry["seq"]))
        self.meeting.title = "Meeting of experts on transport"
        self.meeting.save()
        self.assertFalse(invalidation.valid(entry["tags"], entry["seq"]))

    def test_each_language_has_its_own_page(self):
        english = self.client.get("/en/meetings/")
        russian = self.client.get("/ru/meetings/")
        self.assertEqual(russian["X-Cache"], "miss")
        self.assertNotEqual(english.content, russian.content)

    def test_the_query_string_is_part_of_the_address(self):
        self.client.get(URL)
        self.assertEqual(self.client.get(URL + "?kind=summit")["X-Cache"], "miss")

    def test_a_matching_etag_gets_304_from_the_cache(self):
        first = self.client.get(URL)
        with self.assertNumQueries(0):
            response = self.client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual((response.status_code, response.content), (304, b""))

    def test_not_modified_since_the_last_modified_date_gets_304(self):
        first = self.client.get(URL)
        response = self.client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        self.assertEqual(response.status_code, 304)

    def test_a_stale_etag_gets_the_new_page(self):
        first = self.client.get(URL)
        make_meeting("Meeting of the youth council", start_date=timezone.localdate() - days(3))
        response = self.client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(response.status_code, 200)

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_it_can_be_turned_off(self):
        self.client.get(URL)
        response = self.client.get(URL)
        self.assertNotIn("X-Cache", response)
        self.assertEqual(response["Cache-Control"], "public, max-age=60")


class QueryStringTests(TestCase):
    """Random query strings cannot grow the cache (issue #12, fault 10): only parameters a page
    understands make its key, and one client adds only so many pages with a query string."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_meeting("Meeting of experts on connectivity", start_date=timezone.localdate() - days(9))

    def stored_pages(self):
        return sum(
            1 for key in caches["default"]._cache if ":page:" in key and not key.endswith(":rendering")
        )

    def test_random_parameters_add_nothing_to_the_cache(self):
        self.client.get(URL)
        for n in range(50):
            response = self.client.get(URL, {f"utm_{uuid.uuid4().hex}": n})
            self.assertEqual(response["X-Cache"], "hit")
        self.assertEqual(self.stored_pages(), 1)

    def test_a_page_is_stored_only_from_an_address_with_nothing_it_does_not_understand(self):
        self.assertEqual(self.client.get(URL, {"utm_source": "newsletter"})["X-Cache"], "miss")
        self.assertEqual(self.client.get(URL, {"utm_source": "newsletter"})["X-Cache"], "miss")
        self.assertEqual(self.stored_pages(), 0)

    def test_the_order_of_the_parameters_makes_no_other_page(self):
        self.client.get(URL + "?kind=summit&format=virtual")
        self.assertEqual(self.client.get(URL + "?format=virtual&kind=summit")["X-Cache"], "hit")

    def test_a_client_adds_only_so_many_pages_with_a_query_string(self):
        with override_settings(PAGE_CACHE_CLIENT_ENTRIES=10):
            for n in range(30):
                self.client.get("/en/search/", {"q": f"meeting {n}"})
            from_elsewhere = self.client.get("/en/search/", {"q": "another"}, REMOTE_ADDR="192.0.2.7")
        self.assertEqual(self.stored_pages(), 11)
        self.assertEqual(from_elsewhere["X-Cache"], "miss")

    def test_an_address_with_no_declared_parameters_is_not_cached_with_a_query_string(self):
        with mock.patch.dict(pagecache.query_params(), clear=True):
            pagecache.known_params.cache_clear()
            response = self.client.get(URL, {"kind": "summit"})
        pagecache.known_params.cache_clear()
        self.assertNotIn("X-Cache", response)

    def test_the_api_understands_its_filters_pages_and_language(self):
        self.client.get("/api/v1/meetings/", {"kind": "summit", "page_size": "5", "lang": "ru"})
        response = self.client.get(
            "/api/v1/meetings/", {"lang": "ru", "page_size": "5", "kind": "summit", "x": "1"}
        )
        self.assertEqual(response["X-Cache"], "hit")


class StaffTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.staff = make_staff("Publishers")

    def test_staff_never_get_a_cached_page(self):
        self.client.get(URL)
        self.client.force_login(self.staff)
        response = self.client.get(URL)
        self.assertNotIn("X-Cache", response)
        self.assertEqual(response["Cache-Control"], "private, no-cache")

    def test_staff_never_fill_the_cache(self):
        self.client.force_login(self.staff)
        self.client.get(URL)
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.client.get(URL)["X-Cache"], "miss")

    def test_api_clients_with_a_token_bypass_it(self):
        self.client.get("/api/v1/meetings/")
        response = self.client.get("/api/v1/meetings/", HTTP_AUTHORIZATION="Token not-a-real-one")
        self.assertNotIn("X-Cache", response)

    def test_the_admin_is_never_cached(self):
        self.client.get("/admin/login/")
        self.assertNotIn("X-Cache", self.client.get("/admin/login/"))


class ApiTests(TestCase):
    def test_anonymous_api_responses_are_cached(self):
        self.client.get("/api/v1/meetings/")
        response = self.client.get("/api/v1/meetings/")
        self.assertEqual(response["X-Cache"], "hit")
        self.assertTrue(response.has_header("ETag"))

    def test_a_cached_response_answers_if_modified_since_with_304(self):
        first = self.client.get("/api/v1/meetings/")
        self.assertEqual(self.client.get("/api/v1/meetings/")["X-Cache"], "hit")
        response = self.client.get("/api/v1/meetings/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        self.assertEqual(response.status_code, 304)

    def test_the_language_asked_for_is_part_of_the_key(self):
        self.client.get("/api/v1/meetings/", HTTP_ACCEPT_LANGUAGE="en")
        response = self.client.get("/api/v1/meetings/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertEqual((response["X-Cache"], response["Content-Language"]), ("miss", "ru"))

    def test_a_csv_is_not_served_for_json(self):
        self.client.get("/api/v1/meetings/")
        response = self.client.get("/api/v1/meetings/", HTTP_ACCEPT="text/csv")
        self.assertEqual(response["X-Cache"], "miss")

    def test_the_docs_page_with_its_own_policy_is_not_stored(self):
        self.client.get("/api/v1/docs/")
        self.assertNotIn("X-Cache", self.client.get("/api/v1/docs/"))


class PrecisionTests(TestCase):
    """A change retires the pages that showed what changed, and nothing else."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan)
        cls.meeting = make_meeting("Baku meeting", slug="baku", host_country=cls.azerbaijan)
        cls.other = make_meeting("Astana meeting", slug="astana")
        cls.pages = [
            "/en/meetings/baku/",
            "/en/meetings/astana/",
            "/en/member-states/",
            URL,
            "/api/v1/meetings/",
        ]

    def states_after(self, change):
        for page in self.pages:
            self.client.get(page)
        change()
        return {page: self.client.get(page)["X-Cache"] for page in self.pages}

    def test_an_edit_retires_the_pages_that_show_the_meeting_only(self):
        def edit():
            self.meeting.title = "Baku expert meeting"
            self.meeting.save()

        self.assertEqual(
            self.states_after(edit),
            {
                "/en/meetings/baku/": "miss",
                "/en/meetings/astana/": "hit",
                "/en/member-states/": "hit",
                URL: "miss",
                "/api/v1/meetings/": "miss",
            },
        )

    def test_a_country_renamed_retires_the_pages_that_name_it(self):
        def rename():
            self.azerbaijan.name = "Republic of Azerbaijan"
            self.azerbaijan.save()

        states = self.states_after(rename)
        self.assertEqual(states["/en/meetings/baku/"], "miss")
        self.assertEqual(states["/en/member-states/"], "miss")
        self.assertEqual(states["/en/meetings/astana/"], "hit")

    def test_the_secretariats_city_renamed_retires_the_pages_that_show_it_only(self):
        def rename():
            name = Organisation.objects.get().secretariat_place.names.get()
            name.name = "Astana"
            name.save()

        self.pages.append("/en/")
        states = self.states_after(rename)
        self.assertEqual(states["/en/"], "miss")
        self.assertContains(self.client.get("/en/"), "Astana, Kazakhstan")
        for page in ("/en/meetings/baku/", "/en/member-states/", URL):
            self.assertEqual(states[page], "hit", page)

    def test_a_draft_saved_retires_no_public_list(self):
        def draft():
            make_meeting("Planned meeting", published=False)

        states = self.states_after(draft)
        self.assertEqual(states[URL], "hit")
        self.assertEqual(states["/api/v1/meetings/"], "hit")

    def test_publishing_a_draft_retires_the_lists(self):
        draft = make_meeting("Planned meeting", published=False)

        def publish():
            draft.status = Meeting.Status.PUBLISHED
            draft.save()

        states = self.states_after(publish)
        self.assertEqual(states[URL], "miss")
        self.assertContains(self.client.get(URL), "Planned meeting")

    def test_a_move_to_another_country_retires_both_countries_lists(self):
        bhutan = make_country("Bhutan", "BT", slug="bhutan")
        self.pages = ["/en/meetings/?country=AZ", "/en/meetings/?country=BT"]

        def move():
            self.meeting.host_country = bhutan
            self.meeting.save()

        self.assertEqual(set(self.states_after(move).values()), {"miss"})
        self.assertContains(self.client.get("/en/meetings/?country=BT"), "Baku meeting")


class ScheduleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        # Before the next local midnight, which ends every page's life too.
        now = timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + days(1)
        cls.publish_at = now + min(datetime.timedelta(hours=1), (midnight - now) / 2)
        make_meeting(
            "Scheduled meeting", start_date=timezone.localdate() - days(2), publish_at=cls.publish_at
        )

    def later(self, moment):
        return (
            mock.patch("django.utils.timezone.now", return_value=moment),
            mock.patch("cica_site.pagecache.time.time", return_value=moment.timestamp()),
        )

    def test_scheduled_content_appears_on_time(self):
        self.assertNotContains(self.client.get(URL), "Scheduled meeting")
        now, clock = self.later(self.publish_at + datetime.timedelta(seconds=1))
        with now, clock:
            response = self.client.get(URL)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Scheduled meeting")

    def test_a_page_showing_meetings_is_not_kept_past_the_next_publication_of_one(self):
        max_age = int(self.client.get(URL)["Surrogate-Control"].removeprefix("max-age="))
        self.assertAlmostEqual(max_age, (self.publish_at - timezone.now()).total_seconds(), delta=2)

    def test_a_page_made_from_meetings_without_reading_them_ends_at_the_publication_too(self):
        # The search reads its documents, not the meetings: every page ends at any publication.
        found = "<mark>Scheduled</mark> meeting"
        for url in ("/en/member-states/", "/en/search/?q=scheduled"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotContains(response, found)
                max_age = int(response["Surrogate-Control"].removeprefix("max-age="))
                self.assertAlmostEqual(max_age, (self.publish_at - timezone.now()).total_seconds(), delta=2)
        self.assertEqual(self.client.get("/en/search/?q=scheduled")["X-Cache"], "hit")
        now, clock = self.later(self.publish_at + datetime.timedelta(seconds=1))
        with now, clock:
            response = self.client.get("/en/search/?q=scheduled")
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, found)

    def test_without_a_publication_to_come_pages_are_kept_until_midnight(self):
        Meeting.objects.update(publish_at=timezone.now() - days(1))
        invalidation.forget_schedule()
        now = timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + days(1)
        self.assertEqual(invalidation.scheduled_changes(now.timestamp())["until"], midnight.timestamp())

    def test_upcoming_meetings_become_past_ones_at_midnight(self):
        make_meeting("Tomorrow's meeting", start_date=timezone.localdate() + days(1))
        Meeting.objects.update(publish_at=timezone.now() - days(1))
        invalidation.forget_schedule()
        self.client.get(URL)
        midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) + days(1)
        now, clock = self.later(midnight + datetime.timedelta(days=1, seconds=1))
        with now, clock:
            response = self.client.get(URL)
        self.assertEqual(response["X-Cache"], "miss")


class StorableTests(TestCase):
    def setUp(self):
        self.request = RequestFactory().get(URL)

    def test_a_response_that_sets_a_cookie_is_not_stored(self):
        response = HttpResponse("page")
        response.set_cookie("csrftoken", "secret")
        self.assertFalse(pagecache._storable(self.request, response))

    def test_a_private_response_is_not_stored(self):
        response = HttpResponse("page", headers={"Cache-Control": "private"})
        self.assertFalse(pagecache._storable(self.request, response))

    def test_a_response_varying_on_an_unknown_header_is_not_stored(self):
        response = HttpResponse("page", headers={"Vary": "User-Agent"})
        self.assertFalse(pagecache._storable(self.request, response))

    def test_a_page_that_used_the_csp_nonce_is_not_stored(self):
        self.request._csp_nonce = "abc"
        self.assertFalse(pagecache._storable(self.request, HttpResponse("page")))

    def test_an_error_is_not_stored(self):
        self.assertFalse(pagecache._storable(self.request, HttpResponse("page", status=404)))

    def test_a_plain_page_is_stored(self):
        self.assertTrue(pagecache._storable(self.request, HttpResponse("page")))


@pytest.mark.usefixtures("keep_test_connection")
class WsgiLayerTests(TestCase):
    """Under gunicorn a page in the cache is sent by the WSGI layer, before Django builds a request."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.meeting = make_meeting(
            "Meeting of experts on connectivity", start_date=timezone.localdate() - days(9)
        )

    def setUp(self):
        self.application = PageCacheApplication(WSGIHandler())

    def get(self, path, **headers):
        environ = RequestFactory().get(path, headers=headers).environ
        sent = {}

        def start_response(status, response_headers, exc_info=None):
            sent["status"], sent["headers"] = status, dict(response_headers)

        body = b"".join(self.application(environ, start_response))
        return sent["status"], sent["headers"], body

    def test_a_hit_runs_no_query_and_keeps_every_header(self):
        _status, first, body = self.get(URL)
        with self.assertNumQueries(0):
            status, headers, cached = self.get(URL)
        self.assertEqual((status, headers["X-Cache"], cached), ("200 OK", "hit", body))
        for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "ETag"):
            self.assertEqual(headers[name], first[name])
        self.assertNotEqual(headers["X-Request-ID"], first["X-Request-ID"])

    def test_an_edit_shows_at_once(self):
        self.get(URL)
        self.meeting.title = "Meeting of experts on transport"
        self.meeting.save()
        _status, headers, body = self.get(URL)
        self.assertEqual(headers["X-Cache"], "miss")
        self.assertIn(b"Meeting of experts on transport", body)

    def test_a_matching_etag_gets_304(self):
        _status, first, _body = self.get(URL)
        status, headers, body = self.get(URL, if_none_match=first["ETag"])
        self.assertEqual((status, body, headers["ETag"]), ("304 Not Modified", b"", first["ETag"]))

    def test_not_modified_since_gets_304(self):
        _status, first, _body = self.get(URL)
        status, _headers, _body = self.get(URL, if_modified_since=first["Last-Modified"])
        self.assertEqual(status, "304 Not Modified")

    def test_a_304_is_never_stored_as_the_page(self):
        # A client that has the page asks first, as after an edit that left this page as it was.
        _status, first, body = self.get(URL)
        self.meeting.save()
        self.assertEqual(self.get(URL, if_none_match=first["ETag"])[0], "304 Not Modified")
        status, headers, cached = self.get(URL)
        self.assertEqual((status, cached), ("200 OK", body))

    def test_a_session_cookie_bypasses_it(self):
        self.get(URL)
        _status, headers, _body = self.get(URL, cookie="sessionid=abc")
        self.assertNotIn("X-Cache", headers)

    def test_a_host_not_allowed_is_never_served(self):
        self.assertEqual(self.get(URL, host="evil.example")[0][:3], "400")
        self.assertEqual(self.get(URL, host="evil.example")[0][:3], "400")

    def key(self, path):
        return pagecache.request_key(RequestFactory().get(path).environ, "wsgi")[0]

    def test_while_another_worker_renders_a_changed_page_the_previous_copy_is_served(self):
        _status, _headers, old = self.get(URL)
        self.meeting.title = "Meeting of experts on transport"
        self.meeting.save()
        caches["default"].add(self.key(URL) + ":rendering", 1, 30)  # Another worker has started.
        with self.assertNumQueries(0):
            status, headers, body = self.get(URL)
        self.assertEqual((status, headers["X-Cache"], body), ("200 OK", "stale", old))
        # An edge cache keeps it only until the new one is there.
        self.assertEqual(headers["Surrogate-Control"], "max-age=2")

    def test_one_worker_renders_a_changed_page(self):
        self.get(URL)
        self.meeting.save()
        _status, headers, body = self.get(URL)
        self.assertEqual(headers["X-Cache"], "miss")
        self.assertIsNone(caches["default"].get(self.key(URL) + ":rendering"))

    def test_without_a_copy_a_request_waits_for_the_worker_rendering_it(self):
        key = self.key(URL)
        caches["default"].add(key + ":rendering", 1, 30)
        _status, first, body = self.get("/en/meetings/?page=1")  # Not the same key: rendered.

        def rendered_meanwhile(seconds):
            # The other worker stores the page and lets go while this one waits.
            entry = {"tags": frozenset({"site"}), "seq": invalidation.seq(), "expires": 2e9, "by_date": True}
            caches["default"].set(
                key, entry | {"status": "200 OK", "headers": [("X-Other", "1")], "body": b"theirs"}
            )
            caches["default"].delete(key + ":rendering")

        with (
            mock.patch("cica_site.pagecache.time.sleep", side_effect=rendered_meanwhile),
            self.assertNumQueries(0),
        ):
            status, headers, body = self.get(URL)
        self.assertEqual((status, headers["X-Cache"], body), ("200 OK", "hit", b"theirs"))

    def test_a_worker_that_waits_in_vain_renders_the_page_itself(self):
        caches["default"].add(self.key(URL) + ":rendering", 1, 30)
        with mock.patch("cica_site.pagecache.WAIT_SECONDS", 0.05):
            status, headers, _body = self.get(URL)
        self.assertEqual((status, headers["X-Cache"]), ("200 OK", "miss"))


class FragmentTests(TestCase):
    """Parts many pages share (the footer, the meetings list's filter choices, the home page's member
    list) are rendered once until what they show changes, with the page cache on or off."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.privacy = make_policy_page("Privacy notice", slug="privacy")

    def footer_queries(self, queries):
        return [query for query in queries if 'FROM "organisation_policypage"' in query["sql"]]

    def test_the_footer_is_rendered_once_until_its_pages_change(self):
        with CaptureQueriesContext(connection) as first:
            self.client.get("/en/")
        with CaptureQueriesContext(connection) as second:
            response = self.client.get("/en/meetings/")
        self.assertTrue(self.footer_queries(first))
        self.assertEqual(self.footer_queries(second), [])
        self.assertContains(response, '<a href="/en/privacy/">Privacy notice</a>', html=True)

    def test_the_footer_follows_a_change_to_its_pages(self):
        self.assertContains(self.client.get("/en/"), '<a href="/en/privacy/">Privacy notice</a>', html=True)
        self.privacy.title = "Privacy policy"
        self.privacy.save()
        response = self.client.get("/en/")
        self.assertContains(response, '<a href="/en/privacy/">Privacy policy</a>', html=True)
        self.assertNotContains(response, "Privacy notice")

    def test_the_footer_is_kept_per_language(self):
        self.client.get("/en/")
        self.assertContains(self.client.get("/ru/"), 'href="/ru/privacy/"')

    def test_a_scheduled_page_joins_the_footer_on_time(self):
        publish_at = timezone.now() + datetime.timedelta(hours=1)
        make_policy_page("Cookie notice", slug="cookies", publish_at=publish_at)
        self.assertNotContains(self.client.get("/en/"), "Cookie notice")
        later = publish_at + datetime.timedelta(seconds=1)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            mock.patch("cica_site.pagecache.time.time", return_value=later.timestamp()),
        ):
            response = self.client.get("/en/")
        self.assertContains(response, '<a href="/en/cookies/">Cookie notice</a>', html=True)

    def test_the_footer_is_not_made_again_for_a_change_it_does_not_show(self):
        self.client.get("/en/meetings/")
        make_meeting("Meeting of the youth council")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/en/meetings/")
        self.assertEqual(self.footer_queries(queries), [])

    def test_the_footer_follows_a_change_to_the_organisations_name(self):
        organisation = Organisation.objects.get()
        self.client.get("/en/")
        organisation.name = "Conference on Confidence"
        organisation.save()
        self.assertContains(self.client.get("/en/meetings/"), "<p>Conference on Confidence</p>", html=True)

    def test_pages_are_whole_when_the_cache_tags_cannot_be_read(self):
        with (
            mock.patch.object(invalidation, "valid", side_effect=ConnectionError("Redis is down")),
            mock.patch.object(invalidation, "seq", side_effect=ConnectionError("Redis is down")),
            self.assertLogs("cica_site.templatetags.fragments", "ERROR"),
        ):
            first = self.client.get("/en/")
            self.privacy.title = "Privacy policy"
            self.privacy.save()
            second = self.client.get("/en/")
        self.assertContains(first, '<a href="/en/privacy/">Privacy notice</a>', html=True)
        self.assertContains(second, '<a href="/en/privacy/">Privacy policy</a>', html=True)
