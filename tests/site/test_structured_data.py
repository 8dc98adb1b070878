"""schema.org JSON-LD: the organisation, meetings as events, articles, web pages, breadcrumbs."""

import datetime
import json
import re

from django.utils.dateparse import parse_datetime

from organisation.models import PolicyPage, Relation
from tests.factories import days, make_meeting, today
from tests.site.pages import SitePagesTestCase


def structured_data(response):
    """Every JSON-LD element of the page, parsed."""
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(script) for script in scripts]


def of_type(response, schema_type):
    items = []
    for data in structured_data(response):
        items += data.get("@graph", [data])
    return [item for item in items if item.get("@type") == schema_type]


class StructuredDataTests(SitePagesTestCase):
    def test_home_and_about_describe_the_organisation(self):
        for url in ("/en/", "/en/about/"):
            with self.subTest(url=url):
                (organisation,) = of_type(self.client.get(url), "Organization")
                self.assertEqual(
                    organisation["name"], "Conference on Interaction and Confidence Building Measures in Asia"
                )
                self.assertEqual(organisation["alternateName"], "CICA")
                self.assertEqual(organisation["@id"], "http://testserver/#organisation")
                self.assertEqual(organisation["address"]["addressCountry"], "KZ")

    def test_organisation_is_in_the_pages_language(self):
        (organisation,) = of_type(self.client.get("/ru/about/"), "Organization")
        self.assertEqual(organisation["alternateName"], "СВМДА")

    def test_meeting_is_an_event_with_status_attendance_mode_and_times(self):
        (event,) = of_type(self.client.get(self.urls["meeting"]), "Event")
        self.assertEqual(event["eventStatus"], "https://schema.org/EventPostponed")
        self.assertEqual(event["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode")
        self.assertEqual(event["startDate"], f"{today() + days(40)}T10:00:00+04:00")
        self.assertEqual(event["endDate"], f"{today() + days(40)}T13:00:00+04:00")
        self.assertEqual(event["previousStartDate"], str(today() + days(20)))
        self.assertEqual(
            event["location"]["address"],
            {"@type": "PostalAddress", "addressLocality": "Baku", "addressCountry": "AZ"},
        )
        self.assertEqual(event["organizer"]["@id"], "http://testserver/#organisation")

    def test_event_without_a_time_has_dates(self):
        meeting = make_meeting(start_date=datetime.date(2011, 4, 20), end_date=datetime.date(2011, 4, 21))
        (event,) = of_type(self.client.get(meeting.get_absolute_url()), "Event")
        self.assertEqual((event["startDate"], event["endDate"]), ("2011-04-20", "2011-04-21"))
        self.assertEqual(event["eventStatus"], "https://schema.org/EventScheduled")

    def test_event_status_and_mode_of_cancelled_virtual_and_hybrid_meetings(self):
        cases = [
            ({"meeting_status": "cancelled"}, "EventCancelled", "OfflineEventAttendanceMode"),
            (
                {"meeting_status": "moved-online", "format": "virtual", "city": ""},
                "EventMovedOnline",
                "OnlineEventAttendanceMode",
            ),
            (
                {"meeting_status": "rescheduled", "format": "hybrid"},
                "EventRescheduled",
                "MixedEventAttendanceMode",
            ),
        ]
        for fields, status, mode in cases:
            with self.subTest(**fields):
                (event,) = of_type(self.client.get(make_meeting(**fields).get_absolute_url()), "Event")
                self.assertEqual(event["eventStatus"], f"https://schema.org/{status}")
                self.assertEqual(event["eventAttendanceMode"], f"https://schema.org/{mode}")

    def test_online_meeting_has_a_virtual_location(self):
        meeting = make_meeting(format="virtual", city="")
        (event,) = of_type(self.client.get(meeting.get_absolute_url()), "Event")
        self.assertEqual(
            event["location"],
            {"@type": "VirtualLocation", "url": f"http://testserver{meeting.get_absolute_url()}"},
        )

    def test_relations_page_is_an_article_with_its_dates(self):
        # The seed's has the year its text was written (tests/site/test_load_seed.py): this one is the site's.
        Relation.objects.update(dates_public=True, source_date=None)
        (article,) = of_type(self.client.get(self.urls["relations page"]), "Article")
        relation = Relation.objects.get(slug="azerbaijan")
        self.assertEqual(article["headline"], str(relation))
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(
            parse_datetime(article["datePublished"]),
            relation.publish_at.replace(microsecond=relation.publish_at.microsecond // 1000 * 1000),
        )
        self.assertIn("dateModified", article)

    def test_policy_page_is_a_web_page_with_its_dates(self):
        PolicyPage.objects.update(dates_public=True)
        (page,) = of_type(self.client.get(self.urls["policy page"]), "WebPage")
        self.assertEqual(page["name"], "Privacy policy")
        self.assertIn("datePublished", page)
        self.assertIn("dateModified", page)

    def test_pages_under_home_have_a_breadcrumb_list(self):
        (breadcrumbs,) = of_type(self.client.get(self.urls["relations page"]), "BreadcrumbList")
        self.assertEqual(
            [(item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]],
            [
                (1, "Home", "http://testserver/en/"),
                (2, "Member states", "http://testserver/en/member-states/"),
                (
                    3,
                    str(Relation.objects.get(slug="azerbaijan")),
                    "http://testserver/en/relations/azerbaijan/",
                ),
            ],
        )

    def test_text_cannot_close_the_json_ld_element(self):
        meeting = make_meeting("</script><script>alert(1)</script> & <!--")
        content = self.client.get(meeting.get_absolute_url()).content.decode()
        self.assertNotIn("</script><script>alert(1)", content)
        self.assertIn("\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)", content)
        (event,) = of_type(self.client.get(meeting.get_absolute_url()), "Event")
        self.assertEqual(event["name"], "</script><script>alert(1)</script> & <!--")
