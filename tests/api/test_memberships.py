import csv
import datetime
import io

from organisation.models import Membership
from tests.api.base import ApiTestCase
from tests.factories import make_country, make_membership, make_staff, make_token

URL = "/api/v1/memberships/"


class MembershipTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.qatar = make_country("Qatar", "QA", slug="qatar")
        cls.observer = make_membership(
            cls.qatar,
            status=Membership.Status.OBSERVER_STATE,
            joined_on=datetime.date(2002, 6, 4),
            left_on=datetime.date(2014, 5, 21),
        )
        cls.member = make_membership(cls.qatar, joined_on=datetime.date(2014, 5, 21))
        cls.un = Membership.objects.create(
            status=Membership.Status.OBSERVER_ORGANISATION,
            organisation_name="United Nations",
            joined_on=datetime.date(1999, 9, 14),
        )

    def test_every_period_is_listed(self):
        self.assertEqual(self.ids(URL), [self.un.pk, self.observer.pk, self.member.pk])

    def test_an_organisation_is_named_without_a_country(self):
        item = self.get_json(f"{URL}{self.un.pk}/")
        self.assertEqual((item["country"], item["participant_name"]), (None, "United Nations"))

    def test_status(self):
        self.assertEqual(self.ids(URL + "?status=observer-organisation"), [self.un.pk])

    def test_as_of_gives_the_registry_as_it_stood(self):
        self.assertEqual(self.ids(URL + "?as_of=2010-01-01&country=QA"), [self.observer.pk])

    def test_a_period_ends_the_day_the_next_begins(self):
        self.assertEqual(self.ids(URL + "?as_of=2014-05-21&country=qa"), [self.member.pk])

    def test_ordering_by_country(self):
        self.assertEqual(
            self.ids(URL + "?ordering=-joined_on"), [self.member.pk, self.observer.pk, self.un.pk]
        )

    def test_search_finds_states_by_their_countrys_names(self):
        self.qatar.name_ru = "Катар"
        self.qatar.save()
        self.assertCountEqual(self.ids(URL + "?search=катар&lang=ru"), [self.observer.pk, self.member.pk])

    def test_search(self):
        self.assertEqual(self.ids(URL + "?search=united"), [self.un.pk])

    def test_bad_values_are_refused(self):
        for parameter, value in [
            ("status", "friend"),
            ("as_of", "2024-02-30"),
            ("country", "QAT"),
            ("ordering", "note"),
        ]:
            with self.subTest(parameter=parameter, value=value):
                self.assertBadRequest(f"{URL}?{parameter}={value}", parameter)

    def test_csv_with_the_same_filters(self):
        response = self.client.get("/api/v1/memberships.csv?as_of=2010-01-01")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual(
            [(row["status"], row["country.code"], row["organisation_name"]) for row in rows],
            [("observer-organisation", "", "United Nations"), ("observer-state", "QA", "")],
        )


class MembershipWriteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.qatar = make_country("Qatar", "QA", slug="qatar")
        make_membership(cls.qatar, joined_on=datetime.date(2014, 5, 21))
        cls.editor = make_token(make_staff("Editors"))

    def test_an_overlapping_period_is_refused_as_in_the_admin(self):
        response = self.client.post(
            URL,
            {"status": "observer-state", "country_id": self.qatar.pk, "joined_on": "2010-01-01"},
            content_type="application/json",
            **self.auth(self.editor),
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("overlaps another entry for Qatar", response.json()["detail"])

    def test_a_country_with_registry_entries_cannot_be_deleted(self):
        token = make_token(make_staff("Publishers"))
        response = self.client.delete(f"/api/v1/countries/{self.qatar.pk}/", **self.auth(token))
        self.assertEqual(response.status_code, 409)
        self.assertIn("other records refer to it (membership registry)", response.json()["detail"])
