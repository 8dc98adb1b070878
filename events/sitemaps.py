from django.urls import reverse

from events.models import Meeting
from organisation.sitemaps import MultilingualSitemap, last_change


class MeetingListSitemap(MultilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return ["events:meeting-list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return last_change(Meeting.objects.published())


class MeetingSitemap(MultilingualSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        # A scheduled meeting appears when its publication time comes, after its last save.
        return (
            Meeting.objects.published()
            .with_last_change()
            .order_by("pk")
            .only("slug", "updated_at", "publish_at")
        )

    def lastmod(self, meeting):
        return meeting.changed_at
