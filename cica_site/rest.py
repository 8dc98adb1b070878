"""How the API speaks HTTP, the same for every endpoint.

Everything here is wired in from settings (REST_FRAMEWORK, MIDDLEWARE) or cica_site/api.py, so the
apps' api.py modules never import it: pagination, JSON errors a person can read, conditional GETs
with caching headers, and throttles whose rates come from the environment. cica_site/schema.py
describes all of that in the OpenAPI schema.

DRF imports the classes named in its settings while rest_framework.views is being imported: this
module must not import rest_framework.views (or anything importing it) at the top.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, pagination, serializers, throttling
from rest_framework.permissions import SAFE_METHODS, BasePermission

from organisation import permissions

logger = logging.getLogger(__name__)

API_PATH_PREFIX = "/api/"


# --- Language -----------------------------------------------------------------------------------

ALL_LANGUAGES = "all"


class ApiLanguageMiddleware:
    """The API answers in the language asked for: `?lang=` first, then Accept-Language (which
    LocaleMiddleware, before this, has already applied), English otherwise.

    `?lang=all` answers in English and adds each object's text in every language under
    `translations`. Content-Language says which language the answer is in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PATH_PREFIX) or "lang" not in request.GET:
            return self.get_response(request)
        codes = [code for code, _name in settings.LANGUAGES]
        wanted = request.GET["lang"]
        if wanted not in [*codes, ALL_LANGUAGES]:
            message = _("Unknown language “%(lang)s”: use one of %(codes)s.") % {
                "lang": wanted,
                "codes": ", ".join([*codes, ALL_LANGUAGES]),
            }
            return JsonResponse({"detail": message, "errors": {"lang": [message]}}, status=400)
        request.all_languages = wanted == ALL_LANGUAGES
        language = settings.LANGUAGE_CODE if request.all_languages else wanted
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers["Content-Language"] = ", ".join(codes) if request.all_languages else language
        return response


# --- Errors -------------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence a person can act on.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "For invalid input only: the messages for each query parameter or field, by name. "
            "`non_field_errors` holds those about the input as a whole."
        ),
    )


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the stored data."
    default_code = "conflict"


def django_validation_errors(error):
    """A django ValidationError as {name: [messages]}, with `non_field_errors` for the whole object."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if name == "__all__" else name): messages
            for name, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _flatten(errors, prefix=""):
    """DRF's nested error structure as {"name": ["message", ...]}, nested names dotted."""
    if isinstance(errors, dict):
        flat = {}
        for name, value in errors.items():
            flat.update(_flatten(value, f"{prefix}.{name}" if prefix else str(name)))
        return flat
    if isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        flat = {}
        for index, value in enumerate(errors):
            flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix or "non_field_errors": [str(message) for message in messages]}


