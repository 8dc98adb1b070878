"""The page cache (cica_site/pagecache.py): what anonymous visitors get, and when it changes."""

import datetime
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cica_site import pagecache
from cica_site.pagecache import PageCacheApplication
from events.models import Meeting
from tests.factories import days, make_meeting, make_organisation, make_policy_page, make_staff

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
        # Another server's own copy of the pages: the version they were stored under is shared.
        self.client.get(URL)
        version = caches["shared"].get(pagecache.VERSION_KEY)
        self.meeting.title = "Meeting of experts on transport"
        self.meeting.save()
        self.assertIsNone(caches["shared"].get(pagecache.VERSION_KEY))
        self.client.get(URL)
        self.assertNotEqual(caches["shared"].get(pagecache.VERSION_KEY)["token"], version["token"])

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


class ScheduleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.publish_at = timezone.now() + datetime.timedelta(hours=1)
        make_meeting(
            "Scheduled meeting", start_date=timezone.localdate() - days(2), publish_at=cls.publish_at
        )

    def test_scheduled_content_appears_on_time(self):
        self.assertNotContains(self.client.get(URL), "Scheduled meeting")
        later = self.publish_at + datetime.timedelta(seconds=1)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            mock.patch("cica_site.pagecache.time.time", return_value=later.timestamp()),
        ):
            response = self.client.get(URL)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Scheduled meeting")

    def test_no_page_is_kept_past_the_next_publication(self):
        self.client.get(URL)
        version = caches["shared"].get(pagecache.VERSION_KEY)
        self.assertEqual(version["until"], self.publish_at.timestamp())

    def test_without_a_publication_to_come_pages_are_kept_until_midnight(self):
        Meeting.objects.update(publish_at=timezone.now() - days(1))
        now = timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + days(1)
        self.assertEqual(pagecache.next_change(now), midnight)


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


class FragmentTests(TestCase):
    """Parts many pages share (the footer, the meetings list's filter choices, the home page's member
    list) are rendered once per content version, with the page cache on or off."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.privacy = make_policy_page("Privacy notice", slug="privacy")

    def footer_queries(self, queries):
        return [query for query in queries if 'FROM "organisation_policypage"' in query["sql"]]

    def test_the_footer_is_rendered_once_per_content_version(self):
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

    def test_pages_are_whole_when_the_content_version_cannot_be_read(self):
        with (
            mock.patch.object(pagecache, "current_version", side_effect=ConnectionError("Redis is down")),
            self.assertLogs("cica_site.pagecache", "ERROR"),
        ):
            first = self.client.get("/en/")
            self.privacy.title = "Privacy policy"
            self.privacy.save()
            second = self.client.get("/en/")
        self.assertContains(first, '<a href="/en/privacy/">Privacy notice</a>', html=True)
        self.assertContains(second, '<a href="/en/privacy/">Privacy policy</a>', html=True)
