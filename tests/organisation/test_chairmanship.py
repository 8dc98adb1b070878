"""The chairmanship: who chairs on a day, dates shown as precisely as they are known."""

import datetime

from django.test import TestCase
from django.utils import translation

from organisation.models import ChairTerm, DatePrecision
from tests.factories import load_seed, make_country

# A day inside each of the seed's terms, and its Chair.
DAYS_IN_EACH_TERM = [
    (datetime.date(2005, 3, 1), "KZ"),
    (datetime.date(2010, 5, 31), "KZ"),
    (datetime.date(2010, 6, 1), "TR"),
    (datetime.date(2012, 1, 1), "TR"),
    (datetime.date(2016, 7, 1), "CN"),
    (datetime.date(2019, 6, 15), "TJ"),
    (datetime.date(2022, 10, 13), "KZ"),
    (datetime.date(2024, 12, 16), "KZ"),
    (datetime.date(2024, 12, 17), "AZ"),
    (datetime.date(2026, 6, 1), "AZ"),
]


class SeedChairmanshipTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_the_chair_on_a_day_in_each_term(self):
        for day, code in DAYS_IN_EACH_TERM:
            with self.subTest(day=day):
                self.assertEqual(ChairTerm.objects.holder_on(day).country.code, code)

    def test_no_chair_after_the_planned_end(self):
        self.assertIsNone(ChairTerm.objects.holder_on(datetime.date(2027, 1, 1)))

    def test_terms_read_as_precisely_as_known(self):
        periods = [term.period_display() for term in ChairTerm.objects.all()]
        self.assertEqual(
            periods,
            [
                "until June 2010",
                "June 2010 – May 2014",
                "May 2014 – 2018",
                "2018 – 2020",
                "2020 – 17 December 2024",
                "17 December 2024 – 2026",
            ],
        )

    def test_russian_and_azerbaijani_dates(self):
        term = ChairTerm.objects.get(country__code="AZ")
        with translation.override("ru"):
            self.assertEqual(term.period_display(), "17 декабря 2024 г. – 2026")
        with translation.override("az"):
            self.assertEqual(term.period_display(), "17 dekabr 2024 – 2026")

    def test_home_page_shows_the_chair(self):
        response = self.client.get("/en/")
        self.assertContains(response, "<dt>Chair</dt>", html=True)
        self.assertContains(response, "Azerbaijan</a>, 17 December 2024 – 2026")

    def test_about_page_has_the_timeline(self):
        response = self.client.get("/en/about/")
        self.assertContains(response, 'id="chairmanship"')
        self.assertContains(response, "June 2010 – May 2014")
        self.assertContains(response, "Decided on 19 March 2024 by the Ministerial Council")

    def test_the_chairs_relations_page_says_so(self):
        response = self.client.get("/en/relations/azerbaijan/")
        self.assertContains(response, "<dd>Chair of the CICA, 17 December 2024 – 2026</dd>", html=True)
        self.assertContains(response, "Facts checked on 6 December 2026.")

    def test_api_lists_the_terms_with_their_precision(self):
        response = self.client.get("/api/v1/chair-terms/?current=true")
        [term] = response.json()["results"]
        self.assertEqual(term["country"]["code"], "AZ")
        self.assertEqual((term["end"], term["end_precision"]), ("2026-01-01", "year"))
        self.assertEqual(term["period"], "17 December 2024 – 2026")
        response = self.client.get("/api/v1/chair-terms/?as_of=2012-01-01")
        self.assertEqual([t["country"]["code"] for t in response.json()["results"]], ["TR"])


class TermRuleTests(TestCase):
    def test_a_date_known_to_the_month_is_kept_as_its_first_day(self):
        term = ChairTerm(
            country=make_country(),
            start=datetime.date(2010, 6, 7),
            start_precision=DatePrecision.MONTH,
            end=datetime.date(2014, 8, 30),
            end_precision=DatePrecision.YEAR,
        )
        term.full_clean()
        self.assertEqual((term.start, term.end), (datetime.date(2010, 6, 1), datetime.date(2014, 1, 1)))

    def test_a_term_cannot_end_before_it_starts(self):
        term = ChairTerm(
            country=make_country(), start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1)
        )
        with self.assertRaisesMessage(Exception, "The end cannot come before the start."):
            term.full_clean()

    def test_a_past_chairs_page_says_when(self):
        from tests.factories import make_organisation, make_relation

        make_organisation()
        country = make_country("Türkiye", "TR", slug="turkiye")
        ChairTerm.objects.create(
            country=country,
            start=datetime.date(2010, 6, 1),
            start_precision=DatePrecision.MONTH,
            end=datetime.date(2014, 5, 1),
            end_precision=DatePrecision.MONTH,
        )
        relation = make_relation(country)
        response = self.client.get(relation.get_absolute_url())
        self.assertContains(response, "<dd>Chair of the CICA, June 2010 – May 2014</dd>", html=True)
