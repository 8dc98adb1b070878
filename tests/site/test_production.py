"""Running in production: health check, request ids and logs, errors and the database down,
static and media storage, the bench's baseline address."""

import logging
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.urls import NoReverseMatch, reverse

from cica_site.logs import OneLineFormatter, RequestIdFilter, request_id
from tests.factories import make_organisation
from tests.site.environment import PRODUCTION_ENV, run_python


class HealthCheckTests(TestCase):
    def test_healthy(self):
        response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.json()), (200, {"status": "ok"}))
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_the_database_down_is_a_503_that_says_nothing_more(self):
        with mock.patch("cica_site.health.connections") as connections:
            connections.__getitem__.return_value.cursor.side_effect = OperationalError("connection refused")
            response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.json()), (503, {"status": "unavailable"}))

    def test_the_cache_down_is_degraded_not_unavailable(self):
        # Pages are still served without the cache: a load balancer must keep the server.
        with mock.patch("cica_site.health.caches") as caches:
            caches.__getitem__.return_value.set.side_effect = ConnectionError("redis is down")
            response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.json()), (200, {"status": "degraded"}))
        self.assertNotIn(b"redis", response.content)

    @override_settings(ALLOWED_HOSTS=["www.example.org"])
    def test_the_load_balancer_may_ask_by_address(self):
        self.assertEqual(self.client.get("/healthz", HTTP_HOST="10.0.0.5:8000").status_code, 200)


# Redis at an address where nothing listens: every cache operation fails at once.
REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}


