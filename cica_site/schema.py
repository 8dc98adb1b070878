"""The API's OpenAPI schema: what every operation adds to what drf-spectacular finds by itself.

Its own module because DRF settings import cica_site.rest while rest_framework.views is loading,
and drf-spectacular's AutoSchema imports rest_framework.views.
"""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions

from cica_site.rest import ErrorSerializer

_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a query parameter or field is not valid. `errors` says which and why.",
    "401": "The token is missing (for a write), unknown, or its user is inactive.",
    "403": "The token's user may not do this: it lacks the model permission, or the publishing "
    "permission needed to change `status` or `publish_at`.",
    "404": "No such object, or one this client may not see (drafts are visible to staff who may edit "
    "them), or a page past the last one.",
    "406": "The Accept header asks for a format this endpoint does not give: JSON, and CSV for the "
    "lists that say so.",
    "409": "The change was refused: the object was changed after the `version` sent was read (the message "
    "says who changed it and when: read it again), or the database refused it (other records refer "
    "to the object, or it clashes with another record).",
    "415": "The request body is not JSON (`Content-Type: application/json`).",
    "429": "Too many requests: `Retry-After` says how many seconds to wait.",
}

_GET_HEADERS = {
    "Content-Language": {
        "description": "The language of the answer's text (all three with `?lang=all`).",
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "A hash of the body: send it back in If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When this representation was first served: send it back in If-Modified-Since.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`public, max-age=60` for anonymous clients, `private, no-cache` for staff.",
        "schema": {"type": "string"},
    },
}


_LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        str,
        OpenApiParameter.QUERY,
        enum=[*(code for code, _name in settings.LANGUAGES), "all"],
        description=(
            "The language of the answer's text (and of the text a write changes): "
            + ", ".join(f"`{code}` ({name})" for code, name in settings.LANGUAGES)
            + ". It wins over Accept-Language; English when neither is given. Text not yet "
            "translated is given in English. `all` answers in English and adds `translations`: "
            "each object's text in every language."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        str,
        OpenApiParameter.HEADER,
        description="The preferred languages, as browsers send them; used when `lang` is not given.",
    ),
]


class ApiSchema(AutoSchema):
    """Adds to every operation the error responses, the conditional GET and its headers, and
    anonymous access for reads."""

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *_LANGUAGE_PARAMETERS]
        if self.method == "GET":
            parameters += [
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier response: 304 when it still matches.",
                ),
                OpenApiParameter(
                    "If-Modified-Since",
                    str,
                    OpenApiParameter.HEADER,
                    description="An HTTP date, such as an earlier Last-Modified: 304 if not modified since.",
                ),
            ]
        return parameters

    def get_auth(self):
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            for code in ("200",):
                if code in responses:
                    responses[code].setdefault("headers", {}).update(_GET_HEADERS)
            responses["304"] = {"description": "Not modified: the copy the client has is current."}
        for code in self._error_codes():
            responses[code] = self._get_response_for_code(
                OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]),
                code,
                direction=direction,
            )
        return responses

    def _error_codes(self):
        codes = ["400", "401", "404", "406", "429"]
        if self.method not in permissions.SAFE_METHODS:
            codes += ["403", "409"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        return sorted(codes)  # 400 on every operation: an unknown `lang` is refused everywhere.


def local_times(result, generator, request, public):
    """Times of day are local, without an offset ("09:30:00"): OpenAPI's `format: time` (RFC 3339)
    demands one, so describe them with a pattern instead."""

    def visit(node):
        if isinstance(node, dict):
            if node.get("format") == "time":
                del node["format"]
                node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


def optional_translations(result, generator, request, public):
    """`translations` is only there with `?lang=all`: not a required property."""
    for component in result.get("components", {}).get("schemas", {}).values():
        required = component.get("required")
        if required and "translations" in required:
            required.remove("translations")
    return result
