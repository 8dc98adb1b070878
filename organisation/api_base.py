"""What every API endpoint of content shares: how objects are represented and written, who may
write, and how a write is saved.

Serializers: every object carries its id, its API address (`url`) and its public page (`web_url`);
related objects are nested as short references on reading and written by id (`<name>_id`). A write
is validated exactly as the admin validates (ModelCleanSerializer), is refused to those the admin
would refuse (cica_site.rest.ContentPermission, organisation.permissions), and is saved in one place, with its
revision (SaveMixin). The apps' serializers.py and api.py build their endpoints from these.
"""

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from organisation import history, permissions, review
from organisation.models import (
    AuditEvent,
    ChangeNote,
    PendingVersion,
    Publishable,
    VersionConflict,
    Versioned,
    translated_field_names,
)


class EditConflict(exceptions.APIException):
    """409: the object changed after the client read the version it sends."""

    status_code = 409
    default_code = "edit_conflict"


class ChangeNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChangeNote
        fields = ["date", "note"]


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The absolute address of the object's public page, from its get_absolute_url()."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, obj):
        url = obj.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


def api_url(view_name):
    return serializers.HyperlinkedIdentityField(view_name=f"api:{view_name}-detail")


@extend_schema_field(
    {
        "type": "object",
        "description": (
            "Only with `?lang=all`: the object's text in every language, by language code; "
            "null where a translation is missing."
        ),
        "additionalProperties": {
            "type": "object",
            "additionalProperties": {"type": "string", "nullable": True},
        },
    }
)
class TranslationsField(serializers.Field):
    def __init__(self, names, **kwargs):
        self.names = names  # {API field name: model field name}
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, obj):
        return {
            code: {
                name: obj.__dict__.get(f"{model_name}_{code}") or None
                for name, model_name in self.names.items()
            }
            for code, _name in settings.LANGUAGES
        }


