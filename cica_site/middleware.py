"""Middleware for running in production: request ids, the health check, security headers, and the
admin under the CSP. The order is set in settings.MIDDLEWARE, with the reasons."""

import re
import uuid

from django import forms
from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from js_asset import Media

from cica_site import health
from cica_site.logs import request_id

# What a proxy's request id may look like; anything else is replaced, so no log line can be forged.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind DJANGO_PROXY_COUNT trusted proxies the entry of
    X-Forwarded-For that the outermost of them added (the entries left of it are the client's say).

    The same rule as DRF's NUM_PROXIES, so login lockouts and API throttles see the same address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    return forwarded[-min(count, len(forwarded))]


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one), for its log lines and in
    the response's X-Request-ID header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs a 4xx or 5xx after the last middleware has returned.
        # The next request in this thread sets its own.
        request_id.set(request.id)
        response = self.get_response(request)
        response.headers["X-Request-ID"] = request.id
        return response


class HealthCheckMiddleware:
    """/healthz: whether this app server can serve, and nothing more.

    - 200 `{"status": "ok"}`: the database and the caches answer.
    - 200 `{"status": "degraded"}`: the database answers but a cache does not. Every page is still
      served (uncached, API throttles counting per process), so the load balancer keeps the server.
    - 503 `{"status": "unavailable"}`: the database does not answer: nothing but cached pages can
      be served.

    Answered before the host check and the https redirect: a load balancer asks each app server
    directly, by its address, over plain HTTP.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.path:
            return self.get_response(request)
        if not health.database_ok():
            response = JsonResponse({"status": "unavailable"}, status=503)
        else:
            response = JsonResponse({"status": "ok" if health.cache_ok() else "degraded"})
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


class StorableInputMiddleware:
    """A 400 for a request carrying a NUL character where it could reach a query: in its address,
    query string, form fields, cookies or credentials.

    PostgreSQL refuses NUL in text (SQLite takes it), so a search, filter, lookup or login that
    passed one on would be a 500 on one database and not the other. One check here, before any
    view, page cache or session lookup, rather than one in each view. The other characters no text
    may hold cannot come in this way: Django decodes addresses and forms as UTF-8, replacing what
    is not; JSON bodies go through the API's fields, which refuse NUL and lone surrogates.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = self.nul_input(request)
        if name is None:
            return self.get_response(request)
        message = _("“%(name)s” holds a NUL character (%%00), which no text on this site may hold.") % {
            "name": name
        }
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "errors": {name: [message]}}, status=400)
        return HttpResponseBadRequest(loader.get_template("400.html").render({"message": message}))

    def nul_input(self, request):
        """The name of the first part of the request holding NUL, or None."""
        if "\x00" in request.path:
            return _("address")
        sources = [request.GET, request.COOKIES]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            sources.append(request.POST)  # Uploaded files are not text: request.FILES is not looked at.
        for source in sources:
            for key, values in source.lists() if hasattr(source, "lists") else source.items():
                for value in values if isinstance(values, list) else [values]:
                    if "\x00" in key or "\x00" in value:
                        return key.replace("\x00", "")
        if "\x00" in request.headers.get("Authorization", ""):
            return "Authorization"
        return None


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not send: Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AdminCspMiddleware:
    """The admin under the site's Content-Security-Policy, with nothing relaxed but two exact things.

    - The rich text editor loads its modules through an inline `<script type="importmap">`, which
      needs the request's nonce: the admin renders `{{ media }}` from its context, and
      django-js-asset's Media renders every tag with the nonce it is given.
    - Tiptap, inside the editor, adds one fixed `<style>` element of its own: its hash is allowed
      (settings.ADMIN_CSP_STYLE_HASHES), on admin pages only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/" + settings.ADMIN_PATH):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), *settings.ADMIN_CSP_STYLE_HASHES]
            response._csp_update = update
        return response

    def process_template_response(self, request, response):
        context = response.context_data
        nonce = getattr(request, "csp_nonce", None)
        if context and nonce is not None and isinstance(context.get("media"), forms.Media):
            context["media"] = Media.from_media(context["media"]).with_nonce(str(nonce))
        return response
