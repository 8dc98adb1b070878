"""The admin in Chromium at a desktop's and a tablet's width: every change form fits, nothing covers
anything, and axe-core finds nothing on the front page, a list and a form."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from events.models import Meeting, MeetingChange
from organisation.models import ChangeNote, PreviewLink
from tests.factories import make_meeting_photo

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
WIDTHS = [1280, 768]  # A desktop, and a tablet held upright.
axe = Axe()

# What a person sees and uses, checked pairwise for overlaps: controls, the title and its tools.
LAYOUT_PROBLEMS = """
() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  }
  const selector = [
    "#content-main input:not([type=hidden])", "#content-main select", "#content-main textarea",
    "#content-main button", "#content-main a.button", ".object-tools a", ".object-tools button",
    ".submit-row a", ".related-widget-wrapper-link", ".datetimeshortcuts a", "[role=tab]",
    "#content > h1", "#content > h2", ".select2-container",
  ].join(",");
  const shown = [...document.querySelectorAll(selector)].filter((element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const seen = box.width > 2 && box.height > 2 && style.visibility !== "hidden";
    return seen && !element.closest(".empty-form");
  });
  const name = (element) =>
    element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    (element.name ? `[name=${element.name}]` : "") + ` “${(element.textContent || "").trim().slice(0, 30)}”`;
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i].getBoundingClientRect();
    if (a.right > root.clientWidth + 1) {
      problems.push(`${name(shown[i])} runs off the right edge`);
    }
    for (let j = i + 1; j < shown.length; j++) {
      if (shown[i].contains(shown[j]) || shown[j].contains(shown[i])) continue;
      const b = shown[j].getBoundingClientRect();
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1 && height > 1) {
        problems.push(`${name(shown[i])} and ${name(shown[j])} overlap`);
      }
    }
  }
  return problems;
}
"""


@pytest.fixture
def staff_page(page):
    User.objects.create_superuser("boss", "boss@example.org", PASSWORD)
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**" + reverse("admin:index"))
    return page


@pytest.fixture
def meeting_with_inlines(site):
    """The fixture's meeting with a photo, an announced change, a change note and a long title."""
    meeting = Meeting.objects.get(slug="experts-connectivity-baku")
    meeting.title = (
        "Meeting of experts of the Member States on the implementation of confidence-building measures "
        "in the field of transport connectivity and transportation corridors"
    )
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    make_meeting_photo(meeting, caption="Delegates in Baku", credit="The Secretariat")
    MeetingChange.objects.create(
        meeting=meeting,
        previous_status=Meeting.MeetingStatus.PLANNED,
        previous_start_date=meeting.start_date - datetime.timedelta(days=7),
        previous_end_date=meeting.start_date - datetime.timedelta(days=7),
        previous_start_time=datetime.time(9, 0),
        previous_format=Meeting.Format.IN_PERSON,
        previous_city="Astana",
        note="Moved at the host's request.",
    )
    ChangeNote.objects.create(content_object=meeting, note="Added the programme.")
    PreviewLink.objects.create(content_object=meeting, expires_at=timezone.now() + datetime.timedelta(days=7))
    return meeting


def change_form_urls(*chosen):
    """The change form of one object of every model registered in the admin that has one: the
    `chosen` object of its model, else its first."""
    urls = []
    for model in admin.site._registry:
        obj = next((obj for obj in chosen if type(obj) is model), None)
        obj = obj or model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(admin_urlname(model._meta, "change"), args=[obj.pk]))
    return urls


def test_every_change_form_and_the_lists_fit_a_desktop_and_a_tablet(staff_page, meeting_with_inlines):
    urls = change_form_urls(meeting_with_inlines)
    assert reverse("admin:events_meeting_change", args=[meeting_with_inlines.pk]) in urls
    urls += [
        reverse("admin:index"),
        reverse("admin:events_meeting_changelist"),
        reverse("admin:organisation_relation_changelist"),
    ]
    problems = []
    for width in WIDTHS:
        staff_page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            staff_page.goto(url)
            problems += [f"{width}px {url}: {problem}" for problem in staff_page.evaluate(LAYOUT_PROBLEMS)]
    assert problems == [], "\n".join(problems)


def test_stacked_inlines_show_one_language_at_a_time_and_a_new_item_gets_tabs(
    staff_page, meeting_with_inlines
):
    staff_page.goto(reverse("admin:events_meeting_change", args=[meeting_with_inlines.pk]))
    photo = staff_page.locator("#photos-0")
    tabs = photo.locator(".translation-tabs").first.get_by_role("tab")
    assert tabs.all_inner_texts() == ["English", "Russian", "Azerbaijani"]
    assert photo.locator("#id_photos-0-alt_text_en").is_visible()
    assert not photo.locator("#id_photos-0-alt_text_ru").is_visible()
    tabs.nth(1).click()
    assert photo.locator("#id_photos-0-alt_text_ru").is_visible()

    staff_page.locator("#photos-group .add-row a").click()
    added = staff_page.locator("#photos-1")
    assert added.locator(".translation-tabs").count() == 3  # Alternative text, caption, credit.
    assert added.locator("#id_photos-1-caption_en").is_visible()
    assert not added.locator("#id_photos-1-caption_az").is_visible()


def run_axe(page):
    report = []
    for violation in axe.run(page).response["violations"]:
        targets = [node["target"] for node in violation["nodes"]]
        report.append(f"{page.url} {violation['id']}: {violation['help']} at {targets}")
    return report


def test_the_front_page_a_list_and_a_form_have_no_axe_violations(staff_page, meeting_with_inlines):
    report = []
    for url in [
        reverse("admin:index"),
        reverse("admin:events_meeting_changelist"),
        reverse("admin:events_meeting_change", args=[meeting_with_inlines.pk]),
    ]:
        staff_page.goto(url)
        report += run_axe(staff_page)
    assert report == [], "\n".join(report)