class ModelCleanSerializer(serializers.ModelSerializer):
    """A write validates exactly as the admin does, and publishes only with the permission to.

    The model's full_clean() runs before every save: its clean(), unique checks, constraints and
    the sanitising of rich text (done by the field's clean()). Its errors come back as a 400 with
    the API's field names. As in the admin (PublishingAdminMixin), a user without
    `<app>.publish_<model>` may not change `status` or `publish_at`: a write that tries is a 403.
    """

    # JSON has types: a number where text is expected is a mistake, not something to convert.
    JSON_TYPES = [
        (serializers.BooleanField, bool, gettext_lazy("Must be true or false.")),
        (serializers.IntegerField, int, gettext_lazy("Must be a whole number.")),
        (serializers.PrimaryKeyRelatedField, int, gettext_lazy("Must be an id: a whole number.")),
        (serializers.CharField, str, gettext_lazy("Must be a string.")),
    ]

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name)
                if field.read_only or value is None:
                    continue
                for field_class, json_type, message in self.JSON_TYPES:
                    if isinstance(field, field_class):
                        if not isinstance(value, json_type) or (json_type is int and isinstance(value, bool)):
                            errors[name] = [message]
                        break
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def get_fields(self):
        fields = super().get_fields()
        if issubclass(self.Meta.model, Versioned):
            fields["version"] = serializers.IntegerField(
                min_value=1,
                required=False,
                help_text=(
                    "Moves on with every change. A change (PUT or PATCH) must send the `version` it "
                    "read: if the object was changed since, the write is refused with 409 Conflict, "
                    "saying who changed it and when, and nothing is overwritten. Ignored on creation."
                ),
            )
        if issubclass(self.Meta.model, Publishable):
            fields["change_notes"] = ChangeNoteSerializer(
                many=True, read_only=True, help_text="Public notes on significant updates, newest first."
            )
        translated = set(translated_field_names(self.Meta.model))
        # Before binding, a field's source is None unless given: then it is the field's name.
        sources = {name: field.source or name for name, field in fields.items()}
        names = {name: source for name, source in sources.items() if source in translated}
        if names:
            fields["translations"] = TranslationsField(names)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if "translations" in data and not getattr(request, "all_languages", False):
            del data["translations"]
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self._check_publishing(attrs)
        self._check_version(attrs)
        return attrs

    def _check_version(self, attrs):
        if not issubclass(self.Meta.model, Versioned):
            return
        if self.instance is None:
            attrs.pop("version", None)  # A new object starts at 1.
            return
        if "version" not in attrs:
            raise serializers.ValidationError(
                {
                    "version": [
                        _(
                            "Send the `version` you read with the object, so that a change made "
                            "since cannot be overwritten."
                        )
                    ]
                }
            )
        if attrs["version"] != self.instance.version:
            raise EditConflict(history.conflict_message(self.instance))

    def _check_publishing(self, attrs):
        model = self.Meta.model
        opts = model._meta
        if not issubclass(model, Publishable):
            return
        if permissions.can_publish(self.context["request"].user, model):
            return
        if self.instance is None:
            touched = "publish_at" in attrs or attrs.get("status", Publishable.Status.DRAFT) != (
                Publishable.Status.DRAFT
            )
        else:
            touched = any(
                name in attrs and attrs[name] != getattr(self.instance, name)
                for name in ("status", "publish_at")
            )
        if touched:
            raise PermissionDenied(
                _(
                    "Only Publishers may publish, unpublish or schedule %(items)s: leave out `status` "
                    "and `publish_at`, or send them unchanged."
                )
                % {"items": opts.verbose_name_plural}
            )

    def create(self, validated_data):
        return self.save_instance(self.Meta.model(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.save_instance(instance)

    def save_instance(self, instance):
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(self._api_errors(error)) from error
        instance.save_edit()  # As the admin's save (Versioned.save_edit).
        return instance

    def _api_errors(self, error):
        """The model's errors under the API's names: `body_id` for the model's `body`, and so on."""
        names = {field.source: name for name, field in self.fields.items() if not field.read_only}
        if not hasattr(error, "error_dict"):
            return {"non_field_errors": error.messages}
        return {
            ("non_field_errors" if name == "__all__" else names.get(name, name)): messages
            for name, messages in error.message_dict.items()
        }


def related_id(model_field, **kwargs):
    """A writable `<name>_id` for a foreign key: the id of the related object."""
    field = model_field.field
    return serializers.PrimaryKeyRelatedField(
        source=field.name,
        queryset=field.related_model._default_manager.all(),
        write_only=True,
        allow_null=field.null,
        required=not field.blank,
        help_text=_("The id of the %(name)s.") % {"name": field.verbose_name},
        **kwargs,
    )


PUBLISHING_FIELDS = ["status", "publish_at", "review_by", "updated_at"]


def visible(request, queryset):
    """What the client may see of `queryset`: for content, what its QuerySet's visible_to() allows
    (drafts too for staff who may change them); reference data is public."""
    if issubclass(queryset.model, Publishable):
        return queryset.visible_to(request)
    return queryset


class CSVRenderer(renderers.BaseRenderer):
    """A list as CSV, one column per dotted path in the view's `csv_columns`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        columns = renderer_context["view"].csv_columns
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in data:
            writer.writerow([_csv_cell(_lookup(row, column)) for column in columns])
        return buffer.getvalue().encode(self.charset)


def _lookup(row, path):
    for name in path.split("."):
        row = row.get(name) if isinstance(row, dict) else None
    return row


def _csv_cell(value):
    if value is None:
        return ""
    value = str(value)
    # A spreadsheet would run a cell starting with these as a formula.
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_list_schema(serializer_class):
    return extend_schema_view(
        list=extend_schema(
            responses={(200, "application/json"): serializer_class, (200, "text/csv"): OpenApiTypes.STR},
            description=(
                "Also as CSV, every matching row without pagination: add `.csv` to the path "
                "(such as `/api/v1/meetings.csv?year=2024`) or send `Accept: text/csv`."
            ),
        )
    )


class SaveMixin:
    """Every API write goes through here, in a transaction, and makes a revision as the admin does.

    A save that loses the race to another one from the same version (organisation.models.Versioned)
    is undone and answered with 409 Conflict. A write is an edit as organisation.review says: one
    that must wait for a Publisher becomes the item's pending version and is answered with
    202 Accepted, the pending version's representation and `pending_review`; a write to an item
    with a pending version applies over it (send the pending version's `version`).
    """

    def create(self, request, *args, **kwargs):
        return self._reviewed(self.get_queryset().model(), super().create, request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        obj = self._edited_object()
        return self._reviewed(obj, super().update, request, *args, **kwargs)

    def _edited_object(self):
        """The live object the request names, or a stand-in for one that exists only as a
        pending version (an addition awaiting review)."""
        model = self.get_queryset().model
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if lookup is None:  # The organisation profile: one object, found by get_object().
            return self.get_object()
        try:
            pk = model._meta.pk.to_python(lookup)
        except DjangoValidationError as error:
            raise exceptions.NotFound() from error
        return model._base_manager.filter(pk=pk).first() or model(pk=pk)

    def _reviewed(self, obj, write, request, *args, **kwargs):
        self._saved = None

        def save():
            return write(request, *args, **kwargs), self._saved

        response, outcome = review.edit(obj, request.user, save)
        if outcome == "pending":
            pending = PendingVersion.objects.for_object(self._saved).get()
            response.status_code = 202
            response.data["pending_review"] = PendingVersionSerializer(pending).data
        return response

    def perform_create(self, serializer):
        self.perform_save(serializer, "Added through the API.")

    def perform_update(self, serializer):
        names = sorted(name for name in serializer.validated_data if name != "version")
        self.perform_save(serializer, "Changed through the API: " + ", ".join(names) + ".")

    def perform_save(self, serializer, comment):
        try:
            with transaction.atomic(), history.revision(self.request.user, comment):
                serializer.save()
                # The answer is made inside the transaction, from the object read back as a GET reads
                # it: a write either succeeds and says so, or fails and changes nothing (a 500 after
                # the commit would make the client retry a write that was saved).
                stored = self.get_queryset().filter(pk=serializer.instance.pk).first()
                if stored is not None:  # Not visible to its writer (an Editor without `change`).
                    serializer.instance = stored
                serializer.data  # noqa: B018
        except VersionConflict as conflict:
            raise EditConflict(history.conflict_message(conflict.obj)) from conflict
        self._saved = serializer.instance

    def perform_destroy(self, instance):
        with transaction.atomic():
            # A last revision first, so that the object can be recovered in the admin.
            history.record_deletion([instance], self.request.user, "Deleted through the API.")
            AuditEvent.record(instance, AuditEvent.Action.DELETED, self.request.user)
            instance.delete()


class PendingVersionSerializer(serializers.ModelSerializer):
    """Where an item's pending version stands in its review."""

    # Null until the step happens, and when the account has been deleted since.
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back with a change to the pending version."
    )

    class Meta:
        model = PendingVersion
        fields = [
            "state",
            "version",
            "updated_by",
            "updated_at",
            "submitted_by",
            "submitted_at",
            "message",
            "reviewed_by",
            "reviewed_at",
            "comment",
            "publish_at",
        ]
        read_only_fields = fields


class ReviewActionSerializer(serializers.Serializer):
    message = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="To the reviewer when submitting; to the editor when sending back (required then).",
    )
    publish_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="To publish: a time in the future schedules it."
    )


