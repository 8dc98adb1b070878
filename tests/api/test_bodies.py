from tests.api.base import ApiTestCase
from tests.factories import make_body

URL = "/api/v1/bodies/"


class BodyTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.summit = make_body("Meeting of Heads of State and Government", short_name="Summit", order=1)
        cls.ministerial = make_body(
            "Ministerial Council",
            short_name="Ministerial",
            order=2,
            meets_every_months=12,
            meets_at_least=True,
        )

    def test_bodies_in_their_order(self):
        self.assertEqual(self.ids(URL), [self.summit.pk, self.ministerial.pk])

    def test_a_body_has_its_frequency_in_words(self):
        item = self.get_json(f"{URL}{self.ministerial.pk}/")
        self.assertEqual(item["frequency"], "no less than once a year")

    def test_a_body_links_to_its_public_page(self):
        item = self.get_json(f"{URL}{self.summit.pk}/")
        self.assertEqual(item["web_url"], "http://testserver" + self.summit.get_absolute_url())

    def test_search(self):
        self.assertEqual(self.ids(URL + "?search=council"), [self.ministerial.pk])

    def test_ordering_by_name(self):
        self.assertEqual(self.ids(URL + "?ordering=-name"), [self.ministerial.pk, self.summit.pk])

    def test_unknown_ordering_is_refused(self):
        self.assertBadRequest(URL + "?ordering=role", "ordering")

    def test_an_unknown_id_is_a_json_404(self):
        response = self.client.get(f"{URL}999999/")
        self.assertEqual((response.status_code, response["Content-Type"]), (404, "application/json"))

    def test_an_id_that_is_not_a_number_is_a_404(self):
        self.assertEqual(self.client.get(f"{URL}summit/").status_code, 404)
