"""Every public page of the seed content is complete in Russian and Azerbaijani: no passage shown in
English for want of a translation, no interface string left in English."""

import re

from django.test import TestCase

from events.models import Meeting
from organisation.models import PolicyPage, Relation
from tests.factories import load_seed

# What marks English shown in place of a translation: the page's note, or a passage marked lang="en".
FALLBACK = re.compile(r'translation-notice|\slang="en"')


def seed_pages():
    """The address, without its language prefix, of every public page the seed makes."""
    pages = [
        "/",
        "/about/",
        "/member-states/",
        "/measures/",
        "/meetings/",
        "/meetings/?when=past",
        "/contact/",
    ]
    pages += ["/contact/sent/"]
    pages += [meeting.get_absolute_url()[3:] for meeting in Meeting.objects.published()]
    pages += [relation.get_absolute_url()[3:] for relation in Relation.objects.published()]
    pages += [page.get_absolute_url()[3:] for page in PolicyPage.objects.published()]
    return pages


class NoEnglishFallbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_every_seeded_page_in_russian_and_azerbaijani(self):
        pages = seed_pages()
        self.assertGreater(len(pages), 20)
        for language in ("ru", "az"):
            for page in pages:
                with self.subTest(language=language, page=page):
                    response = self.client.get(f"/{language}{page}")
                    self.assertEqual(response.status_code, 200)
                    html = response.content.decode()
                    # The language switcher names English in English, as it should.
                    html = re.sub(r'<nav class="language-switcher".*?</nav>', "", html, flags=re.S)
                    # Sources keep their titles in the language they were published in.
                    html = re.sub(r'<ul class="sources">.*?</ul>', "", html, flags=re.S)
                    found = FALLBACK.search(html)
                    self.assertIsNone(found, found and html[max(0, found.start() - 300) : found.end() + 100])
