"""What base.html gives every page: its language, the skip link, the site's name, the navigation."""

import re
from unittest import mock

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisation.models import Organisation, PolicyPage, prepared
from tests.factories import days, make_organisation, make_policy_page


class BaseTemplateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def setUp(self):
        self.response = self.client.get("/en/member-states/")

    def test_declares_the_language_and_skip_link(self):
        self.assertContains(self.response, '<html lang="en">')
        self.assertContains(
            self.response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True
        )
        self.assertContains(self.response, '<main id="main"')

    def test_takes_the_site_name_from_the_organisation(self):
        organisation = Organisation.objects.get()
        organisation.acronym, organisation.name = "XYZ", "Example Organisation"
        organisation.save()
        response = self.client.get("/en/member-states/")
        self.assertContains(response, '<abbr title="Example Organisation">XYZ</abbr>', html=True)
        self.assertContains(response, "<title>Member states – XYZ</title>", html=True)

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)  # The profile read on each request.
    def test_reads_the_profile_without_the_secretariats_city_where_it_is_not_shown(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/measures/")
        self.assertContains(response, f'<abbr title="{Organisation.objects.get().name}">CICA</abbr>')
        (profile,) = [query["sql"] for query in queries if 'FROM "organisation_organisation"' in query["sql"]]
        self.assertNotIn("JOIN", profile)
        self.assertEqual([query for query in queries if "organisation_place" in query["sql"]], [])
        # The pages that show it read it with the profile, once.
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/")
        self.assertContains(response, "Nur-Sultan, Kazakhstan")
        (profile,) = [query["sql"] for query in queries if 'FROM "organisation_organisation"' in query["sql"]]
        self.assertIn("JOIN", profile)

    def test_marks_the_current_section_in_the_navigation(self):
        self.assertContains(
            self.response, '<a href="/en/member-states/" aria-current="page">Member states</a>', html=True
        )
        for label in ("Home", "About", "Meetings", "Measures"):
            self.assertContains(self.response, f">{label}</a>")

    def test_loads_nothing_from_another_origin(self):
        content = self.response.content.decode()
        hosts = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//([^/"]+)', content)
        self.assertEqual(set(hosts), {"testserver"})


@override_settings(FRAGMENT_CACHE_ENTRIES=0)  # The profile and the footer's pages read on each request.
class LayoutQueriesTests(TestCase):
    """The layout's two queries are built and compiled by the ORM once per process and language
    (organisation.models.prepared); each page runs them at its own time, in its own language."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_policy_page("Privacy notice", slug="privacy", in_footer=True, title_ru="Конфиденциальность")
        cls.later = timezone.now() + days(1)
        make_policy_page(
            "Accessibility statement", slug="accessibility", in_footer=True, publish_at=cls.later
        )

    def test_a_page_runs_the_layouts_queries_compiled_by_the_first(self):
        compiled = []
        compile_sql = SQLCompiler.as_sql

        def as_sql(compiler, *args, **kwargs):
            compiled.append(compiler.query.model)
            return compile_sql(compiler, *args, **kwargs)

        with mock.patch.dict(prepared._prepared, clear=True):
            for first in (True, False):
                compiled.clear()
                with mock.patch.object(SQLCompiler, "as_sql", as_sql):
                    response = self.client.get("/en/measures/")
                self.assertEqual((Organisation in compiled, PolicyPage in compiled), (first, first))
                self.assertContains(response, f'<abbr title="{Organisation.objects.get().name}">CICA</abbr>')
                self.assertContains(response, ">Privacy notice</a>")
                self.assertNotContains(response, "Accessibility statement")
            # At its time, the scheduled page is in the footer: the time is the request's.
            with mock.patch("django.utils.timezone.now", return_value=self.later + days(1)):
                response = self.client.get("/en/measures/")
            self.assertContains(response, ">Accessibility statement</a>")
            # Each language reads its own.
            self.assertContains(self.client.get("/ru/measures/"), ">Конфиденциальность</a>")
