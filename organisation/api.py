"""The organisation's API endpoints, and the base every content endpoint shares.

Reads start from `.published()` for everyone but staff who may edit the model (its change
permission), who also see drafts and scheduled items. Writes need a token and Django's model
permissions; SaveMixin.perform_save() is the one place an API write is saved, and makes its
revision: who, when, what.
"""

import csv
import io

from django.contrib.auth import get_permission_codename
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, renderers, viewsets

from organisation import history
from organisation.filters import (
    BodyFilterSet,
    CountryFilterSet,
    FoundingDocumentFilterSet,
    MeasureFilterSet,
    MembershipFilterSet,
    PolicyPageFilterSet,
    RelationFilterSet,
)
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    Membership,
    Organisation,
    PolicyPage,
    Publishable,
    Relation,
    VersionConflict,
)
from organisation.serializers import (
    BodySerializer,
    CountrySerializer,
    EditConflict,
    FoundingDocumentSerializer,
    MeasureSerializer,
    MembershipSerializer,
    OrganisationSerializer,
    PolicyPageSerializer,
    RelationSerializer,
)


def may_edit(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def visible(request, queryset):
    """What the client may see: drafts too for staff who may edit the model, else what is public."""
    if issubclass(queryset.model, Publishable) and not may_edit(request.user, queryset.model):
        return queryset.published()
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
    is undone and answered with 409 Conflict.
    """

    def perform_create(self, serializer):
        self.perform_save(serializer, "Added through the API.")

    def perform_update(self, serializer):
        names = sorted(name for name in serializer.validated_data if name != "version")
        self.perform_save(serializer, "Changed through the API: " + ", ".join(names) + ".")

    def perform_save(self, serializer, comment):
        try:
            with transaction.atomic(), history.revision(self.request.user, comment):
                serializer.save()
        except VersionConflict as conflict:
            raise EditConflict(history.conflict_message(conflict.obj)) from conflict

    def perform_destroy(self, instance):
        with transaction.atomic():
            # A last revision first, so that the object can be recovered in the admin.
            history.record_deletion([instance], self.request.user, "Deleted through the API.")
            instance.delete()


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

    def finalize_response(self, request, response, *args, **kwargs):
        if self._wants_csv():
            if getattr(response, "exception", False):
                # Errors are JSON, whatever was asked for.
                request.accepted_renderer = renderers.JSONRenderer()
                request.accepted_media_type = request.accepted_renderer.media_type
            else:
                response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return super().finalize_response(request, response, *args, **kwargs)


class OrganisationView(SaveMixin, generics.RetrieveUpdateAPIView):
    """The organisation profile: there is one, so it has no id in its address."""

    serializer_class = OrganisationSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return visible(
            self.request,
            Organisation.objects.select_related("secretariat_country").prefetch_related("change_notes"),
        )

    def get_object(self):
        organisation = self.get_queryset().first()
        if organisation is None:
            raise exceptions.NotFound("The organisation profile is not published yet.")
        self.check_object_permissions(self.request, organisation)
        return organisation

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "bodies": Body.objects.all(),
            "founding_documents": visible(
                self.request,
                FoundingDocument.objects.select_related("adopted_at").prefetch_related("change_notes"),
            ),
        }


class BodyViewSet(ContentViewSet):
    serializer_class = BodySerializer
    filterset_class = BodyFilterSet

    def get_queryset(self):
        return Body.objects.all()


class FoundingDocumentViewSet(ContentViewSet):
    serializer_class = FoundingDocumentSerializer
    filterset_class = FoundingDocumentFilterSet

    def get_queryset(self):
        return self.visible(
            FoundingDocument.objects.select_related("adopted_at").prefetch_related("change_notes")
        )


@csv_list_schema(CountrySerializer)
class CountryViewSet(ContentViewSet):
    """Countries, with the registry entry in force on `as_of` (today by default)."""

    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    csv_filename = "countries.csv"
    csv_columns = [
        "id",
        "code",
        "name",
        "membership.status",
        "membership.joined_on",
        "membership.left_on",
        "web_url",
    ]

    def get_queryset(self):
        return Country.objects.prefetch_related(
            Prefetch("relation", queryset=Relation.objects.published(), to_attr="published_relation")
        )


@csv_list_schema(MembershipSerializer)
class MembershipViewSet(ContentViewSet):
    """The membership registry: every period of membership or observer status."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    csv_filename = "memberships.csv"
    csv_columns = [
        "id",
        "status",
        "country.code",
        "country.name",
        "organisation_name",
        "joined_on",
        "left_on",
        "note",
        "web_url",
    ]

    def get_queryset(self):
        return Membership.objects.select_related("country")


class MeasureViewSet(ContentViewSet):
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilterSet

    def get_queryset(self):
        return Measure.objects.select_related("area").prefetch_related(
            Prefetch("coordinators", queryset=Coordinator.objects.select_related("country"))
        )


class RelationViewSet(ContentViewSet):
    serializer_class = RelationSerializer
    filterset_class = RelationFilterSet

    def get_queryset(self):
        # `organisation` never imports `events`: the meeting table is reached through a reverse relation.
        meetings = Country.hosted_meetings.field.model.objects.published().order_by("start_date", "pk")
        return self.visible(
            Relation.objects.select_related("country").prefetch_related(
                "change_notes",
                Prefetch(
                    "country__memberships", queryset=Membership.objects.as_of(), to_attr="memberships_today"
                ),
                Prefetch(
                    "country__coordinator_roles",
                    queryset=Coordinator.objects.as_of().select_related("measure"),
                    to_attr="roles_today",
                ),
                Prefetch("country__hosted_meetings", queryset=meetings, to_attr="published_hosted_meetings"),
                Prefetch(
                    "country__organised_meetings", queryset=meetings, to_attr="published_organised_meetings"
                ),
            )
        )

    def get_serializer_context(self):
        # For the default title: fetched once, not once per page.
        return {**super().get_serializer_context(), "organisation": Organisation.objects.profile()}


class PolicyPageViewSet(ContentViewSet):
    serializer_class = PolicyPageSerializer
    filterset_class = PolicyPageFilterSet

    def get_queryset(self):
        return self.visible(PolicyPage.objects.prefetch_related("change_notes"))
