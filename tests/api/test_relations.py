from unittest import mock

from organisation.models import Membership, Relation
from organisation.serializers import RelationSerializer
from tests.api.base import ApiTestCase
from tests.factories import (
    days,
    make_coordinator,
    make_country,
    make_measure,
    make_meeting,
    make_membership,
    make_organisation,
    make_relation,
    make_staff,
    make_token,
    today,
)

URL = "/api/v1/relations/"


class RelationTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan)
        cls.relation = make_relation(cls.azerbaijan)
        cls.role = make_coordinator(make_measure("Transportation corridors"), cls.azerbaijan)
        make_coordinator(make_measure(), cls.azerbaijan, until=today() - days(1))
        cls.hosted = make_meeting(host_country=cls.azerbaijan)
        cls.organised = make_meeting(organising_country=cls.azerbaijan)
        make_meeting(host_country=cls.azerbaijan, published=False)
        cls.draft = make_relation(make_country("Japan", "JP", slug="japan"), published=False)

    def get(self):
        return self.get_json(f"{URL}{self.relation.pk}/")

    def test_drafts_are_not_listed(self):
        self.assertEqual(self.ids(URL), [self.relation.pk])

    def test_title_defaults_as_on_the_page(self):
        self.assertEqual(self.get()["title"], "Relations between CICA and Azerbaijan")

    def test_membership_comes_from_the_registry(self):
        self.assertEqual(self.get()["membership"]["status"], Membership.Status.MEMBER)

    def test_roles_are_those_held_today(self):
        self.assertEqual([role["id"] for role in self.get()["coordinator_roles"]], [self.role.pk])

    def test_meetings_hosted_and_organised_are_public_ones_by_id_and_address(self):
        item = self.get()
        self.assertEqual(
            item["meetings_hosted"],
            [
                {
                    "id": self.hosted.pk,
                    "url": f"http://testserver/api/v1/meetings/{self.hosted.pk}/",
                    "web_url": "http://testserver" + self.hosted.get_absolute_url(),
                }
            ],
        )
        self.assertEqual([m["id"] for m in item["meetings_organised"]], [self.organised.pk])

    def test_country_filter(self):
        self.assertEqual(self.ids(URL + "?country=az"), [self.relation.pk])

    def test_unknown_country_is_refused(self):
        self.assertBadRequest(URL + "?country=XX", "country")

    def test_a_change_in_the_registry_changes_the_etag_though_the_page_was_not_edited(self):
        first = self.client.get(f"{URL}{self.relation.pk}/")
        Membership.objects.filter(country=self.azerbaijan).update(note="Founding member")
        response = self.client.get(f"{URL}{self.relation.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(response.status_code, 200)


class RelationWriteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.country = make_country("Mongolia", "MN", slug="mongolia")
        make_membership(cls.country)
        cls.hosted = make_meeting(host_country=cls.country)
        cls.token = make_token(make_staff("Publishers"))

    def post(self):
        return self.client.post(
            URL,
            {"country_id": self.country.pk, "slug": "mongolia", "lead": "Mongolia takes part."},
            content_type="application/json",
            **self.auth(self.token),
        )

    def test_a_new_page_is_answered_with_the_facts_a_get_shows(self):
        response = self.post()
        self.assertEqual(response.status_code, 201, response.content[:500])
        created = response.json()
        self.assertEqual(created["membership"]["status"], Membership.Status.MEMBER)
        self.assertEqual([m["id"] for m in created["meetings_hosted"]], [self.hosted.pk])
        self.assertEqual(created, self.get_json(f"{URL}{created['id']}/", **self.auth(self.token)))

    def test_a_write_whose_answer_fails_saves_nothing(self):
        self.client.raise_request_exception = False
        with mock.patch.object(RelationSerializer, "get_membership", side_effect=RuntimeError("broken")):
            response = self.post()
        self.assertEqual(response.status_code, 500)
        self.assertFalse(Relation.objects.filter(slug="mongolia").exists())
        # The client's retry is then the first save, not a "slug already exists".
        self.assertEqual(self.post().status_code, 201)
