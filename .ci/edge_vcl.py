#!/usr/bin/env python3
"""The checks of .ci/edge against the VCL alone: a stand-in backend on loopback, Varnish with
deploy/varnish/default.vcl in front (started by run-varnish.sh), and HTTP requests through it.
Python 3 standard library only.

    python3 .ci/edge_vcl.py                  # Varnish on EDGE_VCL_PORT (6092)
    EDGE_TEST_KEEP=1 python3 .ci/edge_vcl.py # leave the working directory for varnishlog -d -n …

Needs varnishd 7 with vmod_xkey (varnish-modules). As root, varnishd runs jailed (-j unix,user=varnish).
"""

import hashlib
import http.client
import json
import os
import secrets
import shutil
import subprocess
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "deploy" / "varnish" / "run-varnish.sh"
TOKEN = secrets.token_urlsafe(24)
ADMIN_PATH = "backstage/"  # DJANGO_ADMIN_PATH, not the default, to prove it is a parameter

# --- The fake backend ------------------------------------------------------------------------------

ROUTES = {}  # path -> dict(tags, cache_control, vary, headers, set_cookie, delay, version, surrogate)
LOG = []  # (method, path, {header: value}) of every request the backend received
LOCK = threading.Lock()


def route(path, **spec):
    spec.setdefault("tags", None)
    spec.setdefault("cache_control", "public, max-age=60")
    spec.setdefault("vary", "Cookie")
    spec.setdefault("version", 1)
    with LOCK:
        ROUTES[path] = spec
    return path


def bump(path):
    with LOCK:
        ROUTES[path]["version"] += 1


def hits_on_backend(path, method=None):
    with LOCK:
        return sum(1 for m, p, _h in LOG if p == path and (method is None or m == method))


def backend_requests(path):
    with LOCK:
        return [h for _m, p, h in LOG if p == path]


class Backend(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _respond(self, with_body):
        path = self.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        with LOCK:
            LOG.append((self.command, path, headers))
            spec = dict(ROUTES.get(path) or {})
        if not spec:
            body = b"not found\n"
            self.send_response(404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body if with_body else b"")
            return
        if spec.get("delay"):
            time.sleep(spec["delay"])
        etag = '"{}"'.format(hashlib.sha1(f"{path} {spec['version']}".encode()).hexdigest()[:16])
        common = [("Cache-Control", spec["cache_control"])] if spec["cache_control"] else []
        if spec["vary"]:
            common.append(("Vary", spec["vary"]))
        common.append(("ETag", etag))
        if headers.get("if-none-match") == etag:
            # As Django's 304: validators and caching headers, no tags.
            self.send_response(304)
            for name, value in common:
                self.send_header(name, value)
            self.end_headers()
            return
        body = (
            json.dumps(
                {
                    "path": path,
                    "version": spec["version"],
                    "cookie": headers.get("cookie"),
                    "authorization": headers.get("authorization"),
                    "accept": headers.get("accept"),
                    "accept_language": headers.get("accept-language"),
                }
            ).encode()
            + b"\n"
        )
        self.send_response(spec.get("status", 200))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in common:
            self.send_header(name, value)
        if spec["tags"]:
            self.send_header("xkey", spec["tags"])
        if spec.get("surrogate_key"):
            self.send_header("Surrogate-Key", spec["surrogate_key"])
        if spec.get("surrogate"):
            self.send_header("Surrogate-Control", spec["surrogate"])
        if spec.get("set_cookie"):
            self.send_header("Set-Cookie", spec["set_cookie"])
        if "x-request-id" in headers:
            self.send_header("X-Request-ID", headers["x-request-id"])
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self):
        self._respond(True)

    def do_HEAD(self):
        self._respond(False)

    def do_POST(self):
        self._respond(True)


# --- Varnish ---------------------------------------------------------------------------------------


