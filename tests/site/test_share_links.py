"""The "Share this page" block: a plain link for each service, and buttons the script shows."""

from urllib.parse import quote

from django.conf import settings
from django.test import TestCase

from tests.factories import make_country, make_meeting, make_organisation, make_policy_page, make_relation


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
