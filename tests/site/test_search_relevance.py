"""Relevance of the site search: what a visitor types, in each language, finds the expected item
among the first three results. The same tests run on SQLite and on PostgreSQL (CI runs both)."""

import datetime

from django.test import TestCase

from events.models import Meeting
from tests.factories import (
    make_body,
    make_coordinator,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
)


class RelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        kazakhstan = make_country(
            "Kazakhstan", "KZ", slug="kazakhstan", name_ru="Казахстан", name_az="Qazaxıstan"
        )
        make_organisation(secretariat_country=kazakhstan)
        kuwait = make_country("Kuwait", "KW", slug="kuwait", name_ru="Кувейт", name_az="Küveyt")
        azerbaijan = make_country(
            "Azerbaijan", "AZ", slug="azerbaijan", name_ru="Азербайджан", name_az="Azərbaycan"
        )
        turkmenistan = make_country(
            "Turkmenistan", "TM", slug="turkmenistan", name_ru="Туркменистан", name_az="Türkmənistan"
        )
        for country in (kazakhstan, kuwait, azerbaijan):
            make_membership(country)
        make_membership(turkmenistan, status="observer-state")
        make_relation(kuwait, title="Relations with Kuwait", title_ru="Отношения с Кувейтом")
        make_relation(azerbaijan, title="Relations with Azerbaijan", lead="Azerbaijan chairs the CICA.")
        make_body(
            "Meeting of Heads of State and Government",
            short_name="Summit",
            name_ru="Совещание глав государств и правительств",
            short_name_ru="Саммит",
        )
        measure = make_measure(
            "Development of secure and effective systems of transportation corridors",
            name_ru="Развитие безопасных и эффективных систем транспортных коридоров",
            name_az="Təhlükəsiz və səmərəli nəqliyyat dəhlizləri sistemlərinin inkişafı",
        )
        make_coordinator(measure, azerbaijan)
        cls.summit = make_meeting(
            "Sixth CICA Summit",
            title_ru="Шестой саммит СВМДА",
            title_az="AQEM-in altıncı Zirvəsi",
            kind=Meeting.Kind.SUMMIT,
            start_date=datetime.date(2022, 10, 12),
            city="Astana",
            city_ru="Астана",
            host_country=kazakhstan,
            summary="Heads of State adopted the Astana Statement.",
            summary_ru="Главы государств приняли Астанинское заявление.",
        )
        make_meeting(
            "Fifth CICA Summit",
            title_ru="Пятый саммит СВМДА",
            kind=Meeting.Kind.SUMMIT,
            start_date=datetime.date(2019, 6, 15),
            city="Dushanbe",
        )
        make_meeting(
            "Meeting of experts on transportation corridors",
            title_ru="Совещание экспертов по транспортным коридорам",
            title_az="Nəqliyyat dəhlizləri üzrə ekspertlər görüşü",
            start_date=datetime.date(2011, 4, 20),
            city="Baku",
            city_ru="Баку",
            city_az="Bakı",
            host_country=azerbaijan,
            summary="Experts discussed the corridors of the region.",
        )
        make_meeting(
            "Ministerial meeting on energy security",
            start_date=datetime.date(2016, 4, 28),
            city="Kuwait City",
            host_country=kuwait,
            summary="Ministers met on energy and transport.",
        )
        make_meeting_document(
            cls.summit, "Astana Statement", title_ru="Астанинское заявление", symbol="CICA/SUM/6/1"
        )
        make_founding_document(
            "Almaty Act",
            title_ru="Алматинский акт",
            symbol="CICA/SUM/1/2002",
            summary="The charter of the organisation, adopted at the first summit.",
            adopted_on=datetime.date(2002, 6, 4),
        )
        make_policy_page("Privacy policy", body="<p>This site sets no cookies for visitors.</p>")
        make_meeting("Draft summit in Baku", published=False, kind=Meeting.Kind.SUMMIT)

    def top(self, query, language):
        response = self.client.get(f"/{language}/search/", {"q": query})
        self.assertEqual(response.status_code, 200, query)
        return [(hit.label, hit.title) for hit in response.context["results"].hits[:3]]

    def assertInTopThree(self, expected, query, language="en"):
        found = self.top(query, language)
        self.assertIn(expected, found, f"{query!r} in {language}: {found}")

    def test_azerbaijani_dotless_and_dotted_i(self):
        meeting = ("Görüş", "Nəqliyyat dəhlizləri üzrə ekspertlər görüşü")
        for query in ("BAKI", "baki", "Bakı", "BAKİ"):
            with self.subTest(query=query):
                self.assertInTopThree(meeting, query, "az")

    def test_a_city_in_each_language(self):
        self.assertInTopThree(("Meeting", "Meeting of experts on transportation corridors"), "Baku")
        self.assertInTopThree(("Совещание", "Совещание экспертов по транспортным коридорам"), "Баку", "ru")

    def test_a_country_by_any_of_its_names_in_any_language(self):
        names = {"en": "Kuwait", "ru": "Кувейт", "az": "Küveyt"}
        for language, name in names.items():
            for query in ("Kuwait", "Кувейт", "Küveyt", "kuveyt"):
                with self.subTest(language=language, query=query):
                    self.assertIn(name, [title for _label, title in self.top(query, language)])

    def test_a_country_finds_its_relations_page(self):
        self.assertInTopThree(("Страница об отношениях", "Отношения с Кувейтом"), "Кувейт", "ru")
        self.assertInTopThree(("Relations page", "Relations with Azerbaijan"), "Azərbaycan")

    def test_an_observer_state_by_name(self):
        self.assertInTopThree(("Country", "Turkmenistan"), "Turkmenistan")
        self.assertInTopThree(("Страна", "Туркменистан"), "туркменистан", "ru")

    def test_russian_word_forms(self):
        summit = ("Совещание", "Шестой саммит СВМДА")
        for query in ("саммит", "саммита", "САММИТЫ"):
            with self.subTest(query=query):
                self.assertInTopThree(summit, query, "ru")

    def test_english_stems(self):
        self.assertInTopThree(("Meeting", "Sixth CICA Summit"), "summits")
        self.assertInTopThree(("Meeting", "Meeting of experts on transportation corridors"), "corridor")

    def test_two_words(self):
        for expected in [
            (
                "Confidence-building measure",
                "Development of secure and effective systems of transportation corridors",
            ),
            ("Meeting", "Meeting of experts on transportation corridors"),
        ]:
            self.assertInTopThree(expected, "transport corridors")
        self.assertInTopThree(
            ("Мера доверия", "Развитие безопасных и эффективных систем транспортных коридоров"),
            "транспортные коридоры",
            "ru",
        )

    def test_the_start_of_a_word(self):
        self.assertInTopThree(
            (
                "Confidence-building measure",
                "Development of secure and effective systems of transportation corridors",
            ),
            "transp",
        )

    def test_an_outcome_document_by_its_title_and_symbol(self):
        document = ("Outcome document", "Astana Statement")
        for query in ("Astana Statement", "CICA/SUM/6/1", "cica sum 6 1"):
            with self.subTest(query=query):
                self.assertInTopThree(document, query)
        self.assertInTopThree(("Итоговый документ", "Астанинское заявление"), "астанинское заявление", "ru")

    def test_a_founding_document_by_its_title_and_summary(self):
        self.assertInTopThree(("Founding document", "Almaty Act"), "Almaty Act")
        self.assertInTopThree(("Founding document", "Almaty Act"), "charter")

    def test_a_body_by_its_short_name(self):
        self.assertInTopThree(
            ("Decision-making body", "Meeting of Heads of State and Government"), "Heads of State"
        )

    def test_azerbaijani_schwa_and_capital_dotted_i(self):
        self.assertInTopThree(("Görüş", "AQEM-in altıncı Zirvəsi"), "ZİRVƏ", "az")
        self.assertInTopThree(("Ölkə", "Qazaxıstan"), "QAZAXISTAN", "az")

    def test_a_policy_page_by_its_text(self):
        self.assertInTopThree(("Policy page", "Privacy policy"), "cookies")
