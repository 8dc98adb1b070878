"""Atom feed of the meetings, latest announced or changed first, in the language of its address."""

from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Meeting
from organisation.feeds import OrganisationFeed

FEED_LENGTH = 50


class MeetingFeed(OrganisationFeed):
    description_template = "events/feed_meeting_description.html"

    def title(self, organisation):
        if organisation:
            return _("Meetings of the %(acronym)s") % {"acronym": organisation.acronym}
        return _("Meetings")

    def subtitle(self, organisation):
        return _("Meetings as they are announced, and each change of date, place, format or status.")

    def link(self, organisation):
        return reverse("events:meeting-list")

    def items(self, organisation):
        # Latest change first, so that a postponement reaches subscribers; a scheduled meeting counts
        # from its publication time, which comes after its last save.
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .with_last_change()
            .order_by("-changed_at", "pk")[:FEED_LENGTH]
        )

    def item_pubdate(self, meeting):
        return meeting.publish_at

    def item_updateddate(self, meeting):
        return meeting.changed_at

    def item_categories(self, meeting):
        return [meeting.get_kind_display()]