@pytest.mark.page_cache
@override_settings(CACHES={**settings.CACHES, "default": REDIS_DOWN, "shared": REDIS_DOWN})
class RedisDownTests(TestCase):
    """With the shared cache down the site serves everything, uncached, and says it is degraded."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_pages_and_the_api_are_served(self):
        with self.assertLogs("cica_site", "WARNING"):
            for url in ("/en/", "/en/about/", "/api/v1/bodies/", "/api/v1/organisation/"):
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    @override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "9/minute"},
        }
    )
    def test_api_throttles_count_in_each_process_and_say_so(self):
        with self.assertLogs("cica_site.rest", "WARNING") as logs:
            statuses = [self.client.get(f"/api/v1/bodies/?page={n}").status_code for n in range(1, 5)]
        self.assertEqual(statuses[:3], [200, 404, 404])  # Pages past the last: answered, and counted.
        self.assertEqual(statuses[3], 429)
        self.assertIn("API throttles count in each process", logs.output[0])

    def test_the_health_check_says_degraded(self):
        response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.json()), (200, {"status": "degraded"}))


class RequestIdTests(TestCase):
    def test_each_response_has_a_request_id(self):
        first, second = self.client.get("/healthz"), self.client.get("/healthz")
        self.assertRegex(first["X-Request-ID"], r"^[0-9a-f]{32}$")
        self.assertNotEqual(first["X-Request-ID"], second["X-Request-ID"])

    def test_the_proxys_request_id_is_kept(self):
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID="edge-4f2a.1")
        self.assertEqual(response["X-Request-ID"], "edge-4f2a.1")

    def test_a_request_id_that_could_forge_a_log_line_is_replaced(self):
        response = self.client.get("/healthz", HTTP_X_REQUEST_ID="x\nERROR forged")
        self.assertRegex(response["X-Request-ID"], r"^[0-9a-f]{32}$")


class LogFormatTests(SimpleTestCase):
    def test_an_error_is_one_line_with_the_request_id(self):
        formatter = OneLineFormatter("%(levelname)s request_id=%(request_id)s %(message)s")
        try:
            raise ValueError("bad\nvalue")
        except ValueError:
            record = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Failed", None, sys.exc_info()
            )
        token = request_id.set("abc123")
        try:
            RequestIdFilter().filter(record)
        finally:
            request_id.reset(token)
        line = formatter.format(record)
        self.assertNotIn("\n", line)
        self.assertTrue(line.startswith("ERROR request_id=abc123 Failed | Traceback"), line)
        self.assertIn("ValueError: bad | value", line)


class ErrorPageTests(TestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def test_an_error_shows_the_server_error_page_and_no_trace(self):
        with mock.patch("cica_site.views.get_site_organisation", side_effect=RuntimeError("secret detail")):
            response = self.client.get("/en/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Server error", status_code=500)
        self.assertNotContains(response, "secret detail", status_code=500)
        self.assertNotContains(response, "Traceback", status_code=500)

    def test_the_database_down_shows_a_styled_503_with_retry_after(self):
        with mock.patch("cica_site.views.get_site_organisation", side_effect=OperationalError("no route")):
            response = self.client.get("/en/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertContains(response, "Temporarily unavailable", status_code=503)
        self.assertContains(response, "/static/css/site.css", status_code=503)
        self.assertNotContains(response, "no route", status_code=503)

    def test_the_api_answers_json_503_with_the_database_down(self):
        with mock.patch("events.api.MeetingViewSet.get_queryset", side_effect=OperationalError("no route")):
            response = self.client.get("/api/v1/meetings/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertEqual(set(response.json()), {"detail"})

    def test_the_site_resumes_when_the_database_is_back(self):
        make_organisation()
        with mock.patch("cica_site.views.get_site_organisation", side_effect=OperationalError("no route")):
            self.assertEqual(self.client.get("/en/").status_code, 503)
        self.assertEqual(self.client.get("/en/").status_code, 200)


class StorageTests(SimpleTestCase):
    def test_media_are_on_local_disk_by_default(self):
        output = run_python(
            "from django.core.files.storage import storages\nprint(type(storages['default']).__name__)",
            DJANGO_DEBUG="1",
        )
        self.assertEqual(output, "FileSystemStorage")

    def test_media_go_to_s3_compatible_storage_when_a_bucket_is_named(self):
        # No request is made.
        output = run_python(
            "from django.conf import settings\n"
            "from django.core.files.storage import storages\n"
            "s = storages['default']\nprint(type(s).__name__, s.url('flags/az.png'))\n"
            "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
            **PRODUCTION_ENV,
            DJANGO_S3_BUCKET="cica-media",
            DJANGO_S3_ENDPOINT_URL="https://objects.example.net",
            DJANGO_S3_REGION="eu-central-1",
            AWS_ACCESS_KEY_ID="test",
            AWS_SECRET_ACCESS_KEY="test",
        )
        storage, policy = output.split("\n")
        # The bucket is private: addresses are the site's, which redirects (tests/site/test_media.py).
        self.assertEqual(storage, "S3MediaStorage /media/flags/az.png")
        self.assertEqual(policy, "[\"'self'\", 'https://objects.example.net']")

    def test_static_files_are_compressed_and_hashed_in_production(self):
        output = run_python(
            "from django.conf import settings\nprint(settings.STORAGES['staticfiles']['BACKEND'])",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "whitenoise.storage.CompressedManifestStaticFilesStorage")


class BaselineTests(SimpleTestCase):
    def test_the_bench_baseline_is_not_routed_in_production(self):
        with self.assertRaises(NoReverseMatch):
            reverse("bench-baseline")

    def test_the_bench_baseline_is_routed_when_asked_for(self):
        output = run_python(
            "from django.urls import reverse\nprint(reverse('bench-baseline'))",
            DJANGO_DEBUG="1",
            DJANGO_BENCH_BASELINE="1",
        )
        self.assertEqual(output, "/bench/baseline/")

    def test_the_layout_reference_is_routed_with_the_baseline(self):
        output = run_python(
            "from django.urls import reverse\nfrom django.utils import translation\n"
            "translation.activate('ru')\nprint(reverse('bench-layout'))",
            DJANGO_DEBUG="1",
            DJANGO_BENCH_BASELINE="1",
        )
        self.assertEqual(output, "/ru/bench/layout/")


class WorkerMemoryTests(SimpleTestCase):
    """What a web worker loads: libraries only uploads, calendars or the API schema need wait for them."""

    def test_a_worker_loads_no_upload_calendar_or_schema_library(self):
        output = run_python(
            "import sys\nfrom cica_site.wsgi import application\nfrom django.urls import resolve\n"
            "resolve('/en/')\n"
            "print(sorted(m for m in ('pypdf', 'icalendar', 'drf_spectacular.views') if m in sys.modules))",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "[]")

    def test_a_worker_on_sqlite_loads_no_postgresql_driver(self):
        # Django REST framework would import psycopg and libpq (11 MB) whenever it is installed.
        loaded = (
            "print(sorted({m.split('.')[0] for m, module in sys.modules.items() "
            "if module is not None and m.split('.')[0] in ('psycopg', 'psycopg2', 'psycopg_binary')}))"
        )
        output = run_python(
            "import sys\nfrom cica_site.wsgi import application\n"
            "import rest_framework.serializers\n" + loaded,
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "[]")
        output = run_python(
            "import sys\nfrom django.conf import settings\nimport rest_framework.serializers\n"
            "print('django.contrib.postgres' in settings.INSTALLED_APPS)\n" + loaded,
            **PRODUCTION_ENV,
            DATABASE_URL="postgres://cica@127.0.0.1:5432/cica",
        )
        self.assertEqual(output, "True\n['psycopg', 'psycopg_binary']")

    def test_stemming_loads_the_two_languages_stemmers_in_c(self):
        output = run_python(
            "import sys\nfrom organisation.search_text import stem\n"
            "print(stem('summits', 'en'), stem('саммита', 'ru'))\n"
            "print(sorted(m for m in sys.modules if m.startswith(('snowballstemmer', 'Stemmer'))))",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "summit саммит\n['Stemmer']")


class GunicornTests(SimpleTestCase):
    """cica_site/gunicorn.py: workers start warm and share what the master loaded, and are replaced
    rarely and at spread-out times (issue #15, tails)."""

    def test_the_master_compiles_the_templates_and_freezes_its_objects_before_forking(self):
        output = run_python(
            "import gc\nfrom django.template import engines\nfrom cica_site import gunicorn\n"
            "gunicorn.when_ready(None)\n"
            "loader = engines['django'].engine.template_loaders[0]\n"
            "print(gc.get_freeze_count() > 0, 'base.html' in loader.get_template_cache)",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "True True")

    def test_workers_are_replaced_rarely_and_not_together(self):
        output = run_python(
            "from cica_site import gunicorn\nprint(gunicorn.max_requests, gunicorn.max_requests_jitter)",
            **PRODUCTION_ENV,
        )
        max_requests, jitter = map(int, output.split())
        self.assertGreaterEqual(max_requests, 50_000)
        self.assertGreaterEqual(jitter, max_requests // 2)
