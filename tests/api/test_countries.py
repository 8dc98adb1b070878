import csv
import datetime
import io

from organisation.models import Membership
from tests.api.base import ApiTestCase
from tests.factories import days, make_country, make_membership, make_relation, today

URL = "/api/v1/countries/"


class CountryTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan, joined_on=datetime.date(1999, 9, 14))
        cls.relation = make_relation(cls.azerbaijan)
        # An observer that became a member last year.
        cls.qatar = make_country("Qatar", "QA", slug="qatar")
        make_membership(
            cls.qatar,
            status=Membership.Status.OBSERVER_STATE,
            joined_on=datetime.date(2002, 6, 4),
            left_on=today() - days(365),
        )
        make_membership(cls.qatar, joined_on=today() - days(365))
        cls.ukraine = make_country("Ukraine", "UA", slug="ukraine")
        make_membership(
            cls.ukraine, status=Membership.Status.OBSERVER_STATE, joined_on=datetime.date(2002, 6, 4)
        )
        cls.japan = make_country("Japan", "JP", slug="japan")

    def test_every_country_is_listed_by_name(self):
        self.assertEqual(self.ids(URL), [self.azerbaijan.pk, self.japan.pk, self.qatar.pk, self.ukraine.pk])

    def test_a_country_carries_its_membership_today(self):
        item = self.get_json(f"{URL}{self.qatar.pk}/")
        self.assertEqual((item["membership"]["status"], item["membership"]["left_on"]), ("member", None))

    def test_a_country_outside_the_registry_has_no_membership(self):
        self.assertIsNone(self.get_json(f"{URL}{self.japan.pk}/")["membership"])

    def test_published_relations_page_is_linked(self):
        item = self.get_json(f"{URL}{self.azerbaijan.pk}/")
        self.assertEqual(item["relation"]["web_url"], "http://testserver" + self.relation.get_absolute_url())

    def test_a_draft_relations_page_is_not_linked(self):
        draft = make_relation(self.japan, published=False)
        self.assertIsNone(self.get_json(f"{URL}{draft.country.pk}/")["relation"])

    def test_status_member_today(self):
        self.assertEqual(self.ids(URL + "?status=member"), [self.azerbaijan.pk, self.qatar.pk])

    def test_status_observer_today(self):
        self.assertEqual(self.ids(URL + "?status=observer-state"), [self.ukraine.pk])

    def test_status_none(self):
        self.assertEqual(self.ids(URL + "?status=none"), [self.japan.pk])

    def test_as_of_a_past_day_gives_the_status_then(self):
        day = today() - days(400)
        self.assertEqual(
            self.ids(URL + f"?status=observer-state&as_of={day}"), [self.qatar.pk, self.ukraine.pk]
        )

    def test_as_of_shows_the_membership_as_it_stood(self):
        item = self.get_json(f"{URL}{self.qatar.pk}/?as_of=2010-01-01")
        self.assertEqual(item["membership"]["status"], "observer-state")

    def test_search_by_name_or_code(self):
        self.assertEqual(self.ids(URL + "?search=qat"), [self.qatar.pk])
        self.assertEqual(self.ids(URL + "?search=UA"), [self.ukraine.pk])

    def test_ordering_by_code(self):
        self.assertEqual(
            self.ids(URL + "?ordering=-code"),
            [self.ukraine.pk, self.qatar.pk, self.japan.pk, self.azerbaijan.pk],
        )

    def test_bad_values_are_refused(self):
        for parameter, value in [
            ("status", "observer-organisation"),
            ("as_of", "2024-13-01"),
            ("as_of", "01/02/2024"),
            ("ordering", "population"),
        ]:
            with self.subTest(parameter=parameter, value=value):
                self.assertBadRequest(f"{URL}?{parameter}={value}", parameter)


class MemberStatesCsvTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan, joined_on=datetime.date(1992, 3, 2))
        make_membership(make_country(), status=Membership.Status.OBSERVER_STATE)

    def test_member_states_as_csv(self):
        response = self.client.get("/api/v1/countries.csv?status=member")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual(
            [
                (row["code"], row["name"], row["membership.status"], row["membership.joined_on"])
                for row in rows
            ],
            [("AZ", "Azerbaijan", "member", "1992-03-02")],
        )

    def test_member_states_csv_as_of_a_day_before_they_joined(self):
        response = self.client.get("/api/v1/countries.csv?status=member&as_of=1990-01-01")
        self.assertEqual(response.content.decode().strip().splitlines()[1:], [])
