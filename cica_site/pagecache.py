"""The page cache: anonymous visitors get pages (and API responses, feeds, calendars, the sitemap)
from the cache, each kept until what it showed changes.

How it stays right:

- **Who.** Only GET and HEAD requests without a session cookie or an Authorization header are
  served from it or fill it. Staff (the only people with sessions) never see a cached page and
  never leave one; their pages are `Cache-Control: private, no-cache`.
- **What.** Only 200 responses that set no cookie, are not marked private or uncacheable, vary on
  nothing but the headers in the key, and use no CSP nonce or per-view CSP. A page showing a CSRF
  token sets the CSRF cookie, so it is never stored.
- **Key.** The address (scheme, host, path) and its query string reduced to the parameters the
  page understands (query_params(), or the API view's FilterSet), sorted; for addresses without a
  language prefix (the API, robots.txt) also Accept, Accept-Language, Origin and the language
  cookie. A page is stored only from a request with nothing else in its query string, and each
  client may add only PAGE_CACHE_CLIENT_ENTRIES pages with a query string a minute: random query
  strings cannot grow the cache. An address whose view is not in query_params() is not cached
  with a query string.
- **Invalidation.** Each page is stored with the tags of what it showed, collected while it was
  rendered (organisation.models.cache_tags), and is served only while none of them was
  invalidated since (cica_site.invalidation): a change retires the pages that showed it, on every
  app server at once, and nothing else. Time does the rest: a page expires at the next moment it
  may change without a save (a scheduled publication of what it showed, midnight).
- **One rendering at a time.** A page that is out of date or missing is rendered by one worker
  (a lock in the cache); meanwhile the others serve the previous copy (`X-Cache: stale`), or wait
  for the new one when there is none.
- **HTTP.** Stored pages carry an ETag (a hash of the body) and a Last-Modified (when rendered);
  If-None-Match and If-Modified-Since get a 304, from the cache too. Browsers may keep them for
  PAGE_CACHE_MAX_AGE seconds (`public`), with `Vary: Cookie`. For edge caches (Varnish, a CDN) they
  carry their tags in `Surrogate-Key` and their lifetime in `Surrogate-Control`: the edge keeps
  them until a purge (cica_site.edge) or their expiry.

- **Fragments.** Parts that many pages share are rendered once until what they showed changes:
  templates wrap them in `{% fragment %}` (cica_site/templatetags/fragments.py), kept in each
  process's `template_fragments` cache; a page that uses a kept fragment carries its tags.

Hits are sent by the WSGI layer (PageCacheApplication, in cica_site/wsgi.py) before Django builds
a request: no middleware or view runs for them. PageCacheMiddleware, inside Django, collects the
tags of what it renders, decides what may be stored and sets every page's caching headers; where
there is no WSGI layer (the test client), it serves and stores pages itself.
"""

import functools
import hashlib
import logging
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from cica_site import invalidation
from cica_site.middleware import client_ip
from organisation.models import cache_tags

logger = logging.getLogger(__name__)

# What a stored response may vary on: the key holds these, or requests carrying them are not served.
STORABLE_VARY = {"accept", "accept-language", "cookie", "authorization", "origin", "accept-encoding"}
_CSP_VIEW_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
# How long an out-of-date copy stays stored after its expiry, to be served while one worker makes
# the new one; and how long a request with no copy waits for that worker before rendering itself.
STALE_SECONDS = 60
WAIT_SECONDS = 2.0
RENDER_LOCK_SECONDS = 30
# How long an edge cache may keep a copy it was sent while the new one was being made.
STALE_EDGE_SECONDS = 2


# --- Which requests, and their key ------------------------------------------------------------------
# Computed from the WSGI environ, so the WSGI layer and the middleware agree by construction
# (Django's request.META is the environ).


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _bypassed_prefixes():
    return tuple(
        "/" + prefix.strip("/") + "/"
        for prefix in (settings.ADMIN_PATH, "bench", settings.MEDIA_URL, settings.STATIC_URL)
    )


def _cookies(environ):
    return parse_cookie(environ.get("HTTP_COOKIE", ""))


def is_anonymous_request(environ):
    return "HTTP_AUTHORIZATION" not in environ and settings.SESSION_COOKIE_NAME not in _cookies(environ)


def _servable(environ):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and not environ.get("PATH_INFO", "/").startswith(_bypassed_prefixes())
        and is_anonymous_request(environ)
    )


