"""API representations of the organisation's content.

Every object carries its id, its API address (`url`) and its public page (`web_url`); related
objects are nested as short references on reading and written by id (`<name>_id`). Text fields
read model attributes, so they follow the current language once the content is translated.
"""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisation import permissions
from organisation.api_base import (
    PUBLISHING_FIELDS,
    ModelCleanSerializer,
    WebUrlField,
    api_url,
    related_id,
)
from organisation.meetings import published_meetings
from organisation.models import (
    Body,
    ChairTerm,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    OfficeHolder,
    Organisation,
    PolicyPage,
    Relation,
)

# --- Short references to related objects --------------------------------------------------------


class CountryRefSerializer(serializers.ModelSerializer):
    url = api_url("country")

    class Meta:
        model = Country
        fields = ["id", "code", "name", "slug", "url"]


class BodyRefSerializer(serializers.ModelSerializer):
    url = api_url("body")

    class Meta:
        model = Body
        fields = ["id", "slug", "name", "short_name", "url"]


class MeasureRefSerializer(serializers.ModelSerializer):
    url = api_url("measure")

    class Meta:
        model = Measure
        fields = ["id", "slug", "name", "url"]


class MeasureAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeasureArea
        fields = ["id", "slug", "name", "order"]


class MeetingRefSerializer(serializers.Serializer):
    """A meeting, by id and addresses (organisation does not import events)."""

    id = serializers.IntegerField(read_only=True)
    url = api_url("meeting")
    web_url = WebUrlField()


class RelationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = api_url("relation")
    web_url = WebUrlField()


class MembershipPeriodSerializer(serializers.ModelSerializer):
    url = api_url("membership")

    class Meta:
        model = Membership
        fields = ["id", "status", "joined_on", "left_on", "note", "url"]


# --- Resources ----------------------------------------------------------------------------------


class BodySerializer(ModelCleanSerializer):
    url = api_url("body")
    web_url = WebUrlField()
    frequency = serializers.CharField(
        read_only=True, help_text="How often it meets, in words: from the three fields before it."
    )

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "name",
            "short_name",
            "role",
            "meets_every_months",
            "meets_at_least",
            "frequency_note",
            "frequency",
            "description",
            "order",
        ]


class FoundingDocumentSerializer(ModelCleanSerializer):
    url = api_url("founding-document")
    web_url = WebUrlField()
    adopted_at = serializers.SerializerMethodField(help_text="The meeting that adopted it, or null.")
    adopted_at_id = related_id(FoundingDocument.adopted_at)
    external_url = serializers.URLField(
        source="url",
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Where the text is published.",
    )

    class Meta:
        model = FoundingDocument
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "title",
            "symbol",
            "adopted_on",
            "adopted_in",
            "adopted_at",
            "adopted_at_id",
            "summary",
            "file",
            "file_size",
            "page_count",
            "external_url",
            "order",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = ["file", "file_size", "page_count", "updated_at"]

    @extend_schema_field(MeetingRefSerializer(allow_null=True))
    def get_adopted_at(self, document):
        meeting = document.adopted_at
        if meeting is None:
            return None
        # A draft meeting stays out of sight, its slug included, of those who may not see drafts.
        request = self.context.get("request")
        if not meeting.is_published() and not (
            request and permissions.can_see_unpublished(request.user, type(meeting))
        ):
            return None
        return MeetingRefSerializer(meeting, context=self.context).data


class CountrySerializer(ModelCleanSerializer):
    url = api_url("country")
    web_url = WebUrlField()
    membership = serializers.SerializerMethodField(
        help_text="The registry entry in force on the `as_of` day (today by default), or null."
    )
    relation = serializers.SerializerMethodField(help_text="The country's published relations page, or null.")

    class Meta:
        model = Country
        fields = ["id", "code", "slug", "url", "web_url", "name", "flag", "membership", "relation"]
        read_only_fields = ["flag"]

    @extend_schema_field(MembershipPeriodSerializer(allow_null=True))
    def get_membership(self, country):
        if hasattr(country, "memberships_as_of"):
            memberships = country.memberships_as_of
        else:
            memberships = list(country.memberships.as_of())
        return MembershipPeriodSerializer(memberships[0], context=self.context).data if memberships else None

    @extend_schema_field(RelationRefSerializer(allow_null=True))
    def get_relation(self, country):
        relation = getattr(country, "published_relation", None)
        return RelationRefSerializer(relation, context=self.context).data if relation else None


