"""The organisation's API endpoints (organisation.api_base has what every endpoint shares)."""

from django.db.models import Prefetch
from rest_framework import exceptions, generics

from organisation.api_base import ContentViewSet, SaveMixin, csv_list_schema, visible
from organisation.filters import (
    BodyFilterSet,
    ChairTermFilterSet,
    CountryFilterSet,
    FoundingDocumentFilterSet,
    MeasureFilterSet,
    MembershipFilterSet,
    OfficeHolderFilterSet,
    PolicyPageFilterSet,
    RelationFilterSet,
)
from organisation.meetings import published_meetings
from organisation.models import (
    Body,
    ChairTerm,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    Membership,
    OfficeHolder,
    Organisation,
    PolicyPage,
    Relation,
)
from organisation.serializers import (
    BodySerializer,
    ChairTermSerializer,
    CountrySerializer,
    FoundingDocumentSerializer,
    MeasureSerializer,
    MembershipSerializer,
    OfficeHolderSerializer,
    OrganisationSerializer,
    PolicyPageSerializer,
    RelationSerializer,
)


class OrganisationView(SaveMixin, generics.RetrieveUpdateAPIView):
    """The organisation profile: there is one, so it has no id in its address."""

    serializer_class = OrganisationSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return visible(
            self.request,
            Organisation.objects.with_places().prefetch_related("change_notes"),
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
        meetings = published_meetings().order_by("start_date", "pk")
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


class ChairTermViewSet(ContentViewSet):
    """The chairmanship: every term, with dates as precisely as they are known."""

    serializer_class = ChairTermSerializer
    filterset_class = ChairTermFilterSet

    def get_queryset(self):
        return ChairTerm.objects.select_related("country")


class OfficeHolderViewSet(ContentViewSet):
    """Office-holders of the organisation: the Secretary-General and others."""

    serializer_class = OfficeHolderSerializer
    filterset_class = OfficeHolderFilterSet

    def get_queryset(self):
        return OfficeHolder.objects.select_related("country")
