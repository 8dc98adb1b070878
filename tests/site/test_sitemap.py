"""/sitemap.xml: the date each page last changed."""

import re

from django.test import TestCase
from django.utils import timezone

from events.models import Meeting
from organisation.models import Organisation, Relation
from tests.factories import days, make_country, make_meeting, make_organisation, make_relation, today


class SitemapLastmodTests(TestCase):
    """lastmod is the last change of what each page shows, and never a wrong date."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.country = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.relation = make_relation(cls.country, slug="azerbaijan")
        Relation.objects.filter(pk=cls.relation.pk).update(
            updated_at=timezone.now() - days(30), publish_at=timezone.now() - days(31)
        )
        Organisation.objects.update(
            updated_at=timezone.now() - days(40), publish_at=timezone.now() - days(41)
        )

    def lastmod(self, path):
        content = self.client.get("/sitemap.xml").content.decode()
        entry = re.search(rf"<url><loc>http://testserver{re.escape(path)}</loc>(.*?)</url>", content, re.S)
        found = re.search(r"<lastmod>(.*?)</lastmod>", entry.group(1))
        return found.group(1) if found else None

    def test_a_relations_page_changes_when_one_of_its_meetings_does(self):
        make_meeting(host_country=self.country)
        self.assertEqual(self.lastmod("/en/relations/azerbaijan/"), str(today()))

    def test_a_relations_page_is_dated_by_its_own_change_without_later_ones(self):
        self.assertEqual(self.lastmod("/en/relations/azerbaijan/"), str(today() - days(30)))

    def test_a_scheduled_item_counts_from_its_publication_time(self):
        meeting = make_meeting(slug="scheduled-then-public", publish_at=timezone.now() - days(1))
        Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now() - days(5))
        self.assertEqual(self.lastmod("/en/meetings/scheduled-then-public/"), str(today() - days(1)))

    def test_the_meetings_list_is_dated_by_its_latest_meeting(self):
        meeting = make_meeting()
        Meeting.objects.filter(pk=meeting.pk).update(
            updated_at=timezone.now() - days(3), publish_at=timezone.now() - days(4)
        )
        self.assertEqual(self.lastmod("/en/meetings/"), str(today() - days(3)))

    def test_pages_built_from_undated_records_have_no_lastmod(self):
        self.assertIsNone(self.lastmod("/en/member-states/"))
        self.assertIsNone(self.lastmod("/en/measures/"))
