"""The meetings endpoint."""

from django.db.models import Prefetch

from events.filters import MeetingFilterSet
from events.models import Meeting, MeetingChange
from events.serializers import MeetingSerializer
from organisation.api_base import ContentViewSet, csv_list_schema
from organisation.models import FoundingDocument


@csv_list_schema(MeetingSerializer)
class MeetingViewSet(ContentViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    csv_filename = "meetings.csv"
    csv_columns = [
        "id",
        "slug",
        "title",
        "kind",
        "body.slug",
        "ordinal",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "time_zone",
        "format",
        "meeting_status",
        "city",
        "host_country.code",
        "organising_country.code",
        "measure.slug",
        "theme",
        "summary",
        "web_url",
    ]

    def get_queryset(self):
        return self.visible(
            Meeting.objects.select_related(
                "body", "host_country", "organising_country", "measure"
            ).prefetch_related(
                "documents",
                "photos",
                "change_notes",
                Prefetch("changes", queryset=MeetingChange.objects.select_related("previous_host_country")),
                Prefetch(
                    "founding_documents",
                    queryset=FoundingDocument.objects.published(),
                    to_attr="published_founding_documents",
                ),
            )
        )
