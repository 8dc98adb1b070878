"""`manage.py generate_data`, which fills throwaway databases for `make bench`, `make growth` and
`.ci/load`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from events.models import Meeting
from organisation.models import Country, PolicyPage, Relation
from tests.factories import make_country, make_organisation


def generate(*args, **options):
    output = io.StringIO()
    call_command("generate_data", *args, stdout=output, **options)
    return output.getvalue()


class GenerateDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_country("Azerbaijan", "AZ")

    def test_adds_published_meetings_countries_relations_pages_and_policy_pages(self):
        output = generate(meetings=250, countries=3, pages=2)
        self.assertIn(
            "Added 250 meetings, 3 countries with their relations pages and 2 policy pages.", output
        )
        self.assertEqual(Meeting.objects.published().count(), 250)
        # One in a hundred is still to come, as on the real site.
        self.assertEqual(Meeting.objects.upcoming().count(), 2)
        generated = Country.objects.filter(slug__startswith="generated-country-")
        self.assertEqual(generated.count(), 3)
        self.assertEqual(Relation.objects.published().filter(country__in=generated).count(), 3)
        self.assertEqual(PolicyPage.objects.published().count(), 2)

    def test_the_site_search_finds_what_it_made(self):
        generate(meetings=30, countries=1, pages=1)
        response = self.client.get("/en/search/", {"q": "generated policy"})
        self.assertEqual([hit.title for hit in response.context["results"].hits], ["Generated policy 1"])
        response = self.client.get("/en/search/", {"q": "meeting", "type": "meeting"})
        self.assertEqual(response.context["results"].count, 30)

    def test_generated_policy_pages_stay_out_of_the_footer(self):
        generate(meetings=0, countries=0, pages=3)
        self.assertFalse(PolicyPage.objects.filter(in_footer=True).exists())

    def test_the_pages_show_what_it_made(self):
        generate(meetings=30, countries=1, pages=1)
        response = self.client.get("/en/meetings/")
        self.assertContains(response, "1 on ")
        relation = Relation.objects.get(country__slug__startswith="generated-country-")
        self.assertEqual(self.client.get(relation.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get("/en/generated-policy-1/").status_code, 200)

    def test_a_second_run_adds_more_with_new_addresses(self):
        generate(meetings=10, countries=1, pages=1)
        generate(meetings=10, countries=1, pages=1)
        self.assertEqual(Meeting.objects.count(), 20)
        self.assertTrue(Meeting.objects.filter(slug="generated-meeting-20").exists())
        self.assertTrue(PolicyPage.objects.filter(slug="generated-policy-2").exists())

    def test_refuses_a_negative_number(self):
        with self.assertRaisesMessage(CommandError, "'-5' is not a number of things: give 0 or more."):
            generate("--meetings=-5")
        self.assertFalse(Meeting.objects.exists())


class GenerateDataWithoutSeedTests(TestCase):
    def test_asks_for_the_seed_first(self):
        with self.assertRaisesMessage(CommandError, "Run `manage.py load_seed` first"):
            generate(meetings=1)


@pytest.mark.page_cache
class GenerateDataCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_cached_pages_show_the_new_content_at_once(self):
        self.assertNotContains(self.client.get("/en/meetings/"), "Meeting 1 on ")
        self.assertEqual(self.client.get("/en/meetings/")["X-Cache"], "hit")
        generate(meetings=5, countries=1, pages=0)
        response = self.client.get("/en/meetings/")
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Meeting 1 on ")