class ContentViewSet(SaveMixin, viewsets.ModelViewSet):
    """List, read, create, replace, update and delete, with CSV for lists that set `csv_columns`."""

    csv_columns = None
    csv_filename = None

    def visible(self, queryset):
        return visible(self.request, queryset)

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.csv_columns and getattr(self, "action", None) == "list":
            renderers.append(CSVRenderer())
        return renderers

    def _wants_csv(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == CSVRenderer.format

    def paginate_queryset(self, queryset):
        if self._wants_csv():
            return None  # An export holds every matching row.
        return super().paginate_queryset(queryset)

    # --- The pending version of an item, and its review ---------------------------------------------

    def _pending(self):
        obj = self._edited_object()
        if not permissions.can_change(self.request.user, type(obj)):
            raise exceptions.NotFound()
        pending = PendingVersion.objects.for_object(obj).first()
        if pending is None:
            raise exceptions.NotFound(_("This item has no pending version."))
        return pending

    def _pending_data(self, pending):
        with pending.preview() as item:
            item = self.get_queryset().get(pk=item.pk)
            data = self.get_serializer(item).data
        return {**data, "pending_review": PendingVersionSerializer(pending).data}

    @extend_schema(
        description=(
            "Staff who may change the item: its pending version (as the item would read once "
            "published) and where its review stands. DELETE discards it."
        ),
        responses={200: OpenApiTypes.OBJECT, 204: None, 404: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get", "delete"], url_path="pending")
    def pending(self, request, *args, **kwargs):
        pending = self._pending()
        if request.method == "DELETE":
            self._review(review.discard, pending, request.user)
            return Response(status=204)
        return Response(self._pending_data(pending))

    def _review_action(self, request, step):
        pending = self._pending()
        action_serializer = ReviewActionSerializer(data=request.data)
        action_serializer.is_valid(raise_exception=True)
        message = action_serializer.validated_data.get("message", "")
        if step is review.publish:
            item = self._review(
                step,
                pending,
                request.user,
                at=action_serializer.validated_data.get("publish_at"),
                message=message,
            )
            if item is not None:
                return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)
        else:
            self._review(step, pending, request.user, message)
        pending = PendingVersion.objects.get(pk=pending.pk)
        return Response(self._pending_data(pending))

    def _review(self, step, *args, **kwargs):
        try:
            return step(*args, **kwargs)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        except DjangoValidationError as error:
            raise serializers.ValidationError({"non_field_errors": error.messages}) from error

    @extend_schema(
        request=ReviewActionSerializer,
        responses={200: OpenApiTypes.OBJECT},
        description="The author asks the Publishers to publish the pending version, with a message.",
    )
    @action(detail=True, methods=["post"], url_path="pending/submit")
    def submit_pending(self, request, *args, **kwargs):
        return self._review_action(request, review.submit)

    @extend_schema(
        request=ReviewActionSerializer,
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "Publishers: publish the pending version now (the answer is the live item), or at "
            "`publish_at` (the answer is the scheduled pending version)."
        ),
    )
    @action(detail=True, methods=["post"], url_path="pending/publish")
    def publish_pending(self, request, *args, **kwargs):
        return self._review_action(request, review.publish)

    @extend_schema(
        request=ReviewActionSerializer,
        responses={200: OpenApiTypes.OBJECT},
        description="Publishers: send the pending version back to its author, with a comment (`message`).",
    )
    @action(detail=True, methods=["post"], url_path="pending/send-back")
    def send_back_pending(self, request, *args, **kwargs):
        return self._review_action(request, review.send_back)

    def finalize_response(self, request, response, *args, **kwargs):
        if self._wants_csv():
            if getattr(response, "exception", False):
                # Errors are JSON, whatever was asked for.
                request.accepted_renderer = renderers.JSONRenderer()
                request.accepted_media_type = request.accepted_renderer.media_type
            else:
                response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return super().finalize_response(request, response, *args, **kwargs)
