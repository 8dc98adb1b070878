import xml.etree.ElementTree as ET

from django.test import TestCase
from django.utils import timezone

from events.models import Meeting
from tests.factories import days, make_country, make_meeting, make_organisation, today

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


class MeetingFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.older = make_meeting("Older meeting", publish_at=timezone.now() - days(10))
        Meeting.objects.filter(pk=cls.older.pk).update(updated_at=timezone.now() - days(10))
        cls.newer = make_meeting(
            "Newer meeting",
            host_country=make_country("Azerbaijan", "AZ"),
            start_date=today() + days(5),
            summary="Experts meet in Baku.",
            meeting_status=Meeting.MeetingStatus.POSTPONED,
        )
        make_meeting("Draft meeting", published=False)
        make_meeting("Scheduled meeting", publish_at=timezone.now() + days(1))

    def test_is_an_atom_feed_in_the_language_of_its_address(self):
        response = self.client.get("/ru/feeds/meetings/")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        feed, _entries = entries(response)
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "ru")
        self.assertEqual(
            feed.find(f"{ATOM}link[@rel='alternate']").get("href"), "http://testserver/ru/meetings/"
        )

    def test_names_the_organisation(self):
        feed, _entries = entries(self.client.get("/en/feeds/meetings/"))
        self.assertEqual(feed.find(f"{ATOM}title").text, "Meetings of the CICA")
        self.assertEqual(
            feed.find(f"{ATOM}author/{ATOM}name").text,
            "Conference on Interaction and Confidence Building Measures in Asia",
        )

    def test_lists_published_meetings_latest_change_first(self):
        _feed, items = entries(self.client.get("/en/feeds/meetings/"))
        self.assertEqual(
            [item.find(f"{ATOM}title").text for item in items], ["Newer meeting", "Older meeting"]
        )

    def test_an_entry_links_the_meeting_in_the_feeds_language(self):
        _feed, items = entries(self.client.get("/az/feeds/meetings/"))
        self.assertEqual(
            items[0].find(f"{ATOM}link").get("href"), f"http://testserver/az/meetings/{self.newer.slug}/"
        )

    def test_an_entry_says_when_where_and_what_became_of_the_meeting(self):
        _feed, items = entries(self.client.get("/en/feeds/meetings/"))
        summary = items[0].find(f"{ATOM}summary").text
        self.assertIn("Baku, Azerbaijan", summary)
        self.assertIn("<strong>Postponed</strong>", summary)
        self.assertIn("<p>Experts meet in Baku.</p>", summary)

    def test_an_entry_has_its_publication_and_last_change(self):
        _feed, items = entries(self.client.get("/en/feeds/meetings/"))
        self.assertEqual(items[1].find(f"{ATOM}published").text[:10], str(today() - days(10)))
        self.assertEqual(items[1].find(f"{ATOM}updated").text[:10], str(today() - days(10)))
