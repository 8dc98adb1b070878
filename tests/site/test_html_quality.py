"""Every page is valid HTML with one h1 and unique ids, and loads little, all from its own origin."""

import re
from collections import Counter
from pathlib import Path

import html5lib
from django.contrib.staticfiles import finders
from django.test import TestCase

from tests.factories import (
    days,
    make_country,
    make_many_meetings,
    make_meeting,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    today,
)
from tests.site.pages import SitePagesTestCase


class OneHeadingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        country = make_country()
        make_membership(country)
        cls.urls = [
            "/en/",
            "/en/about/",
            "/en/member-states/",
            "/en/measures/",
            "/en/meetings/",
            make_relation(country).get_absolute_url(),
            make_meeting().get_absolute_url(),
            make_policy_page().get_absolute_url(),
            "/en/search/?q=meeting",
            "/en/no-such-page/",
        ]

    def test_every_page_has_exactly_one_h1(self):
        for url in self.urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).content.decode().count("<h1"), 1)


def linked_assets(content):
    """The same-origin stylesheets and scripts a page loads, as static file paths."""
    return re.findall(r'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="/static/([^"]+)"', content)


class QualityTests(SitePagesTestCase):
    """Valid HTML, unique ids and a light page, on every page type."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_many_meetings(30, start_date=today() - days(400))  # A full first page of past meetings.

    def pages(self):
        for name, url in self.urls.items():
            for code in ("en", "ru"):
                yield name, url.replace("/en/", f"/{code}/", 1)

    def test_every_page_is_well_formed_html(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
                parser.parse(self.client.get(url).content)  # Raises on the first parse error.

    def test_no_page_repeats_an_id(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                document = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
                ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
                self.assertEqual([id for id, count in ids.items() if count > 1], [])

    def test_every_reference_to_an_id_points_to_one(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                document = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
                ids = {element.get("id") for element in document.iter() if element.get("id")}
                references = set()
                for element in document.iter():
                    for attribute in ("aria-labelledby", "aria-describedby", "for"):
                        references.update((element.get(attribute) or "").split())
                    if (element.get("href") or "").startswith("#") and element.get("href") != "#":
                        references.add(element.get("href")[1:])
                self.assertEqual(references - ids, set())

    def test_html_css_and_javascript_stay_under_50_kb(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                content = self.client.get(url).content
                assets = linked_assets(content.decode())
                total = len(content) + sum(Path(finders.find(path)).stat().st_size for path in assets)
                self.assertIn("css/site.css", assets)
                self.assertLess(total, 50 * 1024)

    def test_images_have_width_and_height(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                document = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
                for image in document.iter("img"):
                    self.assertTrue(image.get("width") and image.get("height"), image.get("src"))

    def test_nothing_is_loaded_from_another_origin(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                document = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
                loaded = [element.get("src") for element in document.iter() if element.get("src")]
                loaded += [
                    link.get("href") for link in document.iter("link") if link.get("rel") == "stylesheet"
                ]
                self.assertTrue(loaded)
                self.assertEqual([address for address in loaded if not address.startswith("/")], [])

    def test_pages_use_no_inline_script_or_style(self):
        for name, url in self.pages():
            with self.subTest(page=name, url=url):
                document = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
                for script in document.iter("script"):
                    self.assertTrue(script.get("src") or script.get("type") == "application/ld+json")
                self.assertEqual(list(document.iter("style")), [])
                self.assertEqual([e for e in document.iter() if e.get("style") is not None], [])
