"""Security in production: deploy checks, headers, cookies, the admin's login, uploads, escaping."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from cica_site.middleware import client_ip
from events.models import MeetingDocument
from tests.factories import make_country, make_meeting, make_organisation, make_staff
from tests.site.environment import PRODUCTION_ENV, run_python

ROOT = Path(settings.BASE_DIR)


class DeployCheckTests(SimpleTestCase):
    def test_the_documented_production_environment_passes_check_deploy(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")} | PRODUCTION_ENV,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)

    def test_cookies_are_secure_httponly_and_samesite_in_production(self):
        output = run_python(
            "from django.conf import settings as s\n"
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
            " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE)",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "True True Lax True True Lax")

    def test_https_is_enforced_behind_the_proxy(self):
        output = run_python(
            "from django.conf import settings as s\n"
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS,"
            " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'])",
            **PRODUCTION_ENV,
        )
        self.assertEqual(output, "True ('HTTP_X_FORWARDED_PROTO', 'https') 31536000 True")

    def test_a_local_plain_http_trial_turns_the_redirect_off(self):
        output = run_python(
            "from django.conf import settings as s\nprint(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)",
            **PRODUCTION_ENV,
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
        )
        self.assertEqual(output, "False False")


class HeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_every_page_has_the_security_headers(self):
        for url in ["/en/", "/en/meetings/", "/api/v1/meetings/", "/en/no-such-page/", "/admin/login/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
                self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
                self.assertEqual(response["X-Frame-Options"], "DENY")
                self.assertIn("camera=()", response["Permissions-Policy"])
                self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])

    def test_public_pages_have_a_strict_policy(self):
        policy = self.client.get("/en/")["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        self.assertEqual(directives["default-src"], "'none'")
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["style-src"], "'self'")
        self.assertEqual(directives["object-src"], "'none'")
        self.assertEqual(directives["base-uri"], "'none'")
        self.assertNotIn("unsafe", policy)

    def test_only_the_api_docs_relax_the_styles(self):
        policy = self.client.get("/api/v1/docs/")["Content-Security-Policy"]
        self.assertIn("style-src 'self' 'unsafe-inline'", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertRegex(policy, r"script-src 'self'(;|$)")

    @override_settings(
        SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
    )
    def test_https_responses_have_hsts(self):
        response = self.client.get("/en/", secure=True)
        self.assertEqual(
            response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload"
        )

    def test_the_admin_change_form_gives_the_editor_its_nonce(self):
        self.client.force_login(make_staff("Publishers", is_superuser=True))
        response = self.client.get(reverse("admin:organisation_policypage_add"))
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        self.assertContains(response, f'<script type="importmap" nonce="{nonce}">')
        for style_hash in settings.ADMIN_CSP_STYLE_HASHES:
            self.assertIn(style_hash, response["Content-Security-Policy"])

    def test_public_pages_get_no_style_hash_of_the_admin(self):
        policy = self.client.get("/en/")["Content-Security-Policy"]
        self.assertNotIn("sha256", policy)


class AdminPathTests(SimpleTestCase):
    def test_the_admin_address_comes_from_the_environment(self):
        output = run_python(
            "from django.urls import reverse\n"
            "from django.test import RequestFactory\n"
            "from cica_site.views import robots_txt\n"
            "print(reverse('admin:index'), reverse('admin:login'))\n"
            "print(robots_txt(RequestFactory().get('/robots.txt')).content.decode())",
            DJANGO_DEBUG="1",
            DJANGO_ALLOWED_HOSTS="testserver",
            DJANGO_ADMIN_PATH="backstage/",
        )
        self.assertTrue(output.startswith("/backstage/ /backstage/login/"), output)
        self.assertNotIn("backstage", output.split("\n", 1)[1])

    def test_the_default_is_admin(self):
        self.assertEqual(reverse("admin:index"), "/admin/")


class SessionTests(SimpleTestCase):
    def test_staff_sessions_expire_after_eight_hours(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 60 * 60)

    def test_passwords_are_validated(self):
        names = [validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS]
        self.assertIn("CommonPasswordValidator", names)
        self.assertIn("MinimumLengthValidator", names)


class LoginLockoutTests(TestCase):
    """django-axes: the username and the address together are locked out, nothing wider."""

    password = "a-long-test-password"

    @classmethod
    def setUpTestData(cls):
        cls.staff = make_staff("Editors", username="editor")
        cls.other = make_staff("Editors", username="other-editor")

    def login(self, username, password, address="192.0.2.10", **headers):
        return self.client.post(
            reverse("admin:login"),
            {"username": username, "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR=address,
            **headers,
        )

    def fail(self, times, **kwargs):
        for _ in range(times):
            self.login("editor", "wrong-password", **kwargs)

    def test_a_username_is_locked_out_from_an_address_after_too_many_failures(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        response = self.login("editor", self.password)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many failed logins", status_code=429)

    def test_fewer_failures_lock_nobody_out(self):
        self.fail(settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.login("editor", self.password).status_code, 302)

    def test_the_same_username_from_another_address_can_still_sign_in(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        self.assertEqual(self.login("editor", self.password, address="198.51.100.7").status_code, 302)

    def test_another_username_from_the_same_address_can_still_sign_in(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        self.assertEqual(self.login("other-editor", self.password).status_code, 302)

    @override_settings(PROXY_COUNT=1)
    def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(self):
        # Every request comes from the proxy's address; the client's is in X-Forwarded-For.
        self.fail(settings.AXES_FAILURE_LIMIT, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
        locked = self.login("editor", self.password, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
        elsewhere = self.login(
            "editor", self.password, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        self.assertEqual((locked.status_code, elsewhere.status_code), (429, 302))


class ClientIpTests(SimpleTestCase):
    def request(self, **meta):
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)

    def test_without_a_proxy_the_connection_address_counts(self):
        self.assertEqual(client_ip(self.request(HTTP_X_FORWARDED_FOR="203.0.113.5")), "10.0.0.2")

    @override_settings(PROXY_COUNT=1)
    def test_a_client_cannot_choose_its_address_behind_a_proxy(self):
        request = self.request(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
        self.assertEqual(client_ip(request), "203.0.113.5")

    @override_settings(PROXY_COUNT=2)
    def test_behind_two_proxies(self):
        request = self.request(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.0.0.9")
        self.assertEqual(client_ip(request), "203.0.113.5")


class MediaTests(TestCase):
    """Whatever was uploaded, it is never served as a page of the site."""

    @classmethod
    def setUpTestData(cls):
        meeting = make_meeting()
        MeetingDocument.objects.create(meeting=meeting, title="Page", file="meetings/documents/page.html")
        make_country(flag="flags/photo.png")

    def setUp(self):
        root = Path(settings.MEDIA_ROOT)
        for name, content in [
            ("meetings/documents/page.html", b"<script>alert(1)</script>"),
            ("flags/photo.png", b"\x89PNG\r\n\x1a\n"),
        ]:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)

    def get(self, path):
        return self.client.get(f"/media/{path}")

    def test_an_uploaded_file_is_never_served_as_a_page(self):
        response = self.get("meetings/documents/page.html")
        self.assertEqual(response["Content-Type"], "application/octet-stream")
        self.assertEqual(response["Content-Disposition"], "attachment")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", response["Content-Security-Policy"])

    def test_an_image_is_shown_inline_under_a_policy_that_runs_nothing(self):
        response = self.get("flags/photo.png")
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertNotIn("attachment", response.get("Content-Disposition", ""))
        self.assertIn("default-src 'none'", response["Content-Security-Policy"])


class EscapingTests(TestCase):
    def test_a_search_for_markup_is_shown_as_text(self):
        make_organisation()
        response = self.client.get("/en/search/", {"q": '<script>alert("x")</script>'})
        self.assertNotContains(response, '<script>alert("x")')
        self.assertContains(response, "&lt;script&gt;alert(")

    def test_no_code_builds_sql_by_hand(self):
        """User input never reaches a raw SQL string: the ORM's parameters carry it."""
        pattern = re.compile(r"\.raw\(|\.extra\(|RawSQL\(|cursor\(\)|\.execute\(")
        allowed = {
            "cica_site/health.py",  # "SELECT 1", a constant.
            "organisation/models/review.py",  # SQLite's sequence table: parameters, model tables.
            "organisation/models/prepared.py",  # SQL the ORM compiled, run with its parameters.
        }
        found = [
            str(path.relative_to(ROOT))
            for folder in ("cica_site", "organisation", "events")
            for path in (ROOT / folder).rglob("*.py")
            if "migrations" not in path.parts
            and str(path.relative_to(ROOT)) not in allowed
            and pattern.search(path.read_text())
        ]
        self.assertEqual(found, [])

    def test_templates_never_turn_escaping_off(self):
        found = [
            str(path.relative_to(ROOT))
            for path in (ROOT / "templates").rglob("*.html")
            if "autoescape off" in path.read_text()
        ]
        self.assertEqual(found, [])


