"""Every page runs in a small number of queries that does not grow with the content."""

import pytest
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    days,
    make_body,
    make_country,
    make_many_meetings,
    make_meeting,
    make_meeting_document,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    read_schedule,
    today,
)


@pytest.mark.usefixtures("content_types_cached")
@override_settings(FRAGMENT_CACHE_ENTRIES=0)  # Every query of every page, each time.
class QueryCountTests(TestCase):
    """Every page in the same number of queries with 51 and 341 meetings, and 5 and 50 member states.

    Both have more than a page of upcoming and of past meetings, and more meetings for the country
    than its relations page shows, so the pages count what they do not show in both."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.country = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.country)
        cls.body = make_body(slug="summit")
        for i in range(4):
            make_membership(make_country(f"Member J{i}", f"J{chr(65 + i)}"))
        cls.relation = make_relation(cls.country, slug="azerbaijan")
        cls.meeting = make_meeting(host_country=cls.country, body=cls.body)
        make_meeting_document(cls.meeting)
        make_policy_page(slug="privacy")
        make_many_meetings(25, host_country=cls.country, body=cls.body, start_date=today() + days(1))
        make_many_meetings(25, host_country=cls.country, body=cls.body, start_date=today() - days(60))

    urls = [
        "/en/",
        "/en/about/",
        "/en/member-states/",
        "/en/measures/",
        "/en/meetings/",
        "/en/meetings/?kind=experts&country=AZ&body=summit&year=2020&format=in-person",
        "/en/meetings/?page=2",
        "/en/relations/azerbaijan/",
        "/en/privacy/",
        "/en/search/?q=meeting",
        "/en/feeds/meetings/",
        "/en/feeds/relations/",
        "/en/meetings/calendar.ics",
        "/en/meetings/calendar/body/summit.ics",
        "/en/meetings/calendar/country/azerbaijan.ics",
        "/sitemap.xml",
    ]

    def count_queries(self):
        counts = {}
        for url in [*self.urls, self.meeting.get_absolute_url()]:
            with CaptureQueriesContext(connection) as queries:
                self.assertIn(self.client.get(url).status_code, (200, 404))
            counts[url] = len(queries)
        return counts

    def test_no_page_needs_more_queries_for_more_meetings_and_members(self):
        read_schedule()  # Once for every process after a change: not a page's own queries.
        few = self.count_queries()
        make_many_meetings(290, host_country=self.country, body=self.body, start_date=today() - days(400))
        for i in range(45):
            country = make_country(f"Member Y{i}", f"{'YZ'[i // 26]}{chr(65 + i % 26)}")
            make_membership(country)
            make_relation(country)
        many = self.count_queries()
        self.assertEqual(few, many)
        # A small budget for pages; the sitemap asks each of its sections once.
        pages = {url: count for url, count in many.items() if url != "/sitemap.xml"}
        self.assertLessEqual(max(pages.values()), 15, pages)
