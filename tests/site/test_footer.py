"""The footer: the published policy pages that belong in it, and the copyright page's text."""

from django.test import TestCase
from django.utils import timezone

from tests.factories import days, make_organisation, make_policy_page


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
