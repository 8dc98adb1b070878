"""What base.html gives every page: its language, the skip link, the site's name, the navigation."""

import re

from django.test import TestCase

from organisation.models import Organisation
from tests.factories import make_organisation


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
        organisation = Organisation.objects.get()
        organisation.acronym, organisation.name = "XYZ", "Example Organisation"
        organisation.save()
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
