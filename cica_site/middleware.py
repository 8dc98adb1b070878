"""Middleware for running in production: request ids, the health check, security headers, and the
admin under the CSP. The order is set in settings.MIDDLEWARE, with the reasons."""

import re
import uuid

from django import forms
from django.conf import settings
from django.http import JsonResponse
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
    """/healthz: 200 when the database and the cache answer, 503 otherwise, and nothing more.

    Answered before the host check and the https redirect: a load balancer asks each app server
    directly, by its address, over plain HTTP.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.path:
            return self.get_response(request)
        healthy = health.database_ok() and health.cache_ok()
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable"}, status=200 if healthy else 503
        )
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


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
