import re
from urllib.parse import quote

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import timezone

from organisation.models import Organisation
from tests.factories import (
    days,
    make_country,
    make_meeting,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
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
        self.url = quote("http://testserver/relations/relations-azerbaijan/", safe="")
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
        self.assertContains(self.response, 'target="_blank" rel="noopener noreferrer"', count=6)
        self.assertContains(
            self.response,
            f'<a href="https://www.facebook.com/sharer/sharer.php?u={self.url}" target="_blank" '
            'rel="noopener noreferrer">Facebook'
            '<span class="visually-hidden"> (opens in a new tab)</span></a>',
            html=True,
        )

    def test_copy_button_is_hidden_until_the_script_shows_it(self):
        self.assertContains(
            self.response,
            '<button type="button" class="share-copy" data-share-url="http://testserver/relations/'
            'relations-azerbaijan/" data-copied-message="Link copied." data-failed-message="The link could '
            'not be copied: copy it from the address bar." hidden>Copy link</button>',
            html=True,
        )
        self.assertContains(self.response, '<p class="share-status" aria-live="polite"></p>', html=True)
        self.assertContains(self.response, '<script src="/static/js/share.js" defer></script>', html=True)

    def test_every_content_page_has_the_share_block(self):
        pages = [
            "/",
            "/about/",
            "/member-states/",
            "/measures/",
            "/meetings/",
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
        self.response = self.client.get("/member-states/")

    def test_declares_the_language_and_skip_link(self):
        self.assertContains(self.response, '<html lang="en">')
        self.assertContains(
            self.response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True
        )
        self.assertContains(self.response, '<main id="main"')

    def test_takes_the_site_name_from_the_organisation(self):
        Organisation.objects.update(acronym="XYZ", name="Example Organisation")
        response = self.client.get("/member-states/")
        self.assertContains(response, '<abbr title="Example Organisation">XYZ</abbr>', html=True)
        self.assertContains(response, "<title>Member states – XYZ</title>", html=True)

    def test_marks_the_current_section_in_the_navigation(self):
        self.assertContains(
            self.response, '<a href="/member-states/" aria-current="page">Member states</a>', html=True
        )
        for label in ("Home", "About", "Meetings", "Measures"):
            self.assertContains(self.response, f">{label}</a>")

    def test_loads_nothing_from_another_origin(self):
        content = self.response.content.decode()
        self.assertEqual(re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', content), [])


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
        self.footer = self.client.get("/").content.decode().split('<footer class="site-footer">')[1]

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
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)
        self.assertContains(response, '<main id="main"', status_code=404)

    def test_500_page_renders_without_the_database_or_context(self):
        with self.assertNumQueries(0):
            content = render_to_string("500.html")
        self.assertIn("<h1>Server error</h1>", content)


class OneHeadingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        country = make_country()
        make_membership(country)
        cls.urls = [
            "/",
            "/about/",
            "/member-states/",
            "/measures/",
            "/meetings/",
            make_relation(country).get_absolute_url(),
            make_meeting().get_absolute_url(),
            make_policy_page().get_absolute_url(),
            "/no-such-page/",
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
        response = self.client.get("/")
        self.assertContains(response, '<div class="copyright"><p>All rights reserved.</p></div>', html=True)

    def test_footer_invents_no_copyright_line(self):
        response = self.client.get("/")
        self.assertNotContains(response, "All rights reserved")
