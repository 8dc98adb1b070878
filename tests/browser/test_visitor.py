"""A visitor's path through the site in Chromium, with axe-core checking each page type."""

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

axe = Axe()


def assert_accessible(page):
    """No axe-core violation (WCAG 2.2 A and AA, and axe's best practices) on the page as shown."""
    violations = axe.run(page).response["violations"]
    report = [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in violations
    ]
    assert report == [], f"{page.url}:\n" + "\n".join(report)


def test_home_to_a_meeting_of_azerbaijan_and_into_the_calendar(page):
    page.goto("/en/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Member states").click()
    expect(page).to_have_url(re.compile(r"/en/member-states/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Azerbaijan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/relations/azerbaijan/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Azerbaijan")
    assert_accessible(page)

    page.get_by_role("link", name="Meeting of experts on connectivity").click()
    expect(page).to_have_url(re.compile(r"/en/meetings/experts-connectivity-baku/$"))
    expect(page.locator(".facts")).to_contain_text("10:00–13:00 (Asia/Baku)")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename == "experts-connectivity-baku.ics"
    calendar = open(download.path(), encoding="utf-8").read()  # noqa: SIM115
    assert "SUMMARY:Meeting of experts on connectivity" in calendar
    assert "DTSTART;TZID=Asia/Baku:" in calendar
    assert "BEGIN:VTIMEZONE" in calendar


def test_filter_the_meetings_list(page):
    page.goto("/en/meetings/")
    assert_accessible(page)
    page.get_by_label("Kind").select_option("summit")
    page.get_by_label("Country").select_option("KZ")
    page.get_by_role("button", name="Show meetings").click()
    # The empty fields are dropped: the address is short, and it is the one to share.
    expect(page).to_have_url(re.compile(r"/en/meetings/\?kind=summit&country=KZ$"))
    expect(page.get_by_label("Kind")).to_have_value("summit")
    titles = page.locator(".meeting-title").all_inner_texts()
    assert titles and all("Summit" in title for title in titles)
    assert "Sixth CICA Summit" in titles
    assert "Fourth CICA Summit" not in titles  # Held in China.
    assert_accessible(page)


def test_search_from_the_header(page):
    page.goto("/en/about/")
    assert_accessible(page)
    page.get_by_role("search").get_by_role("searchbox").fill("Baku")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Baku$"))
    expect(page.locator(".search-results mark").first).to_have_text("Baku")
    expect(page.get_by_role("link", name="Meeting of experts on connectivity")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Types of results").get_by_role(
        "link", name=re.compile("^Meetings")
    ).click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Baku&type=meeting$"))
    assert_accessible(page)


def test_search_without_results_and_with_a_word_too_short(page):
    page.goto("/az/search/?q=BAKİ")
    expect(page.locator(".search-results")).to_contain_text("Bakı")
    page.goto("/en/search/?q=corridros")
    expect(page.get_by_role("link", name="corridors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Words to look for").fill("a")
    page.get_by_label("Words to look for").press("Enter")
    expect(page.locator("#search-error")).to_have_text("Type at least 2 letters or digits to search.")
    assert_accessible(page)


def test_share_links_carry_the_page_and_copy_link_copies_it(page):
    page.goto("/en/relations/azerbaijan/")
    url = page.url
    share = page.get_by_role("region", name="Share this page")
    links = share.get_by_role("link")
    expect(links).to_have_count(6)
    for link in links.all():
        assert quote(url, safe="") in link.get_attribute("href"), link.get_attribute("href")
    expect(share.get_by_role("link", name="Share on Facebook (opens in a new tab)")).to_have_attribute(
        "target", "_blank"
    )
    share.get_by_role("button", name="Copy link").click()
    expect(share.locator(".share-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == url


def test_other_page_types_and_languages(page):
    for path in ("/en/measures/", "/en/privacy/", "/ru/meetings/", "/az/relations/azerbaijan/"):
        page.goto(path)
        assert_accessible(page)
    response = page.goto("/en/no-such-page/")
    assert response.status == 404
    assert_accessible(page)


def test_server_error_page(page, site):
    html = render_to_string("500.html")
    page.route(
        "**/server-error-preview",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    page.goto("/server-error-preview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Server error")
    assert_accessible(page)


def test_language_switcher_leads_to_the_same_page(page):
    page.goto("/en/meetings/experts-connectivity-baku/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/meetings/experts-connectivity-baku/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_pages_fit_a_320_pixel_screen(browser, site):
    context = browser.new_context(base_url=site, viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in (
        "/en/",
        "/en/meetings/",
        "/en/relations/azerbaijan/",
        "/en/meetings/experts-connectivity-baku/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def test_everything_works_without_javascript(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/relations/azerbaijan/")
    share = page.get_by_role("region", name="Share this page")
    expect(share.get_by_role("link")).to_have_count(6)
    expect(share.get_by_role("button", name="Copy link")).to_be_hidden()
    page.goto("/en/meetings/")
    page.get_by_label("Format").select_option("virtual")
    page.get_by_role("button", name="Show meetings").click()
    expect(page).to_have_url(re.compile(r"\?format=virtual$"))
    expect(page.locator(".meeting-title")).to_have_text(
        [
            "Seventh Meeting of the CICA Ministerial Council",
            "Meeting of experts on digitalization in transport and logistics",
        ]
    )
    context.close()
