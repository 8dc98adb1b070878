"""The API's OpenAPI schema: what every operation adds to what drf-spectacular finds by itself.

Its own module because DRF settings import cica_site.rest while rest_framework.views is loading,
and drf-spectacular's AutoSchema imports rest_framework.views.
"""

import copy

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions

from cica_site.rest import ErrorSerializer
from organisation.api_base import PendingVersionSerializer, SaveMixin

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
        if self.method in ("POST", "PUT", "PATCH") and isinstance(self.view, SaveMixin):
            accepted = self._accepted_response(responses, direction)
            if accepted:
                responses["202"] = accepted
        for code in self._error_codes():
            responses[code] = self._get_response_for_code(
                OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]),
                code,
                direction=direction,
            )
        return responses

    def _accepted_response(self, responses, direction):
        """A write that waits for a Publisher (organisation.review): the item as its pending version
        reads, with `pending_review`."""
        success = responses.get("201") or responses.get("200")
        schema = (success or {}).get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return None
        pending = self.resolve_serializer(PendingVersionSerializer, direction).ref
        review = {"type": "object", "properties": {"pending_review": pending}, "required": ["pending_review"]}
        return {
            "description": "Accepted, not yet public: the change is the item's pending version, which a "
            "Publisher reviews (a write by a user without the publishing permission, to content the "
            "public sees). The body is the item as the pending version reads, with `pending_review`.",
            "content": {"application/json": {"schema": {"allOf": [copy.deepcopy(schema), review]}}},
        }

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


# Rules that involve more than one field or other records, which a request schema cannot express:
# the API refuses a write that breaks one with a 400 naming the field (the models' clean()).
CROSS_FIELD_RULES = {
    "events.meeting": [
        "`end_date` is not before `start_date` (empty: a one-day meeting)",
        "a `start_time` or `end_time` needs a `time_zone`; an `end_time` needs a `start_time`",
        "on a one-day meeting `end_time` is not before `start_time`",
        "a `virtual` meeting has no `city`",
        "a published meeting's photos are described (or marked decorative)",
    ],
    "organisation.membership": [
        "an observer organisation has an `organisation_name` and no `country_id`; others the reverse",
        "`left_on` is after `joined_on`",
        "a country's periods do not overlap",
    ],
    "organisation.relation": ["one relations page per country (`country_id`)"],
}


def write_rules(result, generator, request, public):
    """What the request schemas cannot say by themselves, said:

    - `version` is required in a change (PUT, PATCH) and not part of a creation (POST), where it
      would be ignored: PUT bodies get a component of their own.
    - Unique fields and rules across fields, in the 400's description of each write.
    - Query parameters' ranges (from the FilterSets' form fields), and that a blank filter filters
      nothing (`allowEmptyValue`).
    - 414: an address longer than the server takes, answered before the site sees it.
    """
    components = result.get("components", {}).get("schemas", {})
    views = {}
    for path, _regex, method, view in generator.endpoints:
        views[(path.removeprefix(settings.SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"]), method.lower())] = view
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            view = views.get((path.removeprefix(settings.SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"]), method))
            _versioned_body(components, method, operation)
            _query_parameters(view, operation)
            if view is not None and method in ("post", "put", "patch"):
                _rules_in_400(view, operation)
            operation["responses"]["414"] = {
                "description": "The address is too long: the server refuses it before the site sees it."
            }
    for name in list(components):
        if name.endswith("Request") and not name.startswith("Patched") and not name.endswith("UpdateRequest"):
            component = components[name]
            component.get("properties", {}).pop("version", None)
            if "version" in component.get("required", []):
                component["required"].remove("version")
    return result


def _body_ref(operation):
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    return content.get("schema", {}).get("$ref")


def _versioned_body(components, method, operation):
    ref = _body_ref(operation)
    if method not in ("put", "patch") or ref is None:
        return
    name = ref.rsplit("/", 1)[1]
    if "version" not in components[name].get("properties", {}):
        return
    if method == "put":
        update = name.removesuffix("Request") + "UpdateRequest"
        components[update] = copy.deepcopy(components[name])
        operation["requestBody"]["content"]["application/json"]["schema"] = {
            "$ref": f"#/components/schemas/{update}"
        }
        name = update
    required = components[name].setdefault("required", [])
    if "version" not in required:
        required.append("version")


def _query_parameters(view, operation):
    filterset_class = getattr(getattr(view, "cls", None), "filterset_class", None)
    filters = filterset_class.base_filters if filterset_class else {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query" or parameter["name"] == "lang":
            continue
        # A blank value filters nothing, as an HTML form sends it (`?year=`).
        parameter["allowEmptyValue"] = True
        filter_ = filters.get(parameter["name"])
        if filter_ is None:
            continue
        for option, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
            if filter_.extra.get(option) is not None:
                parameter["schema"][keyword] = filter_.extra[option]


def _rules_in_400(view, operation):
    serializer_class = getattr(view.cls, "serializer_class", None)
    model = getattr(getattr(serializer_class, "Meta", None), "model", None)
    if model is None:
        return
    # Under the API's names: `country_id` for the model's `country`.
    names = {field.source: name for name, field in serializer_class().fields.items() if not field.read_only}
    translated = tuple(f"_{code}" for code, _name in settings.LANGUAGES)
    unique = [
        names.get(field.name, field.name)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key and not field.name.endswith(translated)
    ]
    rules = [f"`{name}` is unique: no two {model._meta.verbose_name_plural} share it" for name in unique]
    rules += CROSS_FIELD_RULES.get(model._meta.label_lower, [])
    if rules and "400" in operation["responses"]:
        response = operation["responses"]["400"]
        response["description"] += (
            " Besides the schema, a write must keep these rules: " + "; ".join(rules) + "."
        )
