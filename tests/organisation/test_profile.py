"""The published profile (Organisation.objects.profile()): the one the public sees, never a draft."""

from django.test import TestCase

from organisation.models import Organisation
from tests.factories import make_organisation, make_relation, today


class PublishedProfileTests(TestCase):
    def test_the_published_profile(self):
        organisation = make_organisation()
        self.assertEqual(Organisation.objects.profile(), organisation)

    def test_none_while_the_profile_is_a_draft(self):
        make_organisation(status=Organisation.Status.DRAFT)
        self.assertIsNone(Organisation.objects.profile())

    def test_a_draft_profiles_acronym_is_not_shown_in_a_relations_page_title(self):
        make_organisation(acronym="SECRET", status=Organisation.Status.DRAFT)
        relation = make_relation(title="")
        for url in (relation.get_absolute_url(), f"/api/v1/relations/{relation.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "SECRET")

    def test_the_published_profiles_acronym_makes_the_default_title(self):
        make_organisation(acronym="CICA", initiative_date=today())
        relation = make_relation(title="")
        self.assertEqual(relation.display_title(), f"Relations between CICA and {relation.country.name}")
        self.assertContains(self.client.get(relation.get_absolute_url()), relation.display_title())
