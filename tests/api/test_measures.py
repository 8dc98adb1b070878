from tests.api.base import ApiTestCase
from tests.factories import days, make_coordinator, make_country, make_measure, make_measure_area, today

URL = "/api/v1/measures/"


class MeasureTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.area = make_measure_area("Economic dimension")
        cls.transport = make_measure("Transportation corridors", area=cls.area)
        cls.energy = make_measure("Energy security")
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_coordinator(cls.transport, cls.azerbaijan, since=today() - days(100))
        make_coordinator(cls.transport, make_country(), role="co-coordinator", until=today() - days(10))

    def test_coordinators_with_their_dates(self):
        item = self.get_json(f"{URL}{self.transport.pk}/")
        self.assertCountEqual(
            [(c["role"], c["is_current"]) for c in item["coordinators"]],
            [("coordinator", True), ("co-coordinator", False)],
        )

    def test_area_is_included(self):
        self.assertEqual(self.get_json(f"{URL}{self.transport.pk}/")["area"]["name"], "Economic dimension")

    def test_area_filter(self):
        self.assertEqual(self.ids(URL + f"?area={self.area.slug}"), [self.transport.pk])

    def test_unknown_area_is_refused(self):
        self.assertBadRequest(URL + "?area=no-such-area", "area")

    def test_search(self):
        self.assertEqual(self.ids(URL + "?search=energy"), [self.energy.pk])