def handle_exception(exc, context):
    """DRF's exception handler, with every error as {"detail": ..., "errors": ...} and no 500s for
    the database refusing a change."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_validation_errors(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        blocking = {str(obj._meta.verbose_name_plural) for obj in exc.args[1]}
        exc = Conflict(
            _("This cannot be deleted: other records refer to it (%(kinds)s). Change or delete those first.")
            % {"kinds": ", ".join(sorted(blocking))}
        )
    elif isinstance(exc, IntegrityError):
        exc = Conflict(_("The change conflicts with another stored record: reload it and try again."))

    from rest_framework.views import exception_handler  # See the module docstring.

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(response.data)
        summary = " ".join(
            " ".join(messages) if name == "non_field_errors" else f"{name}: {' '.join(messages)}"
            for name, messages in errors.items()
        )
        response.data = {"detail": summary or _("The request is not valid."), "errors": errors}
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail)}
    return response


@csrf_exempt  # Any method gets the same JSON 404, never the CSRF failure page.
def not_found(request, *args, **kwargs):
    """JSON 404 for an address under /api/ that names no endpoint."""
    return JsonResponse(
        {"detail": _("There is no API endpoint at this address. The list of endpoints is at /api/v1/.")},
        status=404,
    )


# --- Permissions ------------------------------------------------------------------------------


# The actions on an item's pending version (organisation.api_base.ContentViewSet).
REVIEW_ACTIONS = {"pending", "submit_pending", "publish_pending", "send_back_pending"}


class ContentPermission(BasePermission):
    """Anyone may read (each endpoint's queryset holds what the client may see); a write needs the
    model permission the admin asks for the same change (organisation.permissions)."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False  # Answered 401, with how to authenticate.
        model = view.get_queryset().model
        if getattr(view, "action", None) in REVIEW_ACTIONS:
            # Working on a pending version is changing the item; who may publish it is the
            # review's own rule (organisation.review).
            return permissions.can_change(user, model)
        return permissions.can_write(user, model, request.method)


# --- Pagination ---------------------------------------------------------------------------------


class ApiPagination(pagination.PageNumberPagination):
    """Pages of 20 by default; `page_size` up to 100.

    A `page` or `page_size` that is not a whole number in range is a 400; a page past the last one
    is a 404, as in DRF, with the number of pages in the message.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        page_number = self._positive_int(request, self.page_query_param, default=1)
        # Rows with equal sort keys would otherwise move between pages.
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        if "pk" not in ordering and "-pk" not in ordering:
            queryset = queryset.order_by(*ordering, "pk")
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            raise exceptions.NotFound(
                _("Page %(page)d does not exist: the last page is %(last)d, with %(size)d results a page.")
                % {"page": page_number, "last": paginator.num_pages, "size": page_size}
            ) from exc
        return list(self.page)

    def get_page_size(self, request):
        size = self._positive_int(request, self.page_size_query_param, default=self.page_size)
        if size > self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("The page size can be at most %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def _positive_int(self, request, name, default):
        value = request.query_params.get(name)
        if value in (None, ""):
            return default
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise exceptions.ValidationError(
                {name: [_("Give a whole number from 1 up, not “%(value)s”.") % {"value": value[:50]}]}
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number, from 1. A page past the last one is a 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results a page: {self.page_size} by default, at most {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


# --- Throttling ---------------------------------------------------------------------------------


# Where throttles count when the shared cache is down: each process for itself.
_local_counts = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_FALLBACK_LOG_SECONDS = 60
_fallback_logged_at = None


class _RateFromSettings:
    """Reads the rate when a request comes, not at import, so a changed setting takes effect.

    When the shared cache (Redis) does not answer, the request is counted in this process's memory
    instead, and the log says so (once a minute): the API keeps answering, with a limit per process
    rather than per site, until the cache is back.
    """

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as error:  # Each cache backend raises its own errors (redis, OSError).
            _log_fallback(error)
            self.cache = _local_counts
            return super().allow_request(request, view)


def _log_fallback(error):
    global _fallback_logged_at
    now = time.monotonic()
    if _fallback_logged_at is None or now - _fallback_logged_at >= _FALLBACK_LOG_SECONDS:
        _fallback_logged_at = now
        logger.warning("The shared cache does not answer: API throttles count in each process. %s", error)


class AnonThrottle(_RateFromSettings, throttling.AnonRateThrottle):
    pass


class UserThrottle(_RateFromSettings, throttling.UserRateThrottle):
    pass


# --- Conditional GET and caching headers --------------------------------------------------------


class ApiHttpCacheMiddleware:
    """ETag, Last-Modified, Cache-Control and 304s for GETs under /api/.

    The ETag is a hash of the body, so it changes whenever anything shown changes, derived facts
    included. Last-Modified is when this representation (address, user, negotiated headers) was
    first served with that ETag, remembered in the cache: a cache that forgets only makes the
    date later, which costs a client a full response, never a stale one.
    """

    anonymous_max_age = 60
    last_modified_timeout = 60 * 60 * 24

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PATH_PREFIX) or request.method not in ("GET", "HEAD"):
            return response
        patch_vary_headers(response, ["Authorization"])
        if response.status_code != 200 or getattr(response, "streaming", False):
            patch_cache_control(response, no_store=True)
            return response

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=self.anonymous_max_age)

        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response.headers["ETag"] = etag
        now = int(time.time())
        since = self._first_served(request, user, etag, now)
        response.headers["Last-Modified"] = http_date(min(since, now))
        # A representation dated in the future replaced another within the same second: until that
        # second comes, If-Modified-Since cannot tell the two apart, so it is not answered with a 304
        # (nor by the page cache, which keeps the response: cica_site.pagecache).
        response.last_modified_exact = since <= now
        return get_conditional_response(
            request, etag=etag, last_modified=since if since <= now else None, response=response
        )

    def _first_served(self, request, user, etag, now):
        who = user.pk if user is not None and user.is_authenticated else "anonymous"
        representation = "\n".join(
            [
                request.get_full_path(),
                str(who),
                request.headers.get("Accept", ""),
                request.headers.get("Accept-Language", ""),
            ]
        )
        key = "api-last-modified:" + hashlib.sha256(representation.encode()).hexdigest()
        try:
            stored = cache.get(key)
            if stored and stored[0] == etag:
                return stored[1]
            # Always later than the representation it replaces, so an old date never matches the new one.
            since = max(now, stored[1] + 1) if stored else now
            cache.set(key, (etag, since), self.last_modified_timeout)
        except Exception as error:  # The cache is down: a date that cannot be older than the content.
            logger.warning("The cache does not answer: Last-Modified is now. %s", error)
            return now
        return since
