"""Every list runs in the same number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import MeetingChange
from tests.api.base import ApiTestCase
from tests.factories import (
    make_body,
    make_coordinator,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_meeting_photo,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    make_staff,
    make_token,
    read_schedule,
)

LISTS = [
    "/api/v1/bodies/",
    "/api/v1/founding-documents/",
    "/api/v1/countries/",
    "/api/v1/memberships/",
    "/api/v1/measures/",
    "/api/v1/relations/",
    "/api/v1/meetings/",
    "/api/v1/policy-pages/",
]


@pytest.mark.usefixtures("content_types_cached")
class ConstantQueryTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        for n in range(55):
            country = make_country(code="ABC"[n // 26] + chr(ord("A") + n % 26))
            make_membership(country)
            make_relation(country)
            measure = make_measure()
            make_coordinator(measure, country)
            meeting = make_meeting(
                body=make_body(), host_country=country, organising_country=country, measure=measure
            )
            make_meeting_document(meeting)
            make_meeting_photo(meeting)
            MeetingChange.objects.create(
                meeting=meeting,
                previous_status="planned",
                previous_start_date=meeting.start_date,
                previous_end_date=meeting.end_date,
                previous_format="in-person",
                previous_host_country=country,
            )
            make_founding_document(adopted_at=meeting)
            make_policy_page()
        cls.editor = make_token(make_staff("Editors"))

    def assertConstantQueries(self, url, **headers):
        read_schedule()  # Once for every process after a change, not the list's own.
        with CaptureQueriesContext(connection) as small_page:
            self.assertEqual(len(self.results(f"{url}?page_size=2", **headers)), 2)
        with self.assertNumQueries(len(small_page)):
            self.assertEqual(len(self.results(f"{url}?page_size=50", **headers)), 50)

    def test_lists_for_anonymous_clients(self):
        for url in LISTS:
            with self.subTest(url=url):
                self.assertConstantQueries(url)

    def test_lists_for_staff(self):
        for url in LISTS:
            with self.subTest(url=url):
                self.assertConstantQueries(url, **self.auth(self.editor))

    def test_the_organisation_profile_runs_few_queries(self):
        # The profile, its country and city with the city's names over time, bodies, founding
        # documents, the counts, and the change notes of the profile and of its founding documents.
        read_schedule()
        with self.assertNumQueries(9):
            self.get_json("/api/v1/organisation/")
