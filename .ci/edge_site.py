"""The checks of .ci/edge against the site: Varnish (deploy/varnish/) in front of `make serve`, the
site purging it on changes (DJANGO_EDGE_PURGE_URLS).

    python3 .ci/edge_site.py http://127.0.0.1:6091 PURGE_TOKEN API_TOKEN STAFF_PASSWORD [ADMIN_PATH]

Expects the seed content (manage.py load_seed) and a superuser `edge` with that password and API
token. Standard library only; every request has a timeout; exits 1 at the first failed check.
"""

import http.client
import json
import re
import sys
import urllib.parse

base, purge_token, api_token, password = sys.argv[1:5]
admin = "/" + (sys.argv[5] if len(sys.argv) > 5 else "admin/").strip("/") + "/"
parts = urllib.parse.urlsplit(base)

CHANGED = "/en/meetings/summit-dushanbe-2019/"  # the meeting saved below, hosted by Tajikistan
UNCHANGED = "/en/meetings/summit-istanbul-2010/"  # another meeting
UNRELATED = ["/en/member-states/", "/en/relations/azerbaijan/", "/en/measures/"]  # show neither
LISTS = ["/en/meetings/", "/ru/meetings/summit-dushanbe-2019/"]  # show the saved meeting too


class Response:
    def __init__(self, response):
        self.status, self.headers, self.body = response.status, response.headers, response.read()

    @property
    def cache(self):
        return self.headers.get("X-Cache")


def request(path, method="GET", body=None, **headers):
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
        return Response(connection.getresponse())
    finally:
        connection.close()


def check(what, condition, response=None):
    detail = f" (status {response.status}, X-Cache {response.cache})" if response is not None else ""
    print(("ok   " if condition else "FAIL ") + what + detail)
    if not condition:
        sys.exit(1)


def purge_everything():
    response = request("/", "PURGE", X_Purge_Token=purge_token, xkey_purge="site", xkey_purge_mode="hard")
    check(
        "PURGE of the tag `site` with the token", response.status == 200 and response.headers.get("X-Purged")
    )


def cached(path):
    """Fetched until the edge holds it: a miss, then a hit."""
    first, second = request(path), request(path)
    check(f"{path}: a miss, then a hit", (first.cache, second.cache) == ("MISS", "HIT"), second)
    return second


purge_everything()

# --- A page is served by Varnish on the second request; tags stay at the edge.
home = cached("/en/")
check(
    "/en/: no tag or edge lifetime reaches the client",
    not any(home.headers.get(name) for name in ("xkey", "Surrogate-Key", "Surrogate-Control")),
)
response = request("/en/", Cookie="_ga=GA1.2.3; _gid=4")
check("/en/ with analytics cookies: a hit", response.cache == "HIT", response)
etag = home.headers.get("ETag")
response = request("/en/", If_None_Match=etag)
check(
    "/en/ with If-None-Match: a 304 from the edge",
    (response.status, response.cache) == (304, "HIT"),
    response,
)

# --- Staff and session traffic is never cached at the edge.
login = request(f"{admin}login/")
check(f"{admin}login/: passed, its CSRF cookie reaches the client", login.cache == "PASS", login)
csrf_cookie = re.search(r"csrftoken=([^;]+)", " ".join(login.headers.get_all("Set-Cookie", []))).group(1)
csrf_token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login.body).group(1).decode()
form = urllib.parse.urlencode(
    {"username": "edge", "password": password, "csrfmiddlewaretoken": csrf_token, "next": admin}
)
signed_in = request(
    f"{admin}login/",
    "POST",
    body=form,
    Content_Type="application/x-www-form-urlencoded",
    Cookie=f"csrftoken={csrf_cookie}",
    Referer=base + admin,
)
cookies = " ".join(signed_in.headers.get_all("Set-Cookie", []))
session, csrf_after = re.search(r"sessionid=([^;]+)", cookies), re.search(r"csrftoken=([^;]+)", cookies)
check("staff sign in through the edge", signed_in.status == 302 and session is not None, signed_in)
csrf_cookie = csrf_after.group(1) if csrf_after else csrf_cookie  # Django rotates it at sign-in.
staff_cookie = f"csrftoken={csrf_cookie}; sessionid={session.group(1)}"
for _ in range(2):
    staff_page = request("/en/", Cookie=staff_cookie)
    check("/en/ for staff: passed, every time", staff_page.cache == "PASS", staff_page)
check("/en/ for staff: private", "private" in staff_page.headers.get("Cache-Control", ""))
response = request("/en/")
check(
    "/en/ for visitors: still the anonymous copy",
    response.cache == "HIT" and response.body == home.body,
    response,
)
response = request("/en/", Cookie="sessionid=not-a-session")
check("/en/ with any session cookie: passed", response.cache == "PASS", response)
response = request("/en/", Authorization="Token not-a-token")
check("/en/ with Authorization: passed", response.cache == "PASS", response)

# --- The API: one object per Accept-Language.
ru1, en1, ru2 = (request("/api/v1/", Accept_Language=language) for language in ("ru", "en", "ru"))
check(
    "/api/v1/: one object per Accept-Language",
    [response.cache for response in (ru1, en1, ru2)] == ["MISS", "MISS", "HIT"],
    ru2,
)

# --- Purges need the secret.
check("PURGE without the token: refused", request("/en/", "PURGE").status == 403)
check(
    "PURGE with a wrong token: refused",
    request("/en/", "PURGE", X_Purge_Token=purge_token + "x").status == 403,
)
check("BAN: refused", request("/en/", "BAN", X_Purge_Token=purge_token).status == 405)

# --- A save through the API purges exactly the pages that showed the meeting.
for path in [CHANGED, UNCHANGED, *UNRELATED, *LISTS]:
    cached(path)
auth = {"Authorization": f"Token {api_token}"}
found = json.loads(request("/api/v1/meetings/?kind=summit&page_size=100", **auth).body)["results"]
meeting = next(meeting for meeting in found if meeting["slug"] == "summit-dushanbe-2019")
summary = "Changed through the API behind the edge."
saved = request(
    f"/api/v1/meetings/{meeting['id']}/",
    "PATCH",
    body=json.dumps({"summary": summary, "version": meeting["version"]}),
    Content_Type="application/json",
    **auth,
)
check(
    "the meeting is saved through the API, past the edge",
    saved.status == 200 and saved.cache == "PASS",
    saved,
)
for path in [CHANGED, *LISTS]:
    first, second = request(path), request(path)
    check(f"{path}: purged, a miss once, then a hit", (first.cache, second.cache) == ("MISS", "HIT"), second)
response = request(CHANGED)
check(f"{CHANGED}: shows the change", summary.encode() in response.body, response)
for path in [UNCHANGED, *UNRELATED]:
    response = request(path)
    check(f"{path}: did not show the meeting, still a hit", response.cache == "HIT", response)

print("edge: all checks passed")
