"""A property-based run over the whole OpenAPI schema: no 5xx, and every response as documented.

Loaded at module level with from_wsgi (schemathesis' from_fixture crashes on this pytest). The
requests carry a Publisher's token, so writes are exercised too, and the writes run again with an
Editor's, whose changes wait for review (202); the examples are few and derandomised so the run is
quick and repeatable.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

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
# Few and derandomised: quick and repeatable.
FEW_EXAMPLES = settings(
    max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@pytest.fixture
def publisher_token(db, settings, keep_test_connection):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
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
@FEW_EXAMPLES
def test_api_conforms_to_its_schema(case, publisher_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {publisher_token}"},
        # Every check but one: schema-valid input may still be refused with a documented 400 when
        # it names what does not exist (a filter's unknown id or slug) or clashes with stored data
        # (a slug already taken).
        excluded_checks=[positive_data_acceptance],
    )


@pytest.fixture
def editor_token(publisher_token):
    return make_token(make_staff("Editors")).key


@schema.include(method=["POST", "PUT", "PATCH", "DELETE"]).parametrize()
@FEW_EXAMPLES
def test_writes_as_an_editor_conform_to_the_schema(case, editor_token):
    # An Editor's writes wait for review or are refused: as documented, never a 5xx.
    case.call_and_validate(
        headers={"Authorization": f"Token {editor_token}"},
        excluded_checks=[positive_data_acceptance],
    )
