import datetime
import html
import io
import json
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import html5lib
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from PIL import Image

from events.models import Meeting, MeetingChange, MeetingPhoto
from organisation.models import Country, Organisation, Relation
from tests.factories import (
    days,
    make_body,
    make_country,
    make_many_meetings,
    make_meeting,
    make_meeting_document,
    make_meeting_photo,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    today,
)


class ShareLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.relation = make_relation(
            make_country("Azerbaijan", "AZ", slug="azerbaijan"), title="CICA & Azerbaijan: relations"
        )

    def setUp(self):
        self.response = self.client.get(self.relation.get_absolute_url())
        self.url = quote("http://testserver/en/relations/relations-azerbaijan/", safe="")
        self.title = quote("CICA & Azerbaijan: relations", safe="")

    def test_facebook_link_carries_the_encoded_canonical_url(self):
        self.assertContains(self.response, f'href="https://www.facebook.com/sharer/sharer.php?u={self.url}"')

    def test_x_and_telegram_links_carry_url_and_encoded_title(self):
        self.assertContains(
            self.response, f'href="https://twitter.com/intent/tweet?url={self.url}&amp;text={self.title}"'
        )
        self.assertContains(
            self.response, f'href="https://t.me/share/url?url={self.url}&amp;text={self.title}"'
        )

    def test_linkedin_whatsapp_and_email_links(self):
        self.assertContains(
            self.response, f'href="https://www.linkedin.com/sharing/share-offsite/?url={self.url}"'
        )
        self.assertContains(self.response, f'href="https://wa.me/?text={self.title}%20{self.url}"')
        self.assertContains(self.response, f'href="mailto:?subject={self.title}&amp;body={self.url}"')

    def test_links_open_in_a_new_tab_and_say_so(self):
        self.assertContains(self.response, 'target="_blank" rel="noopener noreferrer"', count=5)
        self.assertContains(
            self.response,
            f'<a href="https://www.facebook.com/sharer/sharer.php?u={self.url}" target="_blank" '
            'rel="noopener noreferrer" aria-label="Share on Facebook (opens in a new tab)">Facebook</a>',
            html=True,
        )

    def test_email_link_opens_the_email_program_and_says_so(self):
        self.assertContains(
            self.response,
            f'<a href="mailto:?subject={self.title}&amp;body={self.url}">'
            'Email<span class="visually-hidden"> (opens your email program)</span></a>',
            html=True,
        )

    def test_copy_button_is_hidden_until_the_script_shows_it(self):
        self.assertContains(
            self.response,
            '<button type="button" class="share-copy" data-share-url="http://testserver/en/relations/'
            'relations-azerbaijan/" data-copied-message="Link copied." data-failed-message="The link could '
            'not be copied: copy it from the address bar." hidden>Copy link</button>',
            html=True,
        )
        self.assertContains(self.response, '<p class="share-status" aria-live="polite"></p>', html=True)
        self.assertContains(self.response, '<script src="/static/js/share.js" defer></script>', html=True)

    def test_device_share_button_is_hidden_until_the_script_shows_it(self):
        self.assertContains(
            self.response,
            '<button type="button" class="share-native" data-share-url="http://testserver/en/relations/'
            'relations-azerbaijan/" data-share-title="CICA &amp; Azerbaijan: relations" hidden>'
            "Share…</button>",
            html=True,
        )

    def test_script_uses_the_web_share_and_clipboard_apis_only_where_they_exist(self):
        script = (settings.BASE_DIR / "static" / "js" / "share.js").read_text()
        self.assertIn("if (native && navigator.share)", script)
        self.assertIn("if (copy && navigator.clipboard && window.isSecureContext)", script)

    def test_block_is_hidden_when_printing(self):
        stylesheet = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
        print_rules = stylesheet[stylesheet.index("@media print") :]
        self.assertRegex(print_rules, r"\.share,[^{]*\{\s*display: none !important;")

    def test_every_content_page_has_the_share_block(self):
        pages = [
            "/en/",
            "/en/about/",
            "/en/member-states/",
            "/en/measures/",
            "/en/meetings/",
            make_meeting().get_absolute_url(),
            make_policy_page().get_absolute_url(),
        ]
        for url in pages:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), '<h2 id="share-heading">Share this page</h2>')


class BaseTemplateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def setUp(self):
        self.response = self.client.get("/en/member-states/")

    def test_declares_the_language_and_skip_link(self):
        self.assertContains(self.response, '<html lang="en">')
        self.assertContains(
            self.response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True
        )
        self.assertContains(self.response, '<main id="main"')

    def test_takes_the_site_name_from_the_organisation(self):
        Organisation.objects.update(acronym="XYZ", name="Example Organisation")
        response = self.client.get("/en/member-states/")
        self.assertContains(response, '<abbr title="Example Organisation">XYZ</abbr>', html=True)
        self.assertContains(response, "<title>Member states – XYZ</title>", html=True)

    def test_marks_the_current_section_in_the_navigation(self):
        self.assertContains(
            self.response, '<a href="/en/member-states/" aria-current="page">Member states</a>', html=True
        )
        for label in ("Home", "About", "Meetings", "Measures"):
            self.assertContains(self.response, f">{label}</a>")

    def test_loads_nothing_from_another_origin(self):
        content = self.response.content.decode()
        hosts = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//([^/"]+)', content)
        self.assertEqual(set(hosts), {"testserver"})


class FooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_policy_page("Privacy Policy")
        make_policy_page("Copyright")
        make_policy_page("Draft policy", published=False)
        make_policy_page("Scheduled policy", publish_at=timezone.now() + days(1))
        make_policy_page("Not in footer", in_footer=False)

    def setUp(self):
        self.footer = self.client.get("/en/").content.decode().split('<footer class="site-footer">')[1]

    def test_lists_published_footer_pages(self):
        self.assertIn("Privacy Policy</a>", self.footer)
        self.assertIn("Copyright</a>", self.footer)

    def test_leaves_out_drafts_scheduled_and_non_footer_pages(self):
        self.assertNotIn("Draft policy", self.footer)
        self.assertNotIn("Scheduled policy", self.footer)
        self.assertNotIn("Not in footer", self.footer)


class ErrorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_404_page_uses_the_site_design(self):
        response = self.client.get("/en/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)
        self.assertContains(response, '<main id="main"', status_code=404)

    def test_500_page_renders_without_the_database_or_context(self):
        with self.assertNumQueries(0):
            content = render_to_string("500.html")
        self.assertIn("<h1>Server error</h1>", content)

    def test_500_page_declares_the_language_it_is_in(self):
        with translation.override("ru"):
            content = render_to_string("500.html")
        self.assertIn('<html lang="ru">', content)

    def test_404_page_is_not_indexed_and_offers_search(self):
        response = self.client.get("/en/no-such-page/")
        self.assertContains(response, '<meta name="robots" content="noindex">', status_code=404)
        self.assertContains(response, '<input type="search" id="not-found-q" name="q"', status_code=404)
        self.assertNotContains(response, 'rel="canonical"', status_code=404)


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


class CopyrightLineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_footer_shows_the_copyright_pages_text(self):
        make_policy_page("Copyright", slug="copyright", body="<p>All rights reserved.</p>")
        response = self.client.get("/en/")
        self.assertContains(response, '<div class="copyright"><p>All rights reserved.</p></div>', html=True)

    def test_footer_invents_no_copyright_line(self):
        response = self.client.get("/en/")
        self.assertNotContains(response, "All rights reserved")


def head_meta(response):
    """The page head's meta properties and names, as {name: [content, ...]}."""
    found = {}
    for name, content in re.findall(
        r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', response.content.decode()
    ):
        found.setdefault(name, []).append(html.unescape(content))
    return found


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


class SitePagesMixin:
    """One page of each type, with content as the seed has it plus a meeting with everything."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = tempfile.mkdtemp()
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        super().setUpClass()

    @classmethod
    def build_site(cls):
        call_command("load_seed", stdout=io.StringIO())
        azerbaijan = Country.objects.get(code="AZ")
        cls.meeting = make_meeting(
            "Expert meeting on connectivity",
            start_date=today() + days(40),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(13, 0),
            time_zone="Asia/Baku",
            host_country=azerbaijan,
            summary="Experts meet on transport connectivity.",
            theme="Connectivity",
            meeting_status=Meeting.MeetingStatus.POSTPONED,
        )
        MeetingChange.objects.create(
            meeting=cls.meeting,
            previous_status=Meeting.MeetingStatus.CONFIRMED,
            previous_start_date=today() + days(20),
            previous_end_date=today() + days(20),
            previous_format=Meeting.Format.IN_PERSON,
            previous_city="Baku",
            note="Postponed at the host's request.",
        )
        make_meeting_document(cls.meeting, "Connectivity statement")
        buffer = io.BytesIO()
        Image.new("RGB", (120, 80), "navy").save(buffer, "PNG")
        make_meeting_photo(
            cls.meeting,
            image=SimpleUploadedFile("table.png", buffer.getvalue(), content_type="image/png"),
            alt_text="Experts around a table",
        )
        cls.urls = {
            "home": "/en/",
            "about": "/en/about/",
            "member states": "/en/member-states/",
            "measures": "/en/measures/",
            "meetings": "/en/meetings/",
            "filtered meetings": "/en/meetings/?kind=summit&country=KZ",
            "meeting": cls.meeting.get_absolute_url(),
            "relations page": "/en/relations/azerbaijan/",
            "policy page": "/en/privacy/",
            "search": "/en/search/?q=baku",
            "not found": "/en/no-such-page/",
        }


class MetadataTests(SitePagesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_site()

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
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media_root = tempfile.mkdtemp()
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)

    def test_a_meeting_with_a_photo_shares_the_photo(self):
        make_organisation()
        buffer = io.BytesIO()
        Image.new("RGB", (80, 60), "navy").save(buffer, "PNG")
        meeting = make_meeting()
        MeetingPhoto.objects.create(
            meeting=meeting,
            image=SimpleUploadedFile("hall.png", buffer.getvalue(), content_type="image/png"),
            alt_text="Delegates in the hall",
        )
        meta = head_meta(self.client.get(meeting.get_absolute_url()))
        self.assertRegex(
            meta["og:image"][0], r"^http://testserver/media/meetings/photos/renditions/hall.*-80w\.jpg$"
        )
        self.assertEqual((meta["og:image:width"], meta["og:image:height"]), (["80"], ["60"]))
        self.assertEqual(meta["og:image:alt"], ["Delegates in the hall"])


class StructuredDataTests(SitePagesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_site()

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


class RobotsTxtTests(TestCase):
    def setUp(self):
        self.response = self.client.get("/robots.txt")

    def test_is_plain_text(self):
        self.assertEqual(self.response["Content-Type"], "text/plain; charset=utf-8")

    def test_points_to_the_sitemap(self):
        self.assertIn("Sitemap: http://testserver/sitemap.xml\n", self.response.content.decode())

    def test_keeps_crawlers_out_of_the_admin_and_search_results(self):
        content = self.response.content.decode()
        for path in ("/admin/", "/en/search/", "/ru/search/", "/az/search/"):
            self.assertIn(f"Disallow: {path}\n", content)


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


def linked_assets(content):
    """The same-origin stylesheets and scripts a page loads, as static file paths."""
    return re.findall(r'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="/static/([^"]+)"', content)


class QualityTests(SitePagesMixin, TestCase):
    """Valid HTML, unique ids and a light page, on every page type."""

    @classmethod
    def setUpTestData(cls):
        cls.build_site()
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

    def setUp(self):
        # Django keeps the content types it has read (the change notes need them) for the whole
        # process: read them all first, so the counts are the same whichever test ran before.
        ContentType.objects.get_for_models(*apps.get_models())

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
        self.assertLessEqual(max(pages.values()), 12, pages)
