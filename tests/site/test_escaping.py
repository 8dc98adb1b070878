"""Every text that leaves the site, in every format, comes out as the text that was typed: never as
markup, a property of its own or a spreadsheet formula.

Each of tests/payloads.py's PAYLOADS is typed into the fields that each format shows, and each format
is read back with a parser of its kind: HTML pages (html5lib, as a browser), Atom feeds (XML, then
the HTML of `type="html"` parts), iCalendar, JSON-LD in pages, CSV and the API's JSON.

To check a new format (e-mails, say): add a TestCase below that puts each payload where that format
takes its text, reads what the site sent (for mail, django.core.mail.outbox), and asserts with
assertText() for plain text and assertInertHtml() for HTML.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET

import html5lib
from django.test import TestCase

from tests.factories import make_country, make_meeting, make_organisation, make_relation
from tests.payloads import MULTILINE_PAYLOADS, PAYLOADS

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# What no payload may become: elements that run something, and attributes that do.
LIVE_ELEMENTS = {"script", "iframe", "svg", "x", "object", "embed"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_of(element):
    return "".join(element.itertext())


class EscapingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.meetings = [
            make_meeting(
                title=payload, slug=f"payload-{n}", summary=payload, theme=payload, city=payload[:100]
            )
            for n, payload in enumerate(PAYLOADS)
        ]
        cls.multiline_meetings = [
            make_meeting(title=f"Multiline {n}", slug=f"multiline-{n}", summary=payload)
            for n, payload in enumerate(MULTILINE_PAYLOADS)
        ]
        cls.relations = [
            make_relation(
                make_country(f"Payload country {n}"), slug=f"payload-{n}", title=payload, lead=payload
            )
            for n, payload in enumerate(PAYLOADS)
        ]

    def assertInertHtml(self, root, *, json_ld_allowed=True):
        """No element of the parsed HTML runs anything: no event handler attribute, no script but the
        site's own files and JSON-LD data, no frame, SVG or made-up element."""
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue  # Comments.
            tag = element.tag.removeprefix(XHTML)
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            self.assertEqual(handlers, [], f"<{tag}> has event handlers")
            if tag == "script":
                allowed = element.get("src") or (
                    json_ld_allowed and element.get("type") == "application/ld+json"
                )
                self.assertTrue(allowed, f"an inline script: {text_of(element)[:80]!r}")
            else:
                self.assertNotIn(tag, LIVE_ELEMENTS)
            self.assertNotEqual(element.get("src"), "x", f"<{tag} src=x> from a payload")

    def assertText(self, found, payload):
        """`found` is `payload` as typed (line breaks as LF: the site stores text that way)."""
        self.assertEqual(found.replace("\r\n", "\n"), payload.replace("\r\n", "\n"))

    def page(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return html5lib.parse(response.content, treebuilder="etree")


class HtmlPageTests(EscapingTestCase):
    def test_meeting_pages(self):
        for meeting in self.meetings:
            with self.subTest(payload=meeting.title):
                root = self.page(meeting.get_absolute_url())
                self.assertInertHtml(root)
                self.assertEqual(text_of(root.find(f".//{XHTML}h1")).strip(), meeting.title.strip())

    def test_relations_pages(self):
        for relation in self.relations:
            with self.subTest(payload=relation.title):
                root = self.page(relation.get_absolute_url())
                self.assertInertHtml(root)
                self.assertIn(relation.lead, text_of(root))

    def test_lists_and_search(self):
        for url in ("/en/", "/en/meetings/", "/en/member-states/", "/en/search/?q=alert"):
            with self.subTest(url=url):
                self.assertInertHtml(self.page(url))


class AtomFeedTests(EscapingTestCase):
    def entries(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return {
            entry.find(f"{ATOM}id").text: entry
            for entry in ET.fromstring(response.content).iter(f"{ATOM}entry")
        }

    def check(self, entry, title, summary):
        # Atom titles are text (no type attribute): shown as they are, markup included.
        self.assertIsNone(entry.find(f"{ATOM}title").get("type"))
        self.assertText(entry.find(f"{ATOM}title").text, title)
        # Summaries are HTML: the payload must be escaped in it, so that a reader shows it as text.
        element = entry.find(f"{ATOM}summary")
        self.assertEqual(element.get("type"), "html")
        fragment = html5lib.parseFragment(element.text, treebuilder="etree")
        self.assertInertHtml(fragment, json_ld_allowed=False)
        self.assertIn(summary, text_of(fragment))

    def test_relations_feed(self):
        entries = self.entries("/en/feeds/relations/")
        for relation in self.relations:
            with self.subTest(payload=relation.title):
                entry = entries["http://testserver" + relation.get_absolute_url()]
                self.check(entry, relation.title, relation.lead)

    def test_meetings_feed(self):
        entries = self.entries("/en/feeds/meetings/")
        for meeting in self.meetings:
            with self.subTest(payload=meeting.title):
                entry = entries["http://testserver" + meeting.get_absolute_url()]
                self.check(entry, meeting.title, meeting.summary)


class CalendarTests(EscapingTestCase):
    def test_each_text_is_one_value_of_its_own_event(self):
        import icalendar

        response = self.client.get("/en/meetings/calendar.ics")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = {str(event["url"]): event for event in calendar.walk("VEVENT")}
        self.assertEqual(len(events), len(self.meetings) + len(self.multiline_meetings))
        for meeting in self.meetings + self.multiline_meetings:
            with self.subTest(payload=meeting.summary):
                event = events["http://testserver" + meeting.get_absolute_url()]
                self.assertText(str(event["summary"]), meeting.title)
                self.assertText(str(event["description"]).split("\n\nhttp://")[0], meeting.summary)
                self.assertFalse({"ATTENDEE", "X-INJECTED"} & set(event))


class JsonLdTests(EscapingTestCase):
    def json_ld(self, url):
        scripts = [
            element
            for element in self.page(url).iter(f"{XHTML}script")
            if element.get("type") == "application/ld+json"
        ]
        return [json.loads(element.text) for element in scripts]

    def test_meeting_events(self):
        for meeting in self.meetings:
            with self.subTest(payload=meeting.title):
                (event,) = [
                    data for data in self.json_ld(meeting.get_absolute_url()) if data["@type"] == "Event"
                ]
                self.assertText(event["name"], meeting.title)
                self.assertText(event["description"], meeting.summary)

    def test_relations_articles(self):
        for relation in self.relations:
            with self.subTest(payload=relation.title):
                (article,) = [
                    data for data in self.json_ld(relation.get_absolute_url()) if data["@type"] == "Article"
                ]
                self.assertText(article["headline"], relation.title)
                self.assertText(article["description"], relation.lead)


class CsvTests(EscapingTestCase):
    def test_no_cell_is_a_formula(self):
        response = self.client.get("/api/v1/meetings.csv")
        rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
        for meeting in self.meetings:
            with self.subTest(payload=meeting.title):
                row = rows[meeting.slug]
                for column in ("title", "summary", "theme", "city"):
                    cell = row[column]
                    self.assertFalse(cell.startswith(FORMULA_STARTS), f"{column} is a formula: {cell!r}")
                    typed = getattr(meeting, column)
                    self.assertIn(cell, (typed, "'" + typed))


class ApiJsonTests(EscapingTestCase):
    def test_text_is_returned_as_typed(self):
        response = self.client.get("/api/v1/meetings/?page_size=100")
        self.assertEqual(response["Content-Type"], "application/json")
        found = {item["slug"]: item for item in response.json()["results"]}
        for meeting in self.meetings + self.multiline_meetings:
            with self.subTest(payload=meeting.summary):
                self.assertText(found[meeting.slug]["title"], meeting.title)
                self.assertText(found[meeting.slug]["summary"], meeting.summary)
