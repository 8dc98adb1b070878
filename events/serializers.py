"""API representation of meetings, with their documents, photos and announced changes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from timezone_field.rest_framework import TimeZoneSerializerField

from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto
from organisation.api_base import PUBLISHING_FIELDS, ModelCleanSerializer, WebUrlField, api_url, related_id
from organisation.models import FoundingDocument
from organisation.serializers import BodyRefSerializer, CountryRefSerializer, MeasureRefSerializer


class MeetingDocumentSerializer(serializers.ModelSerializer):
    web_url = WebUrlField()
    external_url = serializers.URLField(source="url", read_only=True)

    class Meta:
        model = MeetingDocument
        fields = [
            "id",
            "web_url",
            "title",
            "symbol",
            "kind",
            "date",
            "file",
            "file_size",
            "page_count",
            "external_url",
            "order",
        ]


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    webp = serializers.URLField(help_text="The rendition as WebP.")
    jpeg = serializers.URLField(help_text="The same as JPEG.")


class MeetingPhotoSerializer(serializers.ModelSerializer):
    web_url = WebUrlField()
    width = serializers.IntegerField(source="image_width", read_only=True, allow_null=True)
    height = serializers.IntegerField(source="image_height", read_only=True, allow_null=True)
    renditions = serializers.SerializerMethodField(
        help_text="The photo resized for the web, narrowest first: for a `srcset`."
    )

    class Meta:
        model = MeetingPhoto
        fields = [
            "id",
            "web_url",
            "image",
            "width",
            "height",
            "renditions",
            "alt_text",
            "decorative",
            "caption",
            "credit",
            "order",
        ]

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, photo):
        request = self.context.get("request")
        storage = photo.image.storage

        def url(name):
            return request.build_absolute_uri(storage.url(name)) if request else storage.url(name)

        return [
            {"width": r["width"], "height": r["height"], "webp": url(r["webp"]), "jpeg": url(r["jpeg"])}
            for r in photo.renditions
        ]


class MeetingChangeSerializer(serializers.ModelSerializer):
    previous_host_country = CountryRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = MeetingChange
        fields = [
            "id",
            "changed_at",
            "previous_status",
            "previous_start_date",
            "previous_end_date",
            "previous_start_time",
            "previous_end_time",
            "previous_format",
            "previous_city",
            "previous_host_country",
            "note",
        ]


class FoundingDocumentRefSerializer(serializers.ModelSerializer):
    url = api_url("founding-document")
    web_url = WebUrlField()

    class Meta:
        model = FoundingDocument
        fields = ["id", "slug", "title", "url", "web_url"]


class TimeZoneNameField(TimeZoneSerializerField):
    """A time zone by its name in the tz database ("Asia/Baku"), or "" for none, as it is stored."""

    def get_attribute(self, instance):
        return super().get_attribute(instance) or ""

    def to_representation(self, value):
        return str(value)


class MeetingSerializer(ModelCleanSerializer):
    url = api_url("meeting")
    web_url = WebUrlField()
    body = BodyRefSerializer(read_only=True, allow_null=True)
    body_id = related_id(Meeting.body)
    host_country = CountryRefSerializer(read_only=True, allow_null=True)
    host_country_id = related_id(Meeting.host_country)
    organising_country = CountryRefSerializer(read_only=True, allow_null=True)
    organising_country_id = related_id(Meeting.organising_country)
    measure = MeasureRefSerializer(read_only=True, allow_null=True)
    measure_id = related_id(Meeting.measure)
    starts_at = serializers.SerializerMethodField(
        help_text="The start as a date and time, when a time is set."
    )
    ends_at = serializers.SerializerMethodField(help_text="The end as a date and time, when a time is set.")
    time_zone = TimeZoneNameField(
        required=False,
        allow_blank=True,
        help_text="Where the times are local, by its name in the tz database (Asia/Baku). Left empty "
        "with a time, it is the host country's.",
    )
    documents = MeetingDocumentSerializer(many=True, read_only=True)
    photos = MeetingPhotoSerializer(many=True, read_only=True)
    changes = MeetingChangeSerializer(
        many=True,
        read_only=True,
        help_text="What was announced before each change of date, time, place, format or status.",
    )
    founding_documents = serializers.SerializerMethodField(help_text="Founding documents it adopted.")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "slug",
            "url",
            "web_url",
            "title",
            "kind",
            "body",
            "body_id",
            "ordinal",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "time_zone",
            "starts_at",
            "ends_at",
            "format",
            "meeting_status",
            "city",
            "host_country",
            "host_country_id",
            "organising_country",
            "organising_country_id",
            "measure",
            "measure_id",
            "theme",
            "summary",
            "description",
            "documents",
            "photos",
            "changes",
            "founding_documents",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_starts_at(self, meeting):
        starts_at = meeting.starts_at()
        return starts_at.isoformat() if starts_at else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_ends_at(self, meeting):
        ends_at = meeting.ends_at()
        return ends_at.isoformat() if ends_at else None

    @extend_schema_field(FoundingDocumentRefSerializer(many=True))
    def get_founding_documents(self, meeting):
        documents = getattr(meeting, "published_founding_documents", None)
        if documents is None:
            documents = meeting.founding_documents.published()
        return FoundingDocumentRefSerializer(documents, many=True, context=self.context).data
