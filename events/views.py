from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.generic import DetailView

from events.models import Meeting, MeetingChange
from organisation.models import FoundingDocument


def meeting_list(request):
    meetings = Meeting.objects.published().select_related("host_country")
    page = Paginator(meetings.past(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "events/meeting_list.html",
        {
            # The few upcoming meetings lead the first page; the archive is paginated below them.
            "upcoming_meetings": meetings.upcoming() if page.number == 1 else Meeting.objects.none(),
            "page_obj": page,
            "past_meetings": page.object_list,
        },
    )


class MeetingDetailView(DetailView):
    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("body", "host_country", "organising_country", "measure")
            .prefetch_related(
                Prefetch("changes", queryset=MeetingChange.objects.select_related("previous_host_country")),
                "documents",
                "photos",
                Prefetch(
                    "founding_documents",
                    queryset=FoundingDocument.objects.published(),
                    to_attr="published_founding_documents",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photos"] = [_with_dimensions(photo) for photo in self.object.photos.all()]
        return context


def _with_dimensions(photo):
    """The photo with its pixel size, or None when the file cannot be read, so a lost file costs an img
    without width and height rather than the whole page."""
    try:
        photo.width, photo.height = photo.image.width, photo.image.height
    except (OSError, ValueError):
        photo.width = photo.height = None
    return photo
