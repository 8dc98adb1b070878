from tests.api.base import ApiTestCase
from tests.factories import make_policy_page

URL = "/api/v1/policy-pages/"


class PolicyPageTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.privacy = make_policy_page("Privacy", body="<p>We keep <strong>no</strong> cookies.</p>")
        cls.terms = make_policy_page("Terms of use")
        make_policy_page("Draft policy", published=False)

    def test_drafts_are_not_listed(self):
        self.assertCountEqual(self.ids(URL), [self.privacy.pk, self.terms.pk])

    def test_rich_text_is_the_stored_html(self):
        self.assertEqual(
            self.get_json(f"{URL}{self.privacy.pk}/")["body"], "<p>We keep <strong>no</strong> cookies.</p>"
        )

    def test_search(self):
        self.assertEqual(self.ids(URL + "?search=terms"), [self.terms.pk])

    def test_ordering(self):
        self.assertEqual(self.ids(URL + "?ordering=-title"), [self.terms.pk, self.privacy.pk])
