"""How every endpoint speaks HTTP: conditional GETs, caching, CORS, throttling, pages and errors."""

from django.conf import settings
from django.test import override_settings

from organisation.models import PolicyPage
from tests.api.base import ApiTestCase
from tests.factories import make_body, make_policy_page, make_staff, make_token

URL = "/api/v1/bodies/"


class ConditionalGetTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_policy_page("Privacy")

    def setUp(self):
        super().setUp()
        self.first = self.client.get("/api/v1/policy-pages/")

    def change_content(self):
        PolicyPage.objects.filter(pk=self.page.pk).update(title="Privacy notice")

    def test_every_get_has_an_etag_and_a_last_modified_date(self):
        for url in [
            "/api/v1/",
            "/api/v1/policy-pages/",
            f"/api/v1/policy-pages/{self.page.pk}/",
            "/api/v1/schema/",
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertTrue(response.has_header("ETag"))
                self.assertTrue(response.has_header("Last-Modified"))

    def test_a_matching_etag_gets_304_without_a_body(self):
        response = self.client.get("/api/v1/policy-pages/", HTTP_IF_NONE_MATCH=self.first["ETag"])
        self.assertEqual((response.status_code, response.content), (304, b""))
        self.assertEqual(response["ETag"], self.first["ETag"])

    def test_a_stale_etag_gets_the_new_content(self):
        self.change_content()
        response = self.client.get("/api/v1/policy-pages/", HTTP_IF_NONE_MATCH=self.first["ETag"])
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], self.first["ETag"])

    def test_not_modified_since_the_last_modified_date_gets_304(self):
        response = self.client.get(
            "/api/v1/policy-pages/", HTTP_IF_MODIFIED_SINCE=self.first["Last-Modified"]
        )
        self.assertEqual(response.status_code, 304)

    def test_a_change_within_the_same_second_is_never_answered_304(self):
        self.change_content()
        response = self.client.get(
            "/api/v1/policy-pages/", HTTP_IF_MODIFIED_SINCE=self.first["Last-Modified"]
        )
        self.assertEqual(response.status_code, 200)

    def test_a_new_object_in_the_list_changes_the_etag(self):
        make_policy_page("Terms")
        response = self.client.get("/api/v1/policy-pages/", HTTP_IF_NONE_MATCH=self.first["ETag"])
        self.assertEqual(response.status_code, 200)


class CacheControlTests(ApiTestCase):
    def test_anonymous_responses_may_be_cached_briefly_by_anyone(self):
        self.assertEqual(self.client.get(URL)["Cache-Control"], "public, max-age=60")

    def test_authenticated_responses_are_private(self):
        token = make_token(make_staff("Editors"))
        self.assertEqual(self.client.get(URL, **self.auth(token))["Cache-Control"], "private, no-cache")

    def test_responses_vary_with_the_credentials(self):
        self.assertIn("Authorization", self.client.get(URL)["Vary"])

    def test_errors_are_not_stored(self):
        self.assertEqual(self.client.get(URL + "?page=0")["Cache-Control"], "no-store")


class CorsTests(ApiTestCase):
    def test_any_site_may_read(self):
        response = self.client.get(URL, HTTP_ORIGIN="https://news.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")

    def test_no_site_may_write(self):
        response = self.client.options(
            URL,
            HTTP_ORIGIN="https://news.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        )
        self.assertNotIn("POST", response["Access-Control-Allow-Methods"])

    def test_conditional_request_headers_are_allowed(self):
        response = self.client.options(
            URL,
            HTTP_ORIGIN="https://news.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        self.assertIn("if-none-match", response["Access-Control-Allow-Headers"])

    def test_the_rest_of_the_site_is_not_opened(self):
        response = self.client.get("/admin/login/", HTTP_ORIGIN="https://news.example")
        self.assertFalse(response.has_header("Access-Control-Allow-Origin"))


THROTTLED = {
    **settings.REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
}


@override_settings(REST_FRAMEWORK=THROTTLED)
class ThrottleTests(ApiTestCase):
    def test_anonymous_clients_over_the_rate_get_429_with_retry_after(self):
        for _ in range(2):
            self.client.get(URL)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 429)
        self.assertGreater(int(response["Retry-After"]), 0)
        self.assertIn("throttled", response.json()["detail"])

    def test_authenticated_clients_have_their_own_rate(self):
        token = make_token(make_staff())
        statuses = [self.client.get(URL, **self.auth(token)).status_code for _ in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])


class PaginationTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.bodies = [make_body(order=n) for n in range(5)]

    def test_page_size_and_links(self):
        body = self.get_json(URL + "?page_size=2&page=2")
        self.assertEqual(body["count"], 5)
        self.assertEqual(body["next"], "http://testserver/api/v1/bodies/?page=3&page_size=2")
        self.assertEqual(body["previous"], "http://testserver/api/v1/bodies/?page_size=2")
        self.assertEqual([item["id"] for item in body["results"]], [b.pk for b in self.bodies[2:4]])

    def test_the_default_page_holds_20(self):
        for n in range(20):
            make_body(order=10 + n)
        self.assertEqual(len(self.results(URL)), 20)

    def test_bad_page_numbers_are_refused(self):
        for value in ["abc", "0", "-1", "1.5", "²"]:
            with self.subTest(page=value):
                body = self.assertBadRequest(f"{URL}?page={value}", "page")
                self.assertIn("whole number from 1 up", body["detail"])

    def test_bad_page_sizes_are_refused(self):
        for value in ["abc", "0", "101"]:
            with self.subTest(page_size=value):
                self.assertBadRequest(f"{URL}?page_size={value}", "page_size")

    def test_a_page_past_the_last_is_not_found(self):
        response = self.client.get(URL + "?page=4&page_size=2")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            response.json(), {"detail": "Page 4 does not exist: the last page is 3, with 2 results a page."}
        )

    def test_an_empty_list_has_a_first_page(self):
        self.assertEqual(self.get_json("/api/v1/policy-pages/")["count"], 0)


class ErrorTests(ApiTestCase):
    def test_an_address_naming_no_endpoint_is_a_json_404(self):
        response = self.client.get("/api/v1/treaties/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("/api/v1/", response.json()["detail"])

    def test_a_write_to_an_unknown_address_is_a_json_404_not_a_csrf_page(self):
        response = self.client.post("/api/v1/treaties/", enforce_csrf_checks=True)
        self.assertEqual((response.status_code, response["Content-Type"]), (404, "application/json"))

    def test_a_validation_error_names_the_parameter_and_says_why(self):
        body = self.client.get("/api/v1/meetings/?kind=party").json()
        self.assertEqual(
            body,
            {
                "detail": "kind: Select a valid choice. party is not one of the available choices.",
                "errors": {"kind": ["Select a valid choice. party is not one of the available choices."]},
            },
        )

    def test_a_method_not_allowed_is_json(self):
        response = self.client.delete(
            "/api/v1/organisation/", **self.auth(make_token(make_staff("Publishers")))
        )
        self.assertEqual(response.status_code, 405)
        self.assertIn("DELETE", response.json()["detail"])

    def test_api_root_lists_every_resource(self):
        self.assertEqual(
            list(self.get_json("/api/v1/")),
            [
                "organisation",
                "bodies",
                "founding-documents",
                "countries",
                "memberships",
                "measures",
                "relations",
                "meetings",
                "policy-pages",
                "chair-terms",
                "office-holders",
            ],
        )
