"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

One browser for the whole run; each test gets a fresh context (cookies, permissions) on the seed
content. Run only these with `pytest -m browser`, or leave them out with `-m "not browser"`.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest

from events.models import Meeting
from organisation.models import Country
from tests.factories import days, load_seed, make_meeting, make_meeting_document, today

# Playwright's sync API runs an event loop in this thread; the ORM calls the fixtures make are
# still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"The browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The seed content, plus an upcoming timed meeting in Baku with an outcome document."""
    settings.ALLOWED_HOSTS = ["*"]
    load_seed()
    meeting = make_meeting(
        "Meeting of experts on connectivity",
        slug="experts-connectivity-baku",
        start_date=today() + days(45),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="Asia/Baku",
        host_country=Country.objects.get(code="AZ"),
        summary="Experts on transport connectivity meet in Baku.",
        meeting_status=Meeting.MeetingStatus.CONFIRMED,
    )
    make_meeting_document(meeting, "Baku statement on connectivity")
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(
        base_url=site,
        permissions=["clipboard-read", "clipboard-write"],
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