class Edge:
    def __init__(self):
        self.backend = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
        self.backend.daemon_threads = True
        threading.Thread(target=self.backend.serve_forever, daemon=True).start()
        self.port = int(os.environ.get("EDGE_VCL_PORT", "6092"))
        self.workdir = f"/tmp/varnish-edge-test-{os.getpid()}"
        self.env = dict(
            os.environ,
            EDGE_BACKEND_HOST="127.0.0.1",
            EDGE_BACKEND_PORT=str(self.backend.server_address[1]),
            EDGE_LISTEN=f"127.0.0.1:{self.port}",
            EDGE_WORKDIR=self.workdir,
            EDGE_PURGE_TOKEN=TOKEN,
            # Loopback's 127.0.0.1 only: requests from 127.0.0.2 stand for another machine.
            EDGE_PURGE_ACL="127.0.0.1",
            DJANGO_ADMIN_PATH=ADMIN_PATH,
            EDGE_STORAGE="malloc,32M",
        )
        subprocess.run([str(RUN), "start"], env=self.env, check=True)

    def stop(self):
        subprocess.run([str(RUN), "stop"], env=self.env, check=False)
        self.backend.shutdown()
        if not os.environ.get("EDGE_TEST_KEEP"):
            shutil.rmtree(self.workdir, ignore_errors=True)


EDGE = None


def setUpModule():
    global EDGE
    EDGE = Edge()


def tearDownModule():
    if EDGE:
        EDGE.stop()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.body = status, body
        self.headers = {}
        for name, value in headers:
            self.headers.setdefault(name.lower(), []).append(value)

    def header(self, name):
        values = self.headers.get(name.lower())
        return ", ".join(values) if values else None

    @property
    def cache(self):
        return self.header("x-cache")

    @property
    def json(self):
        return json.loads(self.body)