class NulCharacterTests(TestCase):
    """NUL (which PostgreSQL refuses in text) anywhere it could reach a query is a clear 400, on
    every database: search, filters, the API, the admin, sign-in, cookies and tokens."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.staff = make_staff("Publishers")

    def assertRefused(self, response, name):
        self.assertEqual(response.status_code, 400, response.content[:300])
        self.assertIn(name, response.content.decode())

    def test_query_strings_of_pages(self):
        for url, name in [
            ("/en/search/?q=%00", "q"),
            ("/en/search/?q=summit%00", "q"),
            ("/en/meetings/?kind=%00", "kind"),
            ("/en/meetings/?body=summit%00", "body"),
            ("/en/meetings/calendar.ics?country=A%00", "country"),
            ("/en/feeds/meetings/?x%00=1", "x"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRefused(response, name)
                self.assertIn("NUL", response.content.decode())

    def test_query_strings_of_the_api_are_json(self):
        for url, name in [
            ("/api/v1/meetings/?search=%00", "search"),
            ("/api/v1/meetings/?body=%00", "body"),
            ("/api/v1/countries/?as_of=2020-01-01%00", "as_of"),
            ("/api/v1/relations/?country=A%00", "country"),
            ("/api/v1/memberships/?ordering=%00", "ordering"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRefused(response, name)
                self.assertEqual(list(response.json()["errors"]), [name])

    def test_the_admin(self):
        self.client.force_login(self.staff)
        for url in [
            reverse("admin:events_meeting_changelist") + "?q=%00",
            reverse("admin:organisation_country_changelist") + "?status_today=%00",
            reverse("admin:autocomplete")
            + "?app_label=events&model_name=meeting&field_name=adopted_at&term=%00",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 400)
        response = self.client.post(reverse("admin:events_meeting_add"), {"title": "A\x00", "slug": "a"})
        self.assertRefused(response, "title")

    def test_signing_in(self):
        response = self.client.post(reverse("admin:login"), {"username": "staff\x00", "password": "x"})
        self.assertRefused(response, "username")

    def test_cookies_and_tokens(self):
        self.client.cookies["sessionid"] = "abcdefgh\x00"
        self.assertEqual(self.client.get("/en/").status_code, 400)
        self.client.cookies.clear()
        response = self.client.get("/api/v1/meetings/", HTTP_AUTHORIZATION="Token abc\x00def")
        self.assertRefused(response, "Authorization")

    def test_an_address(self):
        self.assertEqual(self.client.get("/en/meetings/%00/").status_code, 400)
