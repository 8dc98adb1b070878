import datetime
from unittest import mock

from django.test import TestCase, override_settings
from django.utils import timezone

from organisation.models import ChairTerm
from organisation.search_text import Highlighter
from tests.factories import (
    days,
    make_country,
    make_founding_document,
    make_meeting,
    make_meeting_document,
    make_organisation,
    make_policy_page,
    make_relation,
    read_schedule,
)


def results(response):
    return [(hit.label, hit.title) for hit in response.context["results"].hits]


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

    def test_finds_the_chairmanship_by_the_countrys_names(self):
        ChairTerm.objects.create(country=self.azerbaijan, start=datetime.date(2024, 12, 17))
        expected = ("Chairmanship", "Azerbaijan: Chair of the CICA, since 17 December 2024")
        self.assertIn(expected, results(self.search("chair azerbaijan")))
        self.assertContains(self.search("chair azerbaijan"), 'href="/en/about/#chairmanship"')
        # By the country's name in another language too, on that language's page.
        self.assertContains(self.search("Азербайджан", language="ru"), 'href="/ru/about/#chairmanship"')

    def test_a_page_of_results_that_does_not_exist_is_not_found(self):
        for query in (
            "q=Baku&page=2",
            "q=Baku&page=x",
            "q=Baku&page=0",
            f"q=Baku&page={10**30}",
            "q=Baku&page=2.0",
        ):
            with self.subTest(query=query):
                self.assertEqual(self.client.get(f"/en/search/?{query}").status_code, 404)

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
        self.assertContains(self.search("corridors"), '<h2 id="results-heading">3 results</h2>', html=True)

    def test_shows_scheduled_content_once_its_time_has_come_without_a_save(self):
        later = timezone.now() + days(2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            titles = [title for _label, title in results(self.search("corridors"))]
        self.assertIn("Scheduled meeting on corridors", titles)
        self.assertNotIn("Draft meeting on corridors", titles)

    def test_every_word_must_appear(self):
        self.assertEqual(results(self.search("corridors cookies")), [])

    def test_quotation_marks_and_punctuation_separate_words(self):
        self.assertEqual(
            [title for _label, title in results(self.search('"experts discussed", (region)!'))],
            ["Meeting of experts on transportation corridors"],
        )

    def test_finds_whole_words_and_their_starts_never_letters_inside_words(self):
        self.assertIn(
            ("Meeting", "Meeting of experts on transportation corridors"), results(self.search("transp"))
        )
        self.assertEqual(results(self.search("ridors")), [])
        self.assertEqual(results(self.search("or")), [])  # Two letters: a whole word only.

    def test_finds_other_forms_of_a_word(self):
        self.assertIn(
            ("Meeting", "Meeting of experts on transportation corridors"), results(self.search("corridor"))
        )
        self.assertIn(
            ("Meeting", "Meeting of experts on transportation corridors"), results(self.search("expert"))
        )

    def test_ranks_title_matches_first(self):
        found = results(self.search("corridors"))
        self.assertEqual(
            set(found[:2]),
            {
                ("Meeting", "Meeting of experts on transportation corridors"),
                ("Outcome document", "Baku declaration on corridors"),
            },
        )
        self.assertEqual(found[2], ("Relations page", "Relations with Azerbaijan"))

    def test_ranks_recent_meetings_higher(self):
        old = make_meeting("Regional forum", start_date=datetime.date(2001, 5, 1))
        new = make_meeting("Regional forum", start_date=timezone.localdate() - days(30))
        found = self.search("regional forum").context["results"].hits
        self.assertEqual([hit.url for hit in found], [new.get_absolute_url(), old.get_absolute_url()])

    def test_highlights_whole_words(self):
        response = self.search("corridor transp")
        self.assertContains(
            response,
            f'<a href="/en/meetings/{self.meeting.slug}/">'
            "Meeting of experts on <mark>transportation</mark> <mark>corridors</mark></a>",
            html=True,
        )
        self.assertContains(response, "Experts discussed the <mark>corridors</mark> of the region.")

    def test_highlights_the_place_under_the_title(self):
        response = self.search("baku")
        self.assertContains(response, '<p class="muted">Expert meeting · <mark>Baku</mark></p>', html=True)

    def test_snippets_are_text_without_the_pages_markup(self):
        response = self.search("coordinates")
        self.assertContains(
            response, "Azerbaijan <mark>coordinates</mark> the transportation corridors measure."
        )
        self.assertNotContains(response, "<strong>transportation")

    def test_a_snippet_of_a_long_text_looks_at_its_words_once_each(self):
        # A PDF's text may hold 100,000 characters: the match deep in it, the words before it
        # looked at one by one only at the start (search_text.SCAN_WORDS).
        filler = " ".join(f"word{n % 500} text{n}" for n in range(3000))
        make_policy_page("Long terms", body=f"<p>{filler} the İSTANBUL conference closes it.</p>")
        with mock.patch.object(
            Highlighter, "matches", autospec=True, side_effect=Highlighter.matches
        ) as matches:
            response = self.search("istanbul")
        self.assertContains(response, "text2999 the <mark>İSTANBUL</mark> conference closes it.</p>")
        self.assertLess(matches.call_count, 1000)

    def test_escapes_what_it_shows(self):
        make_policy_page("Terms", body="<p>Use &lt;b&gt; tags <em>carefully</em> here.</p>")
        response = self.search("tags")
        self.assertContains(response, "Use &lt;b&gt; <mark>tags</mark> carefully here.")

    def test_shows_the_query_escaped(self):
        response = self.search("<corridors>")
        self.assertContains(response, 'value="&lt;corridors&gt;"')
        self.assertContains(response, "<title>Search results for “&lt;corridors&gt;” – CICA</title>")

    def test_filters_by_type_with_the_number_of_each(self):
        response = self.search("corridors")
        self.assertContains(response, '<span aria-current="page">All (3)</span>', html=True)
        self.assertContains(response, '<a href="?q=corridors&amp;type=meeting">Meetings (1)</a>', html=True)
        self.assertContains(response, '<a href="?q=corridors&amp;type=document">Documents (1)</a>', html=True)
        response = self.search("corridors", type="document")
        self.assertEqual(results(response), [("Outcome document", "Baku declaration on corridors")])
        self.assertContains(response, '<h2 id="results-heading">1 result</h2>', html=True)
        self.assertContains(response, '<a href="?q=corridors">All (3)</a>', html=True)
        self.assertContains(response, '<input type="hidden" name="type" value="document">', html=True)

    def test_an_unknown_type_shows_every_type(self):
        self.assertEqual(len(results(self.search("corridors", type="nonsense"))), 3)

    def test_says_when_nothing_matches_and_where_to_look(self):
        response = self.search("zeppelin")
        self.assertContains(response, '<h2 id="results-heading">0 results</h2>', html=True)
        self.assertContains(response, "Nothing matches all of these words.")
        self.assertContains(response, '<a href="/en/meetings/">browse the meetings</a>', html=True)
        self.assertNotContains(response, "Did you mean")

    def test_suggests_the_nearest_spelling_that_finds_something(self):
        response = self.search("coridors")
        self.assertContains(response, 'Did you mean: <a href="?q=corridors">corridors</a>?', html=True)
        response = self.search("transportation coridors", "en")
        self.assertContains(response, '<a href="?q=transportation+corridors">transportation corridors</a>')

    def test_never_suggests_a_word_only_drafts_have(self):
        make_meeting("Zeppelin meeting", published=False)
        self.assertNotContains(self.search("zeppelim"), "Did you mean")

    def test_a_query_without_a_word_to_look_for_is_refused_with_a_message(self):
        # NUL never reaches the search: any input holding it is a 400 (tests/site/test_security.py).
        for query in ("a", "!!", "\x07", "<>", "a b c"):
            with self.subTest(query=query):
                response = self.search(query)
                message = "Type at least 2 letters or digits to search."
                self.assertContains(
                    response,
                    f'<p id="search-error" class="form-error">{message}</p>',
                    status_code=400,
                    html=True,
                )
                self.assertContains(response, 'aria-invalid="true"', status_code=400)
                self.assertNotIn("results", response.context)

    def test_control_characters_and_markup_in_a_query_are_ignored(self):
        self.assertEqual(
            results(self.search("corri\x1fdors\x07 <script>cookies")),
            [],
        )
        self.assertEqual(
            [title for _label, title in results(self.search("\x07cookies\x1b"))],
            ["Privacy policy"],
        )

    def test_without_a_query_shows_the_form_only(self):
        response = self.client.get("/en/search/")
        self.assertContains(response, '<input type="search" id="search-q" name="q" value=""')
        self.assertNotContains(response, "results-heading")

    def test_finds_content_in_the_pages_language_whatever_the_case(self):
        for query in ("баку", "БАКУ", "коридорам", "коридор"):
            with self.subTest(query=query):
                found = results(self.search(query, "ru"))
                self.assertIn(("Совещание", "Совещание экспертов по транспортным коридорам"), found)

    def test_each_language_is_searched_in_its_own_text(self):
        meeting_ru = ("Совещание", "Совещание экспертов по транспортным коридорам")
        self.assertNotIn(meeting_ru, results(self.search("transportation", "ru")))
        self.assertEqual(results(self.search("коридорам", "en")), [])

    def test_finds_untranslated_content_by_its_english_text_and_marks_it_english(self):
        response = self.search("cookies", "ru")
        self.assertEqual(results(response), [("Страница правовой информации", "Privacy policy")])
        self.assertContains(response, '<a href="/ru/privacy/" lang="en">Privacy policy</a>', html=True)
        self.assertContains(response, '<p class="result-snippet" lang="en">')

    def test_links_results_in_the_pages_language(self):
        response = self.search("corridors", "az")
        self.assertContains(response, f'href="/az/meetings/{self.meeting.slug}/"')

    def test_is_paginated_and_keeps_the_query(self):
        for n in range(21):
            make_meeting(f"Regional forum {n}")
        first = self.search("forum")
        self.assertEqual(len(first.context["results"].hits), 20)
        self.assertContains(first, '<a href="?q=forum&amp;page=2" rel="next">More results</a>', html=True)
        second = self.search("forum", page="2")
        self.assertEqual(len(second.context["results"].hits), 1)
        self.assertContains(second, '<ol class="search-results" start="21">')
        first_titles = {hit.url for hit in first.context["results"].hits}
        self.assertNotIn(second.context["results"].hits[0].url, first_titles)

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_needs_the_same_queries_whatever_it_finds(self):
        read_schedule()
        # Every cache off: the layout's queries too (see tests/organisation/test_views.py): the
        # search's five (a meeting is scheduled: its document, then its entries), the profile (not
        # its city: the search page does not show it), the footer's pages.
        with self.assertNumQueries(7):
            self.search("corridors")
        for n in range(30):
            make_meeting(f"Corridors forum {n}", host_country=self.azerbaijan)
        with self.assertNumQueries(7):
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
