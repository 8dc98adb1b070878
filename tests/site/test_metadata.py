"""The head of each page: title, description, canonical address, Open Graph and X card tags."""

import html
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import TestCase
from PIL import Image

from events.models import MeetingPhoto
from organisation.models import PolicyPage, Relation
from tests.factories import make_meeting, make_organisation
from tests.files import image_file
from tests.site.pages import SitePagesTestCase


def head_meta(response):
    """The page head's meta properties and names, as {name: [content, ...]}."""
    found = {}
    for name, content in re.findall(
        r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', response.content.decode()
    ):
        found.setdefault(name, []).append(html.unescape(content))
    return found


class MetadataTests(SitePagesTestCase):
    def get(self, url):
        return self.client.get(url)

    def test_every_page_has_its_own_title_and_description(self):
        titles, descriptions = {}, {}
        for name, url in self.urls.items():
            response = self.get(url)
            titles[name] = re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)
            descriptions[name] = head_meta(response)["description"][0]
        with self.subTest("titles"):
            self.assertEqual(len(set(titles.values())), len(titles), titles)
        with self.subTest("descriptions"):
            pages = {name: text for name, text in descriptions.items() if name != "not found"}
            self.assertEqual(len(set(pages.values())), len(pages), pages)
            self.assertTrue(all(pages.values()))

    def test_canonical_url_is_the_page_in_its_language(self):
        response = self.get("/ru/relations/azerbaijan/")
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/ru/relations/azerbaijan/">'
        )
        self.assertEqual(head_meta(response)["og:url"], ["http://testserver/ru/relations/azerbaijan/"])

    def test_canonical_url_drops_what_is_not_a_filter(self):
        response = self.get("/en/meetings/?kind=summit&utm_source=newsletter")
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/en/meetings/?kind=summit">'
        )

    def test_open_graph_and_x_card_tags(self):
        meta = head_meta(self.get("/en/about/"))
        self.assertEqual(meta["og:type"], ["website"])
        self.assertEqual(
            meta["og:site_name"], ["Conference on Interaction and Confidence Building Measures in Asia"]
        )
        self.assertEqual(meta["og:title"], ["About the CICA"])
        self.assertEqual(meta["og:url"], ["http://testserver/en/about/"])
        self.assertEqual(meta["og:description"], meta["description"])
        self.assertEqual(meta["twitter:card"], ["summary_large_image"])
        self.assertEqual(meta["twitter:title"], ["About the CICA"])

    def test_default_share_image_with_its_size_and_alt_text(self):
        meta = head_meta(self.get("/en/about/"))
        self.assertEqual(meta["og:image"], ["http://testserver/static/img/share-en.png"])
        self.assertEqual((meta["og:image:width"], meta["og:image:height"]), (["1200"], ["630"]))
        self.assertEqual(
            meta["og:image:alt"],
            ["The name of the CICA: Conference on Interaction and Confidence Building Measures in Asia"],
        )
        self.assertEqual(meta["twitter:image"], meta["og:image"])
        self.assertEqual(meta["twitter:image:alt"], meta["og:image:alt"])

    def test_default_share_images_exist_at_their_stated_size(self):
        for code, _name in settings.LANGUAGES:
            with self.subTest(language=code), Image.open(finders.find(f"img/share-{code}.png")) as image:
                self.assertEqual((image.format, image.size), ("PNG", (1200, 630)))

    def test_share_image_follows_the_language(self):
        meta = head_meta(self.get("/az/about/"))
        self.assertEqual(meta["og:image"], ["http://testserver/static/img/share-az.png"])

    def test_og_locale_and_its_alternates_follow_the_language(self):
        expected = {"en": "en_GB", "ru": "ru_RU", "az": "az_AZ"}
        for code, locale in expected.items():
            with self.subTest(language=code):
                meta = head_meta(self.get(f"/{code}/about/"))
                self.assertEqual(meta["og:locale"], [locale])
                self.assertEqual(set(meta["og:locale:alternate"]), set(expected.values()) - {locale})

    def test_relations_and_policy_pages_are_articles_with_their_dates(self):
        # The seed's have no public date (tests/site/test_load_seed.py): these are written for the site.
        Relation.objects.update(dates_public=True, source_date=None)
        PolicyPage.objects.update(dates_public=True)
        for url in (self.urls["relations page"], self.urls["policy page"]):
            with self.subTest(url=url):
                meta = head_meta(self.get(url))
                self.assertEqual(meta["og:type"], ["article"])
                self.assertIn("article:published_time", meta)
                self.assertIn("article:modified_time", meta)

    def test_search_results_are_not_indexed(self):
        self.assertContains(self.get(self.urls["search"]), '<meta name="robots" content="noindex">')

    def test_head_advertises_the_feeds_in_the_pages_language(self):
        response = self.get("/ru/member-states/")
        self.assertContains(
            response, '<link rel="alternate" type="application/atom+xml" href="/ru/feeds/meetings/"'
        )
        self.assertContains(
            response, '<link rel="alternate" type="application/atom+xml" href="/ru/feeds/relations/"'
        )


class MeetingShareImageTests(TestCase):
    def test_a_meeting_with_a_photo_shares_the_photo(self):
        make_organisation()
        meeting = make_meeting()
        MeetingPhoto.objects.create(
            meeting=meeting, image=image_file("hall.png", size=(80, 60)), alt_text="Delegates in the hall"
        )
        meta = head_meta(self.client.get(meeting.get_absolute_url()))
        self.assertRegex(
            meta["og:image"][0], r"^http://testserver/media/meetings/photos/renditions/[0-9a-f]{32}-80w\.jpg$"
        )
        self.assertEqual((meta["og:image:width"], meta["og:image:height"]), (["80"], ["60"]))
        self.assertEqual(meta["og:image:alt"], ["Delegates in the hall"])
