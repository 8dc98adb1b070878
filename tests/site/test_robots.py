"""/robots.txt: where crawlers may go, and where the sitemap is."""

from django.test import TestCase


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
