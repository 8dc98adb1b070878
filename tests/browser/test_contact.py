"""The contact form in Chromium: accessible as shown and with its errors, working without JavaScript."""

import re

import pytest
from django.core import signing
from playwright.sync_api import expect

from organisation.forms import STARTED_SALT
from organisation.models import ContactMessage
from tests.browser.test_visitor import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script_page(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def make_the_form_old_enough(page):
    """As a person who took a while to write: the form's signed start time, a minute earlier."""
    value = page.locator('input[name="started"]').input_value()
    earlier = signing.dumps(signing.loads(value, salt=STARTED_SALT) - 60, salt=STARTED_SALT)
    page.locator('input[name="started"]').evaluate("(input, value) => input.value = value", earlier)


def test_ask_for_an_accessible_format_and_send_the_message(page):
    page.goto("/en/meetings/experts-connectivity-baku/")
    page.get_by_role("link", name="ask for an accessible format").first.click()
    expect(page).to_have_url(re.compile(r"/en/contact/\?document="))
    expect(page.get_by_label("Document (for an accessible format)")).to_have_value(
        "Baku statement on connectivity"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Send the message").click()  # Nothing filled in.
    expect(page.get_by_role("alert")).to_contain_text("The message was not sent")
    assert_accessible(page)

    page.get_by_label("Name").fill("Aysel Məmmədova")
    page.get_by_label("E-mail").fill("aysel@example.org")
    page.get_by_label("Subject").fill("Accessible format")
    page.get_by_label("Message").fill("Could I have this document as tagged text?")
    make_the_form_old_enough(page)
    page.get_by_role("button", name="Send the message").click()
    expect(page).to_have_url(re.compile(r"/en/contact/sent/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Message sent")
    assert ContactMessage.objects.get().subject == "Accessible format"


def test_the_form_works_without_javascript(no_script_page):
    page = no_script_page
    page.goto("/az/contact/")
    page.get_by_label("Ad").fill("Aysel")
    page.get_by_label("E-poçt").fill("aysel@example.org")
    page.get_by_label("Mövzu").fill("Sual")
    page.get_by_label("Mesaj").fill("Salam")
    make_the_form_old_enough(page)
    page.get_by_role("button", name="Mesajı göndər").click()
    expect(page).to_have_url(re.compile(r"/az/contact/sent/$"))
    assert ContactMessage.objects.get().language == "az"
