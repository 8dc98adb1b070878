"""A property-based run over the whole OpenAPI schema: no 5xx, and every response as documented.

Loaded at module level with from_wsgi (schemathesis' from_fixture crashes on this pytest). The
requests carry a Publisher's token, so writes are exercised too; the examples are few and
derandomised so the run is quick and repeatable.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from cica_site.wsgi import application
from tests.factories import (
    make_body,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    make_staff,
    make_token,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture
def keep_test_connection():
    """Requests through the real WSGI handler close the database connection when they finish, as in
    production; the test's transaction lives on that connection. Django's test client does the same
    as this: it disconnects close_old_connections while it runs."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def publisher_token(db, settings, keep_test_connection):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    cache.clear()
    make_organisation()
    country = make_country()
    make_membership(country)
    make_relation(country)
    meeting = make_meeting(body=make_body(), host_country=country, measure=make_measure())
    make_meeting(published=False)
    make_founding_document(adopted_at=meeting)
    make_policy_page()
    return make_token(make_staff("Publishers")).key


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, publisher_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {publisher_token}"},
        # Schema-valid input may still be refused with a documented 400 (a slug already taken, a
        # meeting ending before it starts), and some input outside the schema is accepted on purpose:
        # a blank filter (`?start=`, as an HTML form sends it) filters nothing, and text is trimmed
        # of surrounding whitespace before its length is checked.
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
