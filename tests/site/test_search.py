import datetime

from django.test import TestCase, override_settings
from django.utils import timezone

from organisation.search import parse_query
from tests.factories import (
    days,
    make_country,
    make_founding_document,
    make_meeting,
    make_meeting_document,
    make_organisation,
    make_policy_page,
    make_relation,
)


def results(response):
    return [(result.label, result.title) for result in response.context["results"]]


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation(history="<p>The Secretariat moved to Astana in 2014.</p>")
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan", name_ru="Азербайджан")
        cls.meeting = make_meeting(
            "Meeting of experts on transportation corridors",
            title_ru="Совещание экспертов по транспортным коридорам",
            city="Baku",
            city_ru="Баку",
            start_date=datetime.date(2011, 4, 20),
            summary="Experts discussed the corridors of the region.",
        )
        make_meeting_document(cls.meeting, "Baku declaration on corridors")
        cls.relation = make_relation(
            cls.azerbaijan,
            slug="azerbaijan",
            title="Relations with Azerbaijan",
            lead="Azerbaijan supports the initiative.",
            body="<p>Azerbaijan coordinates the <strong>transportation corridors</strong> measure.</p>",
        )
        make_founding_document("Almaty Act", summary="The charter adopted at the first summit.")
        make_policy_page(
            "Privacy policy", slug="privacy", body="<p>This site sets no cookies for visitors.</p>"
        )
        make_meeting("Draft meeting on corridors", published=False)
        make_meeting("Scheduled meeting on corridors", publish_at=timezone.now() + days(1))

    def search(self, query, language="en", **params):
        return self.client.get(f"/{language}/search/", {"q": query, **params})

    def test_finds_meetings_relations_pages_and_outcome_documents(self):
        found = results(self.search("corridors"))
        self.assertIn(("Meeting", "Meeting of experts on transportation corridors"), found)
        self.assertIn(("Relations page", "Relations with Azerbaijan"), found)
        self.assertIn(("Outcome document", "Baku declaration on corridors"), found)

    def test_finds_the_profile(self):
        self.assertEqual(
            results(self.search("Secretariat Astana")),
            [("About", "Conference on Interaction and Confidence Building Measures in Asia")],
        )

    def test_finds_founding_documents(self):
        self.assertEqual(results(self.search("charter")), [("Founding document", "Almaty Act")])

    def test_finds_policy_pages_by_their_text(self):
        self.assertEqual(results(self.search("cookies")), [("Policy page", "Privacy policy")])

    def test_finds_a_relations_page_by_its_countrys_name(self):
        self.assertIn(("Relations page", "Relations with Azerbaijan"), results(self.search("azerbaijan")))

    def test_leaves_out_drafts_and_scheduled_content(self):
        titles = [title for _label, title in results(self.search("corridors"))]
        self.assertNotIn("Draft meeting on corridors", titles)
        self.assertNotIn("Scheduled meeting on corridors", titles)

    def test_every_word_must_appear(self):
        self.assertEqual(results(self.search("corridors cookies")), [])

    def test_a_quoted_phrase_is_one_word(self):
        self.assertEqual(parse_query('"transportation corridors" Baku'), ["transportation corridors", "Baku"])
        self.assertEqual(
            [title for _label, title in results(self.search('"experts discussed"'))],
            ["Meeting of experts on transportation corridors"],
        )

    def test_ranks_title_matches_first(self):
        found = results(self.search("corridors"))
        self.assertEqual(found[0], ("Meeting", "Meeting of experts on transportation corridors"))

    def test_highlights_the_matches(self):
        response = self.search("corridors")
        self.assertContains(
            response,
            f'<a href="/en/meetings/{self.meeting.slug}/">'
            "Meeting of experts on transportation <mark>corridors</mark></a>",
            html=True,
        )
        self.assertContains(response, "Experts discussed the <mark>corridors</mark> of the region.")

    def test_snippets_are_text_without_the_pages_markup(self):
        response = self.search("coordinates")
        self.assertContains(
            response, "Azerbaijan <mark>coordinates</mark> the transportation corridors measure."
        )
        self.assertNotContains(response, "<strong>transportation")

    def test_escapes_what_it_shows(self):
        make_policy_page("Terms", body="<p>Use &lt;b&gt; tags <em>carefully</em> here.</p>")
        response = self.search("tags")
        self.assertContains(response, "Use &lt;b&gt; <mark>tags</mark> carefully here.")

    def test_shows_the_number_of_results(self):
        self.assertContains(self.search("corridors"), '<h2 id="results-heading">3 results</h2>', html=True)

    def test_shows_the_query_escaped(self):
        response = self.search("<corridors>")
        self.assertContains(response, 'value="&lt;corridors&gt;"')
        self.assertContains(response, "<title>Search results for “&lt;corridors&gt;” – CICA</title>")

    def test_says_when_nothing_matches(self):
        response = self.search("zeppelin")
        self.assertContains(response, '<h2 id="results-heading">0 results</h2>', html=True)
        self.assertContains(response, "Nothing matches all of these words.")

    def test_without_a_query_shows_the_form_only(self):
        response = self.client.get("/en/search/")
        self.assertContains(response, '<input type="search" id="search-q" name="q" value=""')
        self.assertNotContains(response, "results-heading")

    def test_finds_content_in_the_pages_language_whatever_the_case(self):
        # SQLite compares only ASCII letters without regard to case: Cyrillic needs the help.
        for query in ("баку", "БАКУ", "коридорам"):
            with self.subTest(query=query):
                found = results(self.search(query, "ru"))
                self.assertIn(("Совещание", "Совещание экспертов по транспортным коридорам"), found)

    def test_finds_untranslated_content_by_its_english_text_and_marks_it_english(self):
        response = self.search("cookies", "ru")
        self.assertEqual(results(response), [("Страница правовой информации", "Privacy policy")])
        self.assertContains(response, 'lang="en"><mark>', count=0)
        self.assertContains(response, '<a href="/ru/privacy/" lang="en">Privacy policy</a>', html=True)

    def test_a_page_translated_is_found_by_its_english_text_too(self):
        found = results(self.search("transportation", "ru"))
        self.assertIn(("Совещание", "Совещание экспертов по транспортным коридорам"), found)

    def test_links_results_in_the_pages_language(self):
        response = self.search("corridors", "az")
        self.assertContains(response, f'href="/az/meetings/{self.meeting.slug}/"')

    def test_is_paginated_and_keeps_the_query(self):
        for n in range(21):
            make_meeting(f"Regional forum {n}")
        first = self.search("forum")
        self.assertEqual(len(first.context["results"]), 20)
        self.assertContains(first, '<a href="?q=forum&amp;page=2" rel="next">More results</a>', html=True)
        self.assertEqual(len(self.search("forum", page="2").context["results"]), 1)

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_needs_the_same_queries_whatever_it_finds(self):
        # Every cache off: the layout's queries too (see tests/organisation/test_views.py).
        with self.assertNumQueries(8):
            self.search("corridors")
        for n in range(30):
            make_meeting(f"Corridors forum {n}", host_country=self.azerbaijan)
        with self.assertNumQueries(8):
            self.search("corridors")

    def test_exists_in_every_language_and_the_switcher_keeps_the_query(self):
        for code in ("en", "ru", "az"):
            with self.subTest(language=code):
                response = self.search("Baku", code)
                self.assertContains(response, f'<html lang="{code}">')
                self.assertContains(response, 'href="http://testserver/az/search/?q=Baku"')

    def test_header_search_form_is_on_every_page(self):
        response = self.client.get("/en/meetings/")
        self.assertContains(
            response, '<form class="site-search" role="search" method="get" action="/en/search/">'
        )
        self.assertContains(
            response, '<label for="site-search-q" class="visually-hidden">Search the site</label>', html=True
        )