class MembershipSerializer(ModelCleanSerializer):
    url = api_url("membership")
    web_url = WebUrlField()
    country = CountryRefSerializer(read_only=True, allow_null=True)
    country_id = related_id(Membership.country)
    participant_name = serializers.CharField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "url",
            "web_url",
            "status",
            "country",
            "country_id",
            "organisation_name",
            "participant_name",
            "joined_on",
            "left_on",
            "note",
        ]


class CoordinatorSerializer(serializers.ModelSerializer):
    country = CountryRefSerializer(read_only=True)
    is_current = serializers.SerializerMethodField(help_text="Whether the role lasts today.")

    class Meta:
        model = Coordinator
        fields = ["id", "country", "role", "since", "until", "is_current"]

    def get_is_current(self, coordinator) -> bool:
        today = timezone.localdate()
        return (coordinator.since is None or coordinator.since <= today) and (
            coordinator.until is None or coordinator.until > today
        )


class MeasureSerializer(ModelCleanSerializer):
    url = api_url("measure")
    web_url = WebUrlField()
    area = MeasureAreaSerializer(read_only=True, allow_null=True)
    area_id = related_id(Measure.area)
    coordinators = CoordinatorSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "name",
            "area",
            "area_id",
            "description",
            "order",
            "coordinators",
        ]


class RoleSerializer(serializers.ModelSerializer):
    measure = MeasureRefSerializer(read_only=True)

    class Meta:
        model = Coordinator
        fields = ["id", "measure", "role", "since", "until"]


class RelationSerializer(ModelCleanSerializer):
    """A relations page, with the facts the page derives from the registry and the meeting table."""

    url = api_url("relation")
    web_url = WebUrlField()
    country = CountryRefSerializer(read_only=True)
    country_id = related_id(Relation.country)
    membership = serializers.SerializerMethodField(help_text="The country's registry entry in force today.")
    coordinator_roles = serializers.SerializerMethodField(
        help_text="The country's roles in confidence-building measures today."
    )
    meetings_hosted = serializers.SerializerMethodField(help_text="Published meetings the country hosted.")
    meetings_organised = serializers.SerializerMethodField(
        help_text="Published meetings the country organised."
    )

    class Meta:
        model = Relation
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "country",
            "country_id",
            "title",
            "lead",
            "body",
            "membership",
            "coordinator_roles",
            "meetings_hosted",
            "meetings_organised",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"title": {"help_text": Relation._meta.get_field("title").help_text}}

    def to_representation(self, relation):
        data = super().to_representation(relation)
        data["title"] = str(relation.display_title(self.context.get("organisation")))
        return data

    # The endpoint prefetches these facts (RelationViewSet.get_queryset); an object from elsewhere
    # reads them here.

    @extend_schema_field(MembershipPeriodSerializer(allow_null=True))
    def get_membership(self, relation):
        country = relation.country
        memberships = getattr(country, "memberships_today", None)
        if memberships is None:
            memberships = list(country.memberships.as_of())
        return MembershipPeriodSerializer(memberships[0], context=self.context).data if memberships else None

    @extend_schema_field(RoleSerializer(many=True))
    def get_coordinator_roles(self, relation):
        country = relation.country
        roles = getattr(country, "roles_today", None)
        if roles is None:
            roles = country.coordinator_roles.as_of().select_related("measure")
        return RoleSerializer(roles, many=True, context=self.context).data

    @extend_schema_field(MeetingRefSerializer(many=True))
    def get_meetings_hosted(self, relation):
        meetings = getattr(relation.country, "published_hosted_meetings", None)
        if meetings is None:
            meetings = published_meetings().filter(host_country=relation.country).order_by("start_date", "pk")
        return MeetingRefSerializer(meetings, many=True, context=self.context).data

    @extend_schema_field(MeetingRefSerializer(many=True))
    def get_meetings_organised(self, relation):
        meetings = getattr(relation.country, "published_organised_meetings", None)
        if meetings is None:
            meetings = (
                published_meetings().filter(organising_country=relation.country).order_by("start_date", "pk")
            )
        return MeetingRefSerializer(meetings, many=True, context=self.context).data


