"""The 404 and 500 pages, in the site's design."""

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import translation

from tests.factories import make_organisation


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
