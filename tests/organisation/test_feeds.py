import xml.etree.ElementTree as ET

from django.test import TestCase
from django.utils import timezone

from organisation.models import Relation
from tests.factories import days, make_country, make_organisation, make_relation

ATOM = "{http://www.w3.org/2005/Atom}"


class RelationFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.older = make_relation(make_country("Azerbaijan", "AZ"), slug="azerbaijan", title="Older page")
        Relation.objects.filter(pk=cls.older.pk).update(
            updated_at=timezone.now() - days(20), publish_at=timezone.now() - days(30)
        )
        cls.untitled = make_relation(make_country("India", "IN"), slug="india", lead="India's lead.")
        make_relation(title="Draft page", published=False)

    def get(self, url="/en/feeds/relations/"):
        feed = ET.fromstring(self.client.get(url).content)
        return feed, feed.findall(f"{ATOM}entry")

    def test_lists_published_pages_latest_change_first(self):
        _feed, items = self.get()
        self.assertEqual(
            [item.find(f"{ATOM}title").text for item in items],
            ["Relations between CICA and India", "Older page"],
        )

    def test_an_entry_has_the_lead_and_its_last_change(self):
        _feed, items = self.get()
        summary = items[0].find(f"{ATOM}summary")
        self.assertEqual(summary.get("type"), "html")
        self.assertEqual(summary.text, "<p>India&#x27;s lead.</p>")
        self.assertEqual(items[1].find(f"{ATOM}updated").text[:10], str((timezone.now() - days(20)).date()))

    def test_exists_in_each_language(self):
        feed, items = self.get("/az/feeds/relations/")
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "az")
        self.assertEqual(
            items[1].find(f"{ATOM}link").get("href"), "http://testserver/az/relations/azerbaijan/"
        )

    def test_control_characters_stored_before_text_was_cleaned_do_not_break_the_feed(self):
        # What QuerySet.update() or an old row may hold: XML cannot carry it.
        stored = Relation.objects.filter(pk=self.older.pk)
        stored.update(title_en="Older\u0001 page", lead_en="Lead\u000bmore")
        _feed, items = self.get()
        older = items[1]
        self.assertEqual(older.find(f"{ATOM}title").text, "Older page")
        self.assertEqual(older.find(f"{ATOM}summary").text, "<p>Lead\nmore</p>")
