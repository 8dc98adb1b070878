"""The checks of .ci/scale-out, against two app servers A and B sharing PostgreSQL and Redis.

Plain HTTP with the standard library, to loopback only; every request has a timeout, every wait
a deadline. Exits non-zero at the first failed check.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

A, B = os.environ["SCALE_OUT_A"], os.environ["SCALE_OUT_B"]
TOKEN = os.environ["SCALE_OUT_TOKEN"]
PAGE = "/en/meetings/summit-astana-2022/"


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode()


def request(url, method="GET", data=None, headers=None, opener=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(req, timeout=15) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def wait_healthy(base, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if request(base + "/healthz").status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def edits_and_cache():
    for server in (A, B):
        request(server + PAGE)  # Fill the page cache through both.
    check(request(B + PAGE).headers.get("X-Cache") == "hit", "B serves the page from the shared cache")
    auth = {"Authorization": f"Token {TOKEN}"}
    meetings = json.loads(request(A + "/api/v1/meetings/?kind=summit&page_size=100", headers=auth).body)[
        "results"
    ]
    meeting = next(meeting for meeting in meetings if meeting["slug"] == "summit-astana-2022")
    summary = f"Edited through A at {time.time():.0f}."
    edit = request(
        f"{A}/api/v1/meetings/{meeting['id']}/",
        method="PATCH",
        # The version read with the object: a write from a stale copy would be refused.
        data=json.dumps({"summary": summary, "version": meeting["version"]}).encode(),
        headers=auth | {"Content-Type": "application/json"},
    )
    check(edit.status == 200, f"an edit is saved through A's API ({edit.status})")
    on_b = request(B + PAGE)
    check(summary in on_b.text, "the edit is visible at once through B")
    check(on_b.headers.get("X-Cache") == "miss", "B's cached page was invalidated")
    on_a = request(A + PAGE)
    check(summary in on_a.text, "the edit is visible through A")


def shared_sessions():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    login = request(A + "/admin/login/", opener=opener)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    form = urllib.parse.urlencode(
        {
            "username": "scale-out",
            "password": os.environ["SCALE_OUT_PASSWORD"],
            "csrfmiddlewaretoken": csrf,
            "next": "/admin/",
        }
    ).encode()
    signed_in = request(A + "/admin/login/", method="POST", data=form, opener=opener, headers={"Referer": A})
    check(signed_in.status == 302, f"staff sign in on A ({signed_in.status})")
    session = next(cookie.value for cookie in jar if cookie.name == "sessionid")
    on_b = request(B + "/admin/", headers={"Cookie": f"sessionid={session}"})
    check(on_b.status == 200 and "scale-out" in on_b.text, "the session made on A works on B")
    page = request(B + PAGE, headers={"Cookie": f"sessionid={session}"})
    check("X-Cache" not in page.headers, "staff bypass the page cache")
    check("private" in page.headers.get("Cache-Control", ""), "staff pages are private")


def shared_throttle():
    # 5 a minute for each anonymous client, counted in Redis: alternate between the servers, with
    # a new address each time so that no page comes from the cache.
    statuses = [request(f"{(A, B)[n % 2]}/api/v1/bodies/?page_size={n + 1}").status for n in range(6)]
    check(statuses[:5] == [200] * 5, f"five anonymous API requests are allowed ({statuses[:5]})")
    check(statuses[5] == 429, f"the sixth is refused although each server saw three ({statuses[5]})")


def hostile_text():
    """Hostile text written through the API, for the backup check that follows (.ci/scale-out)."""
    auth = {"Authorization": f"Token {TOKEN}"}
    relations = json.loads(request(A + "/api/v1/relations/", headers=auth).body)["results"]
    relation = relations[0]
    edit = request(
        f"{A}/api/v1/relations/{relation['id']}/",
        method="PATCH",
        data=json.dumps(
            {
                "lead": "<img src=x onerror=alert(1)>\r\n</script><script>alert(1)</script>\u000b=SUM(1)",
                "version": relation["version"],
            }
        ).encode(),
        headers=auth | {"Content-Type": "application/json"},
    )
    check(edit.status == 200, f"hostile text is saved through the API ({edit.status})")


def cache_down():
    """Redis stopped mid-run: every page and API request is still answered (uncached, throttles
    counting per process), no 5xx, and /healthz says degraded, never 503; then Redis comes back."""
    subprocess.run(os.environ["SCALE_OUT_STOP_CACHE"], shell=True, check=True, stdout=subprocess.DEVNULL)
    auth = {"Authorization": f"Token {TOKEN}"}
    try:
        statuses = []
        for server in (A, B):
            for path in (PAGE, "/en/", "/en/meetings/?kind=summit&while=cache-down", "/en/search/?q=Baku"):
                statuses.append(request(server + path).status)
            for path in ("/api/v1/meetings/?while=cache-down", "/api/v1/bodies/", "/api/v1/schema/"):
                statuses.append(request(server + path).status)  # Anonymous: 429 allowed, not 5xx.
                statuses.append(request(server + path, headers=auth).status)
            meetings = json.loads(request(server + "/api/v1/meetings/?kind=summit", headers=auth).body)
            meeting = meetings["results"][0]
            edit = request(
                f"{server}/api/v1/meetings/{meeting['id']}/",
                method="PATCH",
                data=json.dumps(
                    {
                        "theme": f"Edited with the cache down, {time.time():.0f}",
                        **{"version": meeting["version"]},
                    }
                ).encode(),
                headers=auth | {"Content-Type": "application/json"},
            )
            check(
                edit.status == 200, f"{server}: an edit through the API with the cache down ({edit.status})"
            )
            health = request(server + "/healthz")
            check(
                health.status == 200 and json.loads(health.body) == {"status": "degraded"},
                f"{server}: /healthz says degraded, not 503 ({health.status})",
            )
        check(
            all(status < 500 for status in statuses), f"no 5xx with the cache down ({sorted(set(statuses))})"
        )
    finally:
        subprocess.run(os.environ["SCALE_OUT_START_CACHE"], shell=True, check=True, stdout=subprocess.DEVNULL)
    for server in (A, B):
        end = time.monotonic() + 20
        body = None
        while time.monotonic() < end:
            body = json.loads(request(server + "/healthz").body)
            if body == {"status": "ok"}:
                break
            time.sleep(0.5)
        check(body == {"status": "ok"}, f"{server}: healthy again once the cache is back")


def database_down():
    subprocess.run(os.environ["SCALE_OUT_STOP_DB"], shell=True, check=True, stdout=subprocess.DEVNULL)
    try:
        for server in (A, B):
            page = request(server + "/en/meetings/?kind=summit&while=down")
            check(page.status == 503 and page.headers.get("Retry-After"), f"{server}: a 503 with Retry-After")
            check("Temporarily unavailable" in page.text and "Traceback" not in page.text, "styled, no trace")
            # With the token: the anonymous allowance was used up above.
            api = request(
                server + "/api/v1/countries/?while=down", headers={"Authorization": f"Token {TOKEN}"}
            )
            check(
                api.status == 503 and set(json.loads(api.body)) == {"detail"}, f"{server}: the API's JSON 503"
            )
            check(request(server + "/healthz").status == 503, f"{server}: /healthz says 503")
    finally:
        subprocess.run(os.environ["SCALE_OUT_START_DB"], shell=True, check=True, stdout=subprocess.DEVNULL)
    for server in (A, B):
        end = time.monotonic() + 20
        status = None
        while time.monotonic() < end:
            status = request(server + "/en/meetings/?kind=summit&while=back").status
            if status == 200:
                break
            time.sleep(0.5)
        check(status == 200, f"{server} resumes by itself when the database is back")


def main():
    check(wait_healthy(A) and wait_healthy(B), "both servers are up")
    edits_and_cache()
    shared_sessions()
    shared_throttle()
    cache_down()
    database_down()
    hostile_text()
    print("scale-out: all checks passed")


if __name__ == "__main__":
    main()
