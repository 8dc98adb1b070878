"""The Content-Security-Policy in Chromium: no page, public or admin, has anything blocked."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from organisation.models import PolicyPage, Relation

pytestmark = pytest.mark.browser

# Records every violation the browser reports, before any script of the page runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def checked_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))

    def visit(url):
        console.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        blocked = [text for text in console if "Content Security Policy" in text]
        assert (violations, blocked) == ([], []), url

    page.visit = visit
    return page


def test_public_pages_run_under_the_policy(checked_page):
    for url in [
        "/en/",
        "/en/relations/azerbaijan/",  # With JSON-LD.
        "/en/meetings/",
        "/en/meetings/experts-connectivity-baku/",
        "/en/search/?q=Baku",
        "/api/v1/docs/",
    ]:
        checked_page.visit(url)


def test_the_admin_and_its_editor_run_under_the_policy(checked_page):
    User.objects.create_superuser("boss", "boss@example.org", "a-long-test-password")
    checked_page.goto(reverse("admin:login"))
    checked_page.get_by_label("Username").fill("boss")
    checked_page.get_by_label("Password").fill("a-long-test-password")
    checked_page.get_by_role("button", name="Log in").click()
    checked_page.wait_for_url("**" + reverse("admin:index"))
    relation = Relation.objects.get(slug="azerbaijan")
    for url in [
        reverse("admin:index"),
        reverse("admin:organisation_relation_changelist"),
        reverse("admin:organisation_relation_change", args=[relation.pk]),
        reverse("admin:organisation_policypage_change", args=[PolicyPage.objects.first().pk]),
        reverse("admin:events_meeting_add"),
    ]:
        checked_page.visit(url)
    # The rich text editor came up: its modules loaded through the import map with the nonce.
    assert checked_page.locator(".prose-editor").count() > 0