def _scheme(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header and environ.get(header[0], "").split(",")[0].strip() == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _host(environ):
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


# The query parameters each page understands, by URL name; the API's come from its views (below).
# A page not named here is not cached when its address has a query string.
NO_PARAMETERS = frozenset()


@functools.cache
def query_params():
    from events.filters import MeetingFilterSet

    meeting_filters = frozenset(MeetingFilterSet.base_filters)
    return {
        "home": NO_PARAMETERS,
        "search": frozenset({"q", "page"}),
        "robots-txt": NO_PARAMETERS,
        "django.contrib.sitemaps.views.sitemap": frozenset({"p"}),
        "organisation:organisation-detail": NO_PARAMETERS,
        "organisation:country-list": NO_PARAMETERS,
        "organisation:measure-list": NO_PARAMETERS,
        "organisation:relation-detail": NO_PARAMETERS,
        "organisation:relation-feed": NO_PARAMETERS,
        "organisation:policy-page-detail": NO_PARAMETERS,
        "events:meeting-list": meeting_filters | {"page"},
        "events:meeting-detail": NO_PARAMETERS,
        "events:meeting-feed": NO_PARAMETERS,
        "events:calendar": meeting_filters,
        "events:body-calendar": NO_PARAMETERS,
        "events:country-calendar": NO_PARAMETERS,
        "events:meeting-calendar": NO_PARAMETERS,
    }


def _view_params(match):
    names = query_params().get(match.view_name)
    if names is not None:
        return names
    view = getattr(match.func, "cls", None)  # An API view: its FilterSet, pages and language.
    if view is None:
        return None
    names = {"lang"}
    if getattr(view, "pagination_class", None) is not None:
        names |= {view.pagination_class.page_query_param, view.pagination_class.page_size_query_param}
    filterset = getattr(view, "filterset_class", None)
    if filterset is not None:
        names |= set(filterset.base_filters)
    return frozenset(names)


@functools.lru_cache(maxsize=4096)
def known_params(path):
    """The query parameters the page at `path` understands, or None when that is not known."""
    prefix = path.split("/", 2)[1] if path.count("/") > 1 else ""
    language = prefix if prefix in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return _view_params(resolve(path))
    except Resolver404:
        return None


def request_key(environ, layer):
    """(key, query, clean) of a request, or None when it may not be cached: `query` is the query
    string the key holds (the parameters the page understands, sorted), `clean` whether the request
    had nothing else, so that what it renders may be stored under the key.

    `layer` keeps what the WSGI layer stores (every header) apart from what the middleware stores
    (the headers below it), in case both run against one cache."""
    path = environ.get("PATH_INFO", "/")
    query, clean = "", True
    if environ.get("QUERY_STRING"):
        known = known_params(path)
        if known is None:
            return None
        pairs = parse_qsl(environ["QUERY_STRING"], keep_blank_values=True)
        kept = sorted(pair for pair in pairs if pair[0] in known)
        query, clean = urlencode(kept), len(kept) == len(pairs)
    parts = [layer, _scheme(environ), _host(environ), environ.get("SCRIPT_NAME", "") + path, query]
    if not path.startswith(_language_prefixes()):
        parts += [
            environ.get("HTTP_ACCEPT", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            environ.get("HTTP_ORIGIN", ""),
            _cookies(environ).get(settings.LANGUAGE_COOKIE_NAME, ""),
        ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest(), query, clean


def _fresh(entry, now):
    """Whether a stored page is still right: not expired, and none of its tags invalidated since."""
    return entry["expires"] > now and invalidation.valid(entry["tags"], entry["seq"])


def _store(key, entry):
    try:
        caches["default"].set(key, entry, max(1, int(entry["expires"] - time.time())) + STALE_SECONDS)
        invalidation.store().made(entry["seq"])
    except Exception:
        logger.exception("Could not store a page in the cache.")


def _lock(key):
    """Whether this worker is the one to render the page at `key` (others get the previous copy)."""
    return caches["default"].add(key + ":rendering", 1, RENDER_LOCK_SECONDS)


def _unlock(key):
    try:
        caches["default"].delete(key + ":rendering")
    except Exception:
        logger.exception("Could not release a page's rendering lock.")


def _wait(key):
    """The page at `key` once the worker rendering it has stored it, or None when it is done
    without storing it, or takes longer than WAIT_SECONDS."""
    cache = caches["default"]
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = cache.get_many([key, key + ":rendering"])
        entry = found.get(key)
        if entry is not None and _fresh(entry, time.time()):
            return entry
        if key + ":rendering" not in found:
            return None
    return None


def _within_client_allowance(request, query):
    """Whether this client may add another page with a query string to the cache this minute."""
    if not query:
        return True
    key = "page-cache:client:" + hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    cache = caches["default"]
    try:
        cache.add(key, 0, 60)
        return cache.incr(key) <= settings.PAGE_CACHE_CLIENT_ENTRIES
    except Exception:
        logger.exception("Could not count the pages a client added to the cache.")
        return False


# --- The WSGI layer: hits never reach Django ---------------------------------------------------------

# Set by the middleware in the environ (request.META): what to store; set by the WSGI layer: the
# sequence number read before rendering.
STORE_KEY = "cica.page_cache.store"
LOOKED_UP_KEY = "cica.page_cache.looked_up"
_NOT_STORED = {"x-request-id", "x-cache", "date", "server", "connection", "set-cookie"}
_KEPT_IN_304 = {"cache-control", "content-location", "etag", "expires", "last-modified", "vary"}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class PageCacheApplication:
    """Wraps the WSGI application (cica_site/wsgi.py): a page in the cache is sent from here with
    the headers it was first sent with, without building a request or running any middleware.

    A miss goes to Django; PageCacheMiddleware decides whether the response may be stored and says
    so in the environ, and this layer stores it with its final headers (CSP and the other security
    headers included: a stored page uses no nonce and no per-view policy). Of the workers that find
    a page out of date or missing, one renders it; the others send the previous copy or wait.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not _servable(environ):
            return self.application(environ, start_response)
        try:
            found = request_key(environ, "wsgi")
            if found is None:
                return self.application(environ, start_response)
            key = found[0]
            entry = caches["default"].get(key)
            if entry is not None and _fresh(entry, time.time()):
                return self._send(environ, start_response, entry, "hit")
            seq = invalidation.seq()
            rendering = _lock(key)
            if not rendering:
                if entry is not None:
                    return self._send(environ, start_response, entry, "stale")
                entry = _wait(key)
                if entry is not None:
                    return self._send(environ, start_response, entry, "hit")
        except Exception:
            logger.exception("The page cache is unavailable; serving uncached.")
            return self.application(environ, start_response)

        environ[LOOKED_UP_KEY] = seq
        try:
            return self._render(environ, start_response, key)
        finally:
            if rendering:
                _unlock(key)

    def _render(self, environ, start_response, key):
        sent = {}

        def remember(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, remember)
        store = environ.get(STORE_KEY)
        # A 304 (the client had the page already) is never what the next visitor should get.
        if not store or environ["REQUEST_METHOD"] != "GET" or not sent["status"].startswith("200 "):
            return result
        if any(name.lower() == "set-cookie" for name, _value in sent["headers"]):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(name, value) for name, value in sent["headers"] if name.lower() not in _NOT_STORED]
        _store(key, store | {"status": sent["status"], "headers": headers, "body": body})
        return [body]

    def _send(self, environ, start_response, entry, state):
        headers = entry["headers"]
        if state == "stale":
            # An edge cache keeps this copy only until the new one is there.
            headers = [(name, value) for name, value in headers if name.lower() != "surrogate-control"]
            headers.append(("Surrogate-Control", f"max-age={STALE_EDGE_SECONDS}"))
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        extra = [
            ("X-Request-ID", incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex),
            ("X-Cache", state),
        ]
        if _not_modified(environ, {name.lower(): value for name, value in headers}, entry["by_date"]):
            kept = [(name, value) for name, value in headers if name.lower() in _KEPT_IN_304]
            start_response("304 Not Modified", kept + extra)
            return [b""]
        start_response(entry["status"], headers + extra)
        return [entry["body"]]


def _not_modified(environ, headers, by_date):
    etag = headers.get("etag")
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag is not None and ("*" in tags or etag.removeprefix("W/") in tags)
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(headers.get("last-modified", ""))
    return bool(by_date and since and modified and modified <= since)


# --- The middleware ---------------------------------------------------------------------------------


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache", "max-age=0")):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    if not vary <= STORABLE_VARY:
        return False
    if any(hasattr(response, name) for name in _CSP_VIEW_ATTRIBUTES):
        return False
    # A page that used the request's CSP nonce must be sent with that request's header only.
    return not isinstance(getattr(request, "_csp_nonce", None), str)


def _set_validators(response, now):
    """An ETag and a Last-Modified for a response that has neither. Whether its Last-Modified may
    answer If-Modified-Since: yes for these; for a response that came with its own validators
    (the API's), what its maker says (`last_modified_exact`)."""
    if response.has_header("ETag"):
        return getattr(response, "last_modified_exact", False)
    response.headers["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response.headers["Last-Modified"] = http_date(now)
    return True


def _conditional(request, response, by_date=True):
    """A 304 for a request whose validators match. The dates of responses that came with their own
    validators (the API's) are left to their maker, which knows when a date cannot be trusted."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", "")) if by_date else None
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


class PageCacheMiddleware:
    """Collects the tags of what each page shows, decides what the page cache keeps, and sets the
    caching headers of every page.

    Behind PageCacheApplication (gunicorn, any WSGI server), it tells that layer what to store.
    Without it (the test client, runserver), it looks up and stores pages itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # Before anything is rendered: an approved pending version whose time has come goes
            # live first (cica_site.invalidation), whoever asks, staff and API clients included.
            invalidation.scheduled_changes(time.time())
        except Exception:
            logger.exception("Could not read the schedule of publications.")
        if not _servable(request.META):
            return self._uncached(request, self.get_response(request))
        request.get_host()  # A host not allowed is a 400 before anything is looked up.
        found = request_key(request.META, "django")
        if found is None:
            return self._uncached(request, self.get_response(request))
        key, query, clean = found
        seq = request.META.get(LOOKED_UP_KEY)
        through_wsgi_layer = seq is not None
        if not through_wsgi_layer:
            try:
                entry = caches["default"].get(key)
                if entry is not None and _fresh(entry, time.time()):
                    return self._replay(request, entry)
                seq = invalidation.seq()
            except Exception:
                logger.exception("The page cache is unavailable; serving uncached.")
                return self._uncached(request, self.get_response(request))

        with cache_tags.collect() as tags:
            response = self.get_response(request)
        now = time.time()
        if not _storable(request, response):
            return self._uncached(request, response)
        tags = frozenset(cache_tags.compact(tags) | {invalidation.SITE_TAG})
        try:
            expires = invalidation.expires_at(tags, now, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not work out until when a page may be kept; serving it uncached.")
            return self._uncached(request, response)
        ttl = int(expires - now)
        if ttl < 1:
            return self._uncached(request, response)

        by_date = _set_validators(response, now)
        patch_vary_headers(response, ["Cookie"])
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=min(settings.PAGE_CACHE_MAX_AGE, ttl))
        # For edge caches: what the page showed, and how long it may be kept without a purge.
        response.headers["Surrogate-Key"] = " ".join(sorted(tags))
        response.headers["Surrogate-Control"] = f"max-age={ttl}"
        if clean and _within_client_allowance(request, query):
            entry = {"tags": tags, "seq": seq, "expires": expires, "by_date": by_date}
            if through_wsgi_layer:
                request.META[STORE_KEY] = entry
            else:
                status = f"{response.status_code} {response.reason_phrase}"
                _store(
                    key,
                    entry
                    | {"status": status, "headers": list(response.headers.items()), "body": response.content},
                )
        response.headers["X-Cache"] = "miss"
        return _conditional(request, response, by_date) if by_date else response

    def _replay(self, request, entry):
        response = HttpResponse(entry["body"], status=int(entry["status"].split(" ", 1)[0]))
        for name, value in entry["headers"]:
            response.headers[name] = value
        response.headers["X-Cache"] = "hit"
        return _conditional(request, response, entry["by_date"])

    def _uncached(self, request, response):
        """Caching headers and validators for a response the page cache does not keep."""
        if request.method not in ("GET", "HEAD") or response.streaming or response.status_code != 200:
            return response
        if not response.has_header("Cache-Control"):
            if is_anonymous_request(request.META) and not response.cookies:
                patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
                patch_vary_headers(response, ["Cookie"])
            else:
                patch_cache_control(response, private=True, no_cache=True)
        if _set_validators(response, time.time()):
            return _conditional(request, response)
        return response