def request(path, method="GET", headers=None, source="127.0.0.1", body=None):
    conn = http.client.HTTPConnection("127.0.0.1", EDGE.port, timeout=10, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Response(resp.status, resp.getheaders(), resp.read())
    finally:
        conn.close()


def purge(tags=None, token=TOKEN, mode=None, path="/", source="127.0.0.1", extra=None):
    headers = dict(extra or {})
    if tags is not None:
        headers["xkey-purge"] = tags
    if token is not None:
        headers["X-Purge-Token"] = token
    if mode:
        headers["xkey-purge-mode"] = mode
    return request(path, "PURGE", headers, source=source)


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


# --- The tests -------------------------------------------------------------------------------------


class Caching(unittest.TestCase):
    def test_second_request_is_a_hit(self):
        path = route("/en/meetings/1/", tags="meeting:1 meetings:list")
        first, second = request(path), request(path)
        self.assertEqual((first.status, first.cache), (200, "MISS"))
        self.assertEqual((second.status, second.cache), (200, "HIT"))
        self.assertEqual(second.body, first.body)
        self.assertEqual(hits_on_backend(path), 1)
        self.assertIsNotNone(second.header("age"))
        self.assertEqual(second.header("x-cache-hits"), "1")
        head = request(path, "HEAD")
        self.assertEqual((head.status, head.cache, head.body), (200, "HIT", b""))

    def test_tags_and_internal_headers_never_leave_varnish(self):
        path = route("/en/meetings/2/", tags="meeting:2 meetings:list country:7", surrogate="max-age=600")
        for resp in (request(path), request(path)):
            self.assertIsNone(resp.header("xkey"))
            self.assertIsNone(resp.header("surrogate-control"))
            self.assertFalse([name for name in resp.headers if name.startswith("x-edge-")], resp.headers)
        # Nor do they reach the backend, whatever a client sends.
        other = route("/en/meetings/3/", tags="meeting:3")
        request(other, headers={"X-Edge-Pass": "1", "X-Edge-Cache": "HIT", "X-Edge-Token-Ok": "1"})
        for seen in backend_requests(other):
            self.assertFalse([name for name in seen if name.startswith("x-edge-")], seen)

    def test_request_id_is_the_clients_own_even_on_a_hit(self):
        path = route("/en/meetings/4/", tags="meeting:4")
        request(path, headers={"X-Request-ID": "first-request"})
        hit = request(path, headers={"X-Request-ID": "second-request"})
        self.assertEqual((hit.cache, hit.header("x-request-id")), ("HIT", "second-request"))
        generated = request(path)
        self.assertRegex(generated.header("x-request-id"), r"^edge-")


class Purging(unittest.TestCase):
    def test_purge_by_tag_hits_exactly_the_tagged_pages(self):
        tagged = [
            route("/en/meetings/42/", tags="meeting:42 meetings:list country:7"),
            route("/ru/meetings/42/", tags="meeting:42 meetings:list country:7"),
            route("/en/countries/7/", tags="country:7, meeting:42,meeting:43"),  # commas work too
        ]
        untagged = [
            route("/en/meetings/43/", tags="meeting:43 meetings:list"),
            route("/en/about/", tags="page:about"),
            route("/en/meetings/420/", tags="meeting:420"),  # a prefix of no use: keys are exact
        ]
        for path in tagged + untagged:
            request(path)
            self.assertEqual(request(path).cache, "HIT", path)
        for path in tagged:
            bump(path)

        resp = purge("meeting:42", mode="hard")
        self.assertEqual(resp.status, 200, resp.body)
        self.assertEqual(resp.header("x-purged"), "3")
        self.assertEqual(resp.json, {"mode": "hard", "purged": 3})

        for path in tagged:
            miss = request(path)
            self.assertEqual((miss.cache, miss.json["version"]), ("MISS", 2), path)
            self.assertEqual(request(path).cache, "HIT", path)
            self.assertEqual(hits_on_backend(path), 2, path)
        for path in untagged:
            hit = request(path)
            self.assertEqual((hit.cache, hit.json["version"]), ("HIT", 1), path)
            self.assertEqual(hits_on_backend(path), 1, path)

    def test_several_tags_in_one_purge(self):
        a = route("/en/meetings/50/", tags="meeting:50")
        b = route("/en/meetings/51/", tags="meeting:51")
        c = route("/en/meetings/52/", tags="meeting:52")
        for path in (a, b, c):
            request(path)
        resp = purge("meeting:50 meeting:51 no-such-tag", mode="hard")
        self.assertEqual(resp.header("x-purged"), "2")
        self.assertEqual([request(p).cache for p in (a, b, c)], ["MISS", "MISS", "HIT"])

    def test_soft_purge_sends_one_request_to_the_backend_and_serves_stale_meanwhile(self):
        path = route("/en/meetings/60/", tags="meeting:60 meetings:list", delay=1.5)
        request(path)
        self.assertEqual(request(path).cache, "HIT")
        bump(path)
        before = hits_on_backend(path)

        resp = purge("meeting:60")  # soft is the default
        self.assertEqual(resp.json, {"mode": "soft", "purged": 1})

        results = []

        def fetch():
            started = time.monotonic()
            results.append((request(path), time.monotonic() - started))

        threads = [threading.Thread(target=fetch) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # Everyone got the stale copy at once (the backend takes 1.5s), none waited for it.
        self.assertEqual(sorted({r.cache for r, _ in results}), ["STALE"])
        self.assertEqual({r.json["version"] for r, _ in results}, {1})
        self.assertLess(max(elapsed for _, elapsed in results), 1.0)
        # One background fetch refreshed it.
        self.assertTrue(wait_for(lambda: request(path).json["version"] == 2))
        fresh = request(path)
        self.assertEqual((fresh.cache, fresh.json["version"]), ("HIT", 2))
        self.assertEqual(hits_on_backend(path) - before, 1)

    def test_soft_purge_revalidates_with_a_304_and_keeps_the_tags(self):
        path = route("/en/about-us/", tags="page:about-us")
        request(path)
        self.assertEqual(purge("page:about-us").header("x-purged"), "1")
        self.assertEqual(request(path).cache, "STALE")
        self.assertTrue(wait_for(lambda: hits_on_backend(path) == 2))
        refresh = backend_requests(path)[-1]
        self.assertIn("if-none-match", refresh)  # a conditional request: the page had not changed
        self.assertTrue(wait_for(lambda: request(path).cache == "HIT"))
        # The backend's 304 carried no xkey header: the tags came from the stale copy.
        self.assertEqual(purge("page:about-us", mode="hard").header("x-purged"), "1")
        self.assertEqual(request(path).cache, "MISS")

    def test_purge_without_the_token_or_from_elsewhere_is_refused(self):
        path = route("/en/meetings/70/", tags="meeting:70")
        request(path)
        refused = [
            purge("meeting:70", token=None),
            purge("meeting:70", token="wrong-" + TOKEN),
            purge("meeting:70", token=None, extra={"X-Edge-Token-Ok": "1"}),  # no spoofing the flag
            purge("meeting:70", source="127.0.0.2"),  # right token, address not in the ACL
        ]
        self.assertEqual([r.status for r in refused], [403, 403, 403, 403])
        self.assertEqual(request(path).cache, "HIT")
        self.assertEqual(hits_on_backend(path, "PURGE"), 0)
        # Other cache-control methods are not ours to forward.
        self.assertEqual(request(path, "BAN", {"X-Purge-Token": TOKEN}).status, 405)
        self.assertEqual(request(path).cache, "HIT")

    def test_purge_without_tags_purges_the_address(self):
        path = route("/en/meetings/80/", tags="meeting:80")
        request(path)
        resp = purge(path=path)
        self.assertEqual((resp.status, resp.json), (200, {"mode": "url", "purged": True}))
        self.assertEqual(request(path).cache, "MISS")

    def test_surrogate_key_is_read_as_xkey(self):
        path = route("/en/meetings/81/", surrogate_key="meeting:81 meetings:all")
        request(path)
        hit = request(path)
        self.assertEqual(hit.cache, "HIT")
        self.assertIsNone(hit.header("surrogate-key"))
        self.assertEqual(purge("meeting:81", mode="hard").header("x-purged"), "1")
        self.assertEqual(request(path).cache, "MISS")

    def test_many_tags_in_one_header(self):
        # ~27 KB of tags in one header line: over Varnish's default http_resp_hdr_len (8k), under
        # the 64k that run-varnish.sh sets.
        tags = " ".join(f"meeting:{n}" for n in range(100000, 102000))
        self.assertGreater(len(tags), 8192)
        path = route("/en/meetings/archive/", tags=tags)
        self.assertEqual((request(path).status, request(path).cache), (200, "HIT"))
        self.assertEqual(purge("meeting:101234", mode="hard").header("x-purged"), "1")
        self.assertEqual(request(path).cache, "MISS")


class Privacy(unittest.TestCase):
    """The backend here wrongly marks a personal page public: Varnish alone must keep it private."""

    def test_session_and_authorization_are_never_cached_nor_served_a_cached_page(self):
        path = route("/en/whoami/", tags="whoami")
        anonymous = request(path)
        self.assertEqual(request(path).cache, "HIT")
        personal = {
            "alice": {"Cookie": "sessionid=alice; _ga=GA1.2"},
            "bob": {"Cookie": "_ga=GA1.2; sessionid=bob"},
            "basic": {"Authorization": "Basic dXNlcjpwYXNz"},
            "csrf": {"Cookie": "csrftoken=abc"},
            "messages": {"Cookie": "messages=xyz"},
        }
        for name, headers in personal.items():
            for _ in range(2):
                before = hits_on_backend(path)
                resp = request(path, headers=headers)
                self.assertEqual(resp.cache, "PASS", name)
                self.assertEqual(hits_on_backend(path), before + 1, name)
                # The backend got the request as sent: cookies untouched.
                seen = backend_requests(path)[-1]
                self.assertEqual(seen.get("cookie"), headers.get("Cookie"), name)
                self.assertEqual(seen.get("authorization"), headers.get("Authorization"), name)
                self.assertNotEqual(resp.body, anonymous.body, name)
        # And nothing personal was stored: anonymous visitors still get the anonymous page.
        hit = request(path)
        self.assertEqual((hit.cache, hit.body), ("HIT", anonymous.body))

    def test_set_cookie_responses_are_not_stored(self):
        path = route("/en/contact/", tags="page:contact", set_cookie="csrftoken=xyz; Path=/; SameSite=Lax")
        first, second = request(path), request(path)
        self.assertEqual((first.cache, second.cache), ("MISS", "MISS-UNCACHEABLE"))
        self.assertEqual(second.header("set-cookie"), "csrftoken=xyz; Path=/; SameSite=Lax")
        self.assertEqual(hits_on_backend(path), 2)

    def test_private_no_store_no_cache_and_silent_responses_are_not_stored(self):
        for path, cache_control in [
            ("/en/private/", "private, max-age=60"),
            ("/en/no-store/", "no-store"),
            ("/en/no-cache/", "no-cache, max-age=60"),
            ("/en/max-age-0/", "max-age=0"),
            ("/en/silent/", None),  # no freshness at all: not stored for default_ttl
        ]:
            route(path, tags="page:x", cache_control=cache_control)
            request(path)
            self.assertNotIn(request(path).cache, ("HIT", "STALE"), path)
            self.assertEqual(hits_on_backend(path), 2, path)
        # Surrogate-Control does not override a private Cache-Control (the builtin VCL would).
        path = route("/en/private-surrogate/", cache_control="private", surrogate="max-age=600")
        request(path)
        self.assertEqual(request(path).cache, "MISS-UNCACHEABLE")

    def test_admin_path_is_never_cached(self):
        for path in (f"/{ADMIN_PATH}", f"/{ADMIN_PATH}events/meeting/", "/healthz"):
            route(path)
            self.assertEqual([request(path).cache for _ in range(2)], ["PASS", "PASS"], path)
        # /admin/ is not the admin here (DJANGO_ADMIN_PATH=backstage/): an ordinary address.
        path = route("/admin/")
        request(path)
        self.assertEqual(request(path).cache, "HIT")

    def test_post_passes(self):
        path = route("/en/search/")
        for _ in range(2):
            self.assertEqual(request(path, "POST", body=b"q=x").cache, "PASS")
        self.assertEqual(hits_on_backend(path, "POST"), 2)


class Variants(unittest.TestCase):
    def test_other_cookies_are_stripped_from_cacheable_requests(self):
        path = route("/en/meetings/90/", tags="meeting:90")
        request(path, headers={"Cookie": "_ga=GA1.2; _gid=3"})
        self.assertIsNone(backend_requests(path)[-1].get("cookie"))
        # Any analytics cookie, or none, or the language cookie on a /xx/ address: one object.
        for cookie in (None, "_ga=other", "django_language=az", "_fbp=1; django_language=ru"):
            resp = request(path, headers={"Cookie": cookie} if cookie else {})
            self.assertEqual(resp.cache, "HIT", cookie)
        self.assertEqual(hits_on_backend(path), 1)

    def test_unprefixed_addresses_vary_on_accept_language_accept_and_the_language_cookie(self):
        path = route("/api/v1/meetings/", tags="api:meetings", vary="Accept, Accept-Language, Cookie")
        variants = [
            {"Accept-Language": "ru"},
            {"Accept-Language": "en"},
            {"Accept-Language": "en", "Accept": "text/html"},
            {"Accept-Language": "en", "Cookie": "django_language=az"},
        ]
        for headers in variants:
            self.assertEqual(request(path, headers=headers).cache, "MISS", headers)
        for headers in variants:
            resp = request(path, headers=headers)
            self.assertEqual(resp.cache, "HIT", headers)
            self.assertEqual(resp.json["accept_language"], headers["Accept-Language"])
        # The language cookie is kept (and the rest stripped) on an unprefixed address.
        resp = request(path, headers={"Accept-Language": "en", "Cookie": "_ga=1; django_language=az"})
        self.assertEqual((resp.cache, resp.json["cookie"]), ("HIT", "django_language=az"))
        # A purge by tag takes every variant.
        self.assertEqual(purge("api:meetings", mode="hard").header("x-purged"), str(len(variants)))

    def test_the_scheme_is_part_of_the_key(self):
        # Behind a TLS terminator: a page (or Django's https redirect) stored for http is never
        # served for https.
        path = route("/en/meetings/91/", tags="meeting:91")
        self.assertEqual(request(path, headers={"X-Forwarded-Proto": "http"}).cache, "MISS")
        self.assertEqual(request(path, headers={"X-Forwarded-Proto": "https"}).cache, "MISS")
        self.assertEqual(request(path, headers={"X-Forwarded-Proto": "https"}).cache, "HIT")


class Lifetimes(unittest.TestCase):
    def test_surrogate_control_sets_a_longer_edge_ttl(self):
        edge = route(
            "/en/meetings/100/",
            tags="meeting:100",
            cache_control="public, max-age=1",
            surrogate="max-age=3600",
        )
        plain = route("/en/meetings/101/", tags="meeting:101", cache_control="public, max-age=1")
        request(edge), request(plain)
        time.sleep(2.2)
        kept = request(edge)
        self.assertEqual(kept.cache, "HIT")
        self.assertEqual(kept.header("cache-control"), "public, max-age=1")  # what browsers get
        self.assertEqual(kept.header("age"), "0")
        self.assertIsNone(kept.header("surrogate-control"))
        # Without Surrogate-Control the object expired: served stale once while it is refreshed.
        self.assertEqual(request(plain).cache, "STALE")

    def test_s_maxage_beats_max_age(self):
        path = route("/en/meetings/102/", tags="meeting:102", cache_control="public, max-age=1, s-maxage=600")
        request(path)
        time.sleep(1.5)
        self.assertEqual(request(path).cache, "HIT")


if __name__ == "__main__":
    unittest.main(verbosity=2)
