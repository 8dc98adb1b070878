"""The page cache: anonymous visitors get pages (and API responses) from the cache.

How it stays right:

- **Who.** Only GET and HEAD requests without a session cookie or an Authorization header are
  served from it or fill it. Staff (the only people with sessions) never see a cached page and
  never leave one; their pages are `Cache-Control: private, no-cache`.
- **What.** Only 200 responses that set no cookie, are not marked private or uncacheable, vary on
  nothing but the headers in the key, and use no CSP nonce or per-view CSP. A page showing a CSRF
  token sets the CSRF cookie, so it is never stored.
- **Key.** The address (scheme, host, path, query) and the content version; for addresses without
  a language prefix (the API, robots.txt) also Accept, Accept-Language, Origin and the language
  cookie.
- **Invalidation.** The content version is a random token kept in the `shared` cache (Redis when
  REDIS_URL is set, else a folder every process of the machine reads). Any save or delete of a
  model of the public apps deletes it (cica_site/apps.py), so every app server's next request
  makes a new token and every page stored under the old one is never read again.
- **Time.** A version also ends by itself at the next moment a page may change without a save: the
  next scheduled publication of any Publishable model, or midnight (upcoming meetings become
  past ones, memberships start and end on dates). Entries never live past it, nor past
  PAGE_CACHE_SECONDS.
- **HTTP.** Stored pages carry an ETag (a hash of the body) and a Last-Modified (when rendered);
  If-None-Match and If-Modified-Since get a 304, from the cache too. Browsers and proxies may keep
  them for PAGE_CACHE_MAX_AGE seconds (`public`), with `Vary: Cookie`.

- **Fragments.** Parts that many pages share are rendered once per content version: templates
  wrap them in `{% cache %}` varying on `content_version` (the context processor below), kept in
  each process's `template_fragments` cache. They follow every change as the pages do, page cache
  on or off.

Hits are sent by the WSGI layer (PageCacheApplication, in cica_site/wsgi.py) before Django builds
a request: no middleware or view runs for them. PageCacheMiddleware, inside Django, decides what
may be stored and sets every page's caching headers; where there is no WSGI layer (the test
client), it serves and stores pages itself.
"""

import datetime
import hashlib
import logging
import re
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# The apps whose content the public sees: a change to any of their models changes pages.
PUBLIC_APPS = {"organisation", "events"}
# What a stored response may vary on: the key holds these, or requests carrying them are not served.
STORABLE_VARY = {"accept", "accept-language", "cookie", "authorization", "origin", "accept-encoding"}
_CSP_VIEW_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")


# --- The content version --------------------------------------------------------------------------


def invalidate():
    """Retire every cached page, on every app server: the next request makes a new version."""
    try:
        caches["shared"].delete(VERSION_KEY)
    except Exception:  # A cache that is down holds no pages to retire.
        logger.exception("Could not retire the page cache's content version.")


def content_changed(sender, using=None, **kwargs):
    """Signal receiver for every save and delete; see cica_site/apps.py."""
    from organisation.models.review import in_sandbox

    # A preview or a pending version's save is undone before the request ends: nothing changed.
    if sender._meta.app_label not in PUBLIC_APPS or in_sandbox():
        return
    invalidate()
    # Again once the change is committed: a page rendered meanwhile from the old rows may have been
    # stored under a version made before the commit.
    transaction.on_commit(invalidate, using=using)


