"""Purges sent to edge caches (cica_site/edge.py), against a stand-in edge on loopback.

The edge itself (Varnish with deploy/varnish/default.vcl) is checked by .ci/edge."""

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings
from django.test import TestCase, override_settings

from tests.factories import make_country, make_meeting
from tests.site.environment import PRODUCTION_ENV


class StandInEdge(BaseHTTPRequestHandler):
    received = []
    status = 200

    def do_PURGE(self):
        type(self).received.append(dict(self.headers.items()))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class PurgeTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), StandInEdge)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}/"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        cls.country = make_country("Azerbaijan", "AZ")
        cls.meeting = make_meeting("Baku meeting", host_country=cls.country)

    def setUp(self):
        StandInEdge.received = []
        StandInEdge.status = 200

    def save(self):
        with (
            override_settings(EDGE_PURGE_URLS=[self.url, self.url], EDGE_PURGE_TOKEN="a-shared-secret-token"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.meeting.title = "Baku expert meeting"
            self.meeting.save()

    def test_a_change_purges_its_tags_from_every_edge_once_committed(self):
        self.save()
        self.assertEqual(len(StandInEdge.received), 2)
        headers = StandInEdge.received[0]
        tags = headers["xkey-purge"].split()
        self.assertIn(f"meeting:{self.meeting.pk}", tags)
        self.assertIn(f"meeting:list:host_country:{self.country.pk}", tags)
        self.assertIn("meeting:list:status:published", tags)
        self.assertEqual(headers["X-Purge-Token"], "a-shared-secret-token")
        self.assertEqual(headers["xkey-purge-mode"], "hard")

    def test_nothing_is_purged_before_the_commit(self):
        with override_settings(EDGE_PURGE_URLS=[self.url], EDGE_PURGE_TOKEN="a-shared-secret-token"):
            self.meeting.save()
        self.assertEqual(StandInEdge.received, [])

    def test_a_refused_purge_is_logged_and_the_save_stands(self):
        StandInEdge.status = 403
        with self.assertLogs("cica_site.edge", "ERROR") as logs:
            self.save()
        self.assertIn("refused", logs.output[0])
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.title, "Baku expert meeting")

    def test_an_unreachable_edge_is_logged_and_the_save_stands(self):
        with (
            override_settings(
                EDGE_PURGE_URLS=["http://127.0.0.1:9/"], EDGE_PURGE_TOKEN="a-shared-secret-token"
            ),
            self.assertLogs("cica_site.edge", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.meeting.save()
        self.meeting.refresh_from_db()

    def test_many_tags_are_sent_a_few_hundred_a_request(self):
        from cica_site import edge

        with override_settings(EDGE_PURGE_URLS=[self.url], EDGE_PURGE_TOKEN="a-shared-secret-token"):
            edge.purge({f"meeting:{n}" for n in range(450)})
        self.assertEqual(
            [len(headers["xkey-purge"].split()) for headers in StandInEdge.received], [200, 200, 50]
        )


class SettingsTests(TestCase):
    def test_purge_addresses_without_the_secret_are_refused_at_start(self):
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=settings.BASE_DIR,
            env=PRODUCTION_ENV
            | {
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "cica_site.settings",
                "DJANGO_EDGE_PURGE_URLS": "http://127.0.0.1:6081/",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_EDGE_PURGE_TOKEN", result.stderr)
