from django.urls import reverse

from organisation.models import Relation
from tests.api.base import ApiTestCase
from tests.factories import make_country, make_organisation, make_relation, make_staff, make_token


class ApiLanguageTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        azerbaijan.full_clean()  # Fills in the standard names in Russian and Azerbaijani.
        azerbaijan.save()
        cls.relation = make_relation(
            azerbaijan,
            slug="azerbaijan",
            title="Relations with Azerbaijan",
            title_ru="Отношения с Азербайджаном",
            lead="English lead.",
        )
        cls.url = reverse("api:relation-detail", args=[cls.relation.pk])

    def test_english_by_default(self):
        response = self.client.get(self.url)
        self.assertEqual(response.json()["title"], "Relations with Azerbaijan")
        self.assertEqual(response.headers["Content-Language"], "en")

    def test_accept_language_chooses_the_language(self):
        response = self.client.get(self.url, headers={"accept-language": "ru"})
        self.assertEqual(response.json()["title"], "Отношения с Азербайджаном")
        self.assertEqual(response.headers["Content-Language"], "ru")
        self.assertIn("Accept-Language", response.headers["Vary"])

    def test_lang_parameter_wins_over_accept_language(self):
        response = self.client.get(self.url, {"lang": "ru"}, headers={"accept-language": "az"})
        self.assertEqual(response.json()["title"], "Отношения с Азербайджаном")
        self.assertEqual(response.headers["Content-Language"], "ru")

    def test_missing_translation_falls_back_to_english(self):
        response = self.client.get(self.url, {"lang": "az"})
        self.assertEqual(response.json()["lead"], "English lead.")
        self.assertEqual(response.headers["Content-Language"], "az")

    def test_country_names_follow_the_language(self):
        response = self.client.get(reverse("api:country-list"), {"lang": "ru", "search": "AZ"})
        self.assertIn("Азербайджан", [country["name"] for country in response.json()["results"]])

    def test_all_languages_at_once(self):
        response = self.client.get(self.url, {"lang": "all"})
        body = response.json()
        self.assertEqual(body["title"], "Relations with Azerbaijan")
        self.assertEqual(body["translations"]["ru"]["title"], "Отношения с Азербайджаном")
        self.assertEqual(body["translations"]["en"]["lead"], "English lead.")
        self.assertIsNone(body["translations"]["az"]["lead"])
        self.assertEqual(response.headers["Content-Language"], "en, ru, az")

    def test_translations_only_when_asked_for(self):
        self.assertNotIn("translations", self.client.get(self.url).json())

    def test_list_with_all_languages(self):
        results = self.results(reverse("api:relation-list"), data={"lang": "all"})
        self.assertEqual(results[0]["translations"]["ru"]["title"], "Отношения с Азербайджаном")

    def test_unknown_language_is_a_400(self):
        self.assertBadRequest(self.url, "lang", data={"lang": "fr"})

    def test_public_page_link_is_in_the_language(self):
        response = self.client.get(self.url, {"lang": "ru"})
        self.assertEqual(response.json()["web_url"], "http://testserver/ru/relations/azerbaijan/")

    def test_schema_documents_the_language_parameter_and_header(self):
        schema = self.get_json(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
        operation = schema["paths"]["/api/v1/relations/{id}/"]["get"]
        lang = next(p for p in operation["parameters"] if p["name"] == "lang")
        self.assertEqual(sorted(lang["schema"]["enum"]), ["all", "az", "en", "ru"])
        self.assertIn("Content-Language", operation["responses"]["200"]["headers"])


class ApiTranslatedWriteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.token = make_token(make_staff("Publishers"))
        cls.relation = make_relation(title="Relations with Testland")
        cls.url = reverse("api:relation-detail", args=[cls.relation.pk])

    def test_a_write_in_a_language_changes_that_translation_only(self):
        response = self.client.patch(
            f"{self.url}?lang=ru",
            {"title": "Отношения с Тестландией", "version": self.relation.version},
            content_type="application/json",
            **self.auth(self.token),
        )
        self.assertEqual(response.status_code, 200, response.content)
        relation = Relation.objects.get(pk=self.relation.pk)
        self.assertEqual(
            (relation.title_en, relation.title_ru), ("Relations with Testland", "Отношения с Тестландией")
        )