def next_change(now):
    """The next moment pages may change with no save: a scheduled publication, or local midnight."""
    from organisation.models import PendingVersion, Publishable

    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    # One query for every kind of content: the publications still to come are few. Approved
    # pending versions replace live ones at their time too (organisation.review).
    scheduled = [
        model._base_manager.filter(status=Publishable.Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values_list("publish_at", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    # Those whose time has passed too: current_version() publishes them before making a version.
    scheduled.append(
        PendingVersion.objects.filter(state=PendingVersion.State.SCHEDULED)
        .order_by()
        .values_list("publish_at", flat=True)
    )
    return min([midnight + datetime.timedelta(days=1), *scheduled[0].union(*scheduled[1:], all=True)])


def current_version():
    """{"token": …, "until": timestamp}: the version pages are stored under, made when missing or over."""
    shared = caches["shared"]
    version = shared.get(VERSION_KEY)
    if version is None or version["until"] <= time.time():
        now = timezone.now()
        until = next_change(now)
        if until <= now:
            # An approved pending version's time has come: it replaces the live one before any
            # page is made again (organisation.review), on whichever server asks first.
            from organisation import review

            review.publish_due(now)
            until = next_change(now)
        version = {"token": uuid.uuid4().hex, "until": until.timestamp()}
        shared.set(VERSION_KEY, version, None)
    return version


def content_version(request):
    """Context processor: `content_version`, which {% cache %} fragments vary on, so each is rendered
    again after any change to the content or scheduled publication, on every app server at once.

    Read only by a template that uses it. When the shared cache cannot be read, a token of its own:
    the fragment is rendered, and never found again."""

    def token():
        try:
            return current_version()["token"]
        except Exception:
            logger.exception("Could not read the content version: fragments are not cached.")
            return uuid.uuid4().hex

    return {"content_version": SimpleLazyObject(token)}


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


def cache_key(environ, token, layer):
    """The key of a page: `layer` keeps what the WSGI layer stores (every header) apart from what
    the middleware stores (the headers below it), in case both run against one cache."""
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    parts = [token, layer, _scheme(environ), _host(environ), path, environ.get("QUERY_STRING", "")]
    if not environ.get("PATH_INFO", "/").startswith(_language_prefixes()):
        parts += [
            environ.get("HTTP_ACCEPT", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            environ.get("HTTP_ORIGIN", ""),
            _cookies(environ).get(settings.LANGUAGE_COOKIE_NAME, ""),
        ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _lookup(environ, layer):
    """(version, key, entry), or None when the cache cannot be asked (Django will say why, if it
    is the database)."""
    try:
        version = current_version()
        key = cache_key(environ, version["token"], layer)
        return version, key, caches["default"].get(key)
    except DatabaseError:
        return None
    except Exception:
        logger.exception("The page cache is unavailable; serving uncached.")
        return None


def _store(key, entry, ttl):
    try:
        caches["default"].set(key, entry, ttl)
    except Exception:
        logger.exception("Could not store a page in the cache.")


# --- The WSGI layer: hits never reach Django ---------------------------------------------------------

# Set by the middleware in the environ (request.META): what to store, and for how long.
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
    headers included: a stored page uses no nonce and no per-view policy).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not _servable(environ):
            return self.application(environ, start_response)
        found = _lookup(environ, "wsgi")
        if found is None:
            return self.application(environ, start_response)
        version, key, entry = found
        if entry is not None:
            return self._send(environ, start_response, entry)

        environ[LOOKED_UP_KEY] = version["until"]
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
        ttl, by_date = store
        headers = [(name, value) for name, value in sent["headers"] if name.lower() not in _NOT_STORED]
        _store(key, (sent["status"], headers, body, by_date), ttl)
        return [body]

    def _send(self, environ, start_response, entry):
        status, headers, body, by_date = entry
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        extra = [
            ("X-Request-ID", incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex),
            ("X-Cache", "hit"),
        ]
        if _not_modified(environ, {name.lower(): value for name, value in headers}, by_date):
            kept = [(name, value) for name, value in headers if name.lower() in _KEPT_IN_304]
            start_response("304 Not Modified", kept + extra)
            return [b""]
        start_response(status, headers + extra)
        return [body]


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
    """Decides what the page cache keeps, and sets the caching headers of every page.

    Behind PageCacheApplication (gunicorn, any WSGI server), it tells that layer what to store.
    Without it (the test client, runserver), it looks up and stores pages itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _servable(request.META):
            return self._uncached(request, self.get_response(request))
        request.get_host()  # A host not allowed is a 400 before anything is looked up.
        until = request.META.get(LOOKED_UP_KEY)
        key = None
        if until is None:
            found = _lookup(request.META, "django")
            if found is None:
                return self._uncached(request, self.get_response(request))
            version, key, entry = found
            until = version["until"]
            if entry is not None:
                return self._replay(request, entry)

        response = self.get_response(request)
        now = time.time()
        ttl = int(min(settings.PAGE_CACHE_SECONDS, until - now))
        if ttl < 1 or not _storable(request, response):
            return self._uncached(request, response)

        by_date = _set_validators(response, now)
        patch_vary_headers(response, ["Cookie"])
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=max(0, min(settings.PAGE_CACHE_MAX_AGE, ttl)))
        if key is None:
            request.META[STORE_KEY] = (ttl, by_date)
        else:
            status = f"{response.status_code} {response.reason_phrase}"
            _store(key, (status, list(response.headers.items()), response.content, by_date), ttl)
        response.headers["X-Cache"] = "miss"
        return _conditional(request, response, by_date) if by_date else response

    def _replay(self, request, entry):
        status, headers, content, by_date = entry
        response = HttpResponse(content, status=int(status.split(" ", 1)[0]))
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Cache"] = "hit"
        return _conditional(request, response, by_date)

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
