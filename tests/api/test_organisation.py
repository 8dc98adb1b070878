import datetime

from organisation.models import Membership, Organisation
from tests.api.base import ApiTestCase
from tests.factories import (
    make_body,
    make_country,
    make_founding_document,
    make_membership,
    make_organisation,
    make_staff,
    make_token,
)

URL = "/api/v1/organisation/"


class OrganisationTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organisation = make_organisation()
        cls.summit = make_body("Meeting of Heads of State and Government", order=1)
        cls.charter = make_founding_document("Almaty Act")
        make_founding_document("Draft statute", published=False)
        for _ in range(3):
            make_membership()
        make_membership(make_country(), status=Membership.Status.OBSERVER_STATE)
        make_membership(left_on=datetime.date(2000, 1, 1))
        Membership.objects.create(status=Membership.Status.OBSERVER_ORGANISATION, organisation_name="UN")

    def test_profile_has_no_id_in_its_address(self):
        body = self.get_json(URL)
        self.assertEqual((body["id"], body["url"]), (self.organisation.pk, "http://testserver" + URL))

    def test_secretariat_country_is_a_reference(self):
        self.assertEqual(self.get_json(URL)["secretariat_country"]["code"], "KZ")

    def test_bodies_are_included(self):
        self.assertEqual([body["id"] for body in self.get_json(URL)["bodies"]], [self.summit.pk])

    def test_only_published_founding_documents_are_included(self):
        self.assertEqual([doc["id"] for doc in self.get_json(URL)["founding_documents"]], [self.charter.pk])

    def test_counts_come_from_the_registry_today(self):
        body = self.get_json(URL)
        self.assertEqual(
            (body["member_count"], body["observer_state_count"], body["observer_organisation_count"]),
            (3, 1, 1),
        )

    def test_a_draft_profile_is_not_found_for_anonymous_clients(self):
        self.organisation.status = "draft"
        self.organisation.save()
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "The organisation profile is not published yet."})

    def test_publisher_updates_the_profile(self):
        token = make_token(make_staff("Publishers"))
        response = self.client.patch(
            URL,
            {"initiative_event": "Astana", "version": Organisation.objects.get().version},
            content_type="application/json",
            **self.auth(token),
        )
        self.assertEqual(response.json()["initiative_event"], "Astana")

    def test_a_secretariat_country_other_than_its_citys_is_refused(self):
        token = make_token(make_staff("Publishers"))
        response = self.client.patch(
            URL,
            {
                "secretariat_country_id": make_country("Azerbaijan", "AZ").pk,
                "version": self.organisation.version,
            },
            content_type="application/json",
            **self.auth(token),
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json()["errors"],
            {
                "secretariat_country_id": [
                    "The Secretariat's city, Nur-Sultan, is in Kazakhstan: choose that country, or "
                    "another city."
                ]
            },
        )
        self.assertEqual(Organisation.objects.get().secretariat_country.code, "KZ")

    def test_the_profile_cannot_be_created_through_the_api(self):
        token = make_token(make_staff("Publishers"))
        self.assertEqual(
            self.client.post(URL, {}, content_type="application/json", **self.auth(token)).status_code, 405
        )