class PolicyPageSerializer(ModelCleanSerializer):
    url = api_url("policy-page")
    web_url = WebUrlField()

    class Meta:
        model = PolicyPage
        fields = ["id", "slug", "url", "web_url", "title", "body", "in_footer", "order", *PUBLISHING_FIELDS]
        read_only_fields = ["updated_at"]


class OrganisationSerializer(ModelCleanSerializer):
    """The organisation profile, with its bodies, founding documents and how many take part."""

    url = serializers.SerializerMethodField()
    web_url = WebUrlField()
    secretariat_country = CountryRefSerializer(read_only=True)
    secretariat_country_id = related_id(Organisation.secretariat_country)
    bodies = serializers.SerializerMethodField(help_text="The decision-making bodies, in order.")
    founding_documents = serializers.SerializerMethodField(help_text="The founding documents, in order.")
    member_count = serializers.SerializerMethodField(help_text="Member states today, from the registry.")
    observer_state_count = serializers.SerializerMethodField(help_text="Observer states today.")
    observer_organisation_count = serializers.SerializerMethodField(help_text="Observer organisations today.")
    secretariat_city = serializers.CharField(
        read_only=True,
        help_text="The Secretariat's city as it is named today (its names over time are data).",
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "name",
            "acronym",
            "purpose",
            "history",
            "initiative_date",
            "initiative_by",
            "initiative_event",
            "secretariat_city",
            "secretariat_country",
            "secretariat_country_id",
            "contact_address",
            "contact_telephone",
            "contact_email",
            "contact_hours",
            "logo",
            "website",
            "bodies",
            "founding_documents",
            "member_count",
            "observer_state_count",
            "observer_organisation_count",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = ["logo", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, organisation):
        url = reverse("api:organisation-detail")
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(BodySerializer(many=True))
    def get_bodies(self, organisation):
        return BodySerializer(self.context["bodies"], many=True, context=self.context).data

    @extend_schema_field(FoundingDocumentSerializer(many=True))
    def get_founding_documents(self, organisation):
        return FoundingDocumentSerializer(
            self.context["founding_documents"], many=True, context=self.context
        ).data

    def _count(self, memberships):
        return memberships.as_of().count()

    def get_member_count(self, organisation) -> int:
        return self._count(Membership.objects.members())

    def get_observer_state_count(self, organisation) -> int:
        return self._count(Membership.objects.filter(status=Membership.Status.OBSERVER_STATE))

    def get_observer_organisation_count(self, organisation) -> int:
        return self._count(Membership.objects.filter(status=Membership.Status.OBSERVER_ORGANISATION))


TERM_FIELDS = [
    "start",
    "start_precision",
    "end",
    "end_precision",
    "end_is_planned",
    "period",
    "is_current",
    "note",
]


class TermSerializer(ModelCleanSerializer):
    """A term in office. `start` and `end` are the first day of what is known (`*_precision`: the
    day, the month or the year); `period` says it in words, as precisely as it is known."""

    period = serializers.CharField(source="period_display", read_only=True)
    is_current = serializers.SerializerMethodField(help_text="Whether the term runs today.")

    def get_is_current(self, term) -> bool:
        return term.is_current()


class ChairTermSerializer(TermSerializer):
    url = api_url("chair-term")
    web_url = WebUrlField()
    country = CountryRefSerializer(read_only=True)
    country_id = related_id(ChairTerm.country)
    start_meeting_id = related_id(ChairTerm.start_meeting)
    end_meeting_id = related_id(ChairTerm.end_meeting)

    class Meta:
        model = ChairTerm
        fields = [
            "id",
            "url",
            "web_url",
            "country",
            "country_id",
            *TERM_FIELDS,
            "decided_on",
            "decided_by",
            "start_meeting_id",
            "end_meeting_id",
            "version",
        ]


class OfficeHolderSerializer(TermSerializer):
    url = api_url("office-holder")
    web_url = WebUrlField()
    country = CountryRefSerializer(read_only=True, allow_null=True)
    country_id = related_id(OfficeHolder.country)

    class Meta:
        model = OfficeHolder
        fields = [
            "id",
            "url",
            "web_url",
            "office",
            "person",
            "country",
            "country_id",
            *TERM_FIELDS,
            "version",
        ]
