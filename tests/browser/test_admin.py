"""Staff in a real browser: the admin's per-language fields as tabs."""

from django.contrib.auth.models import User

from organisation.models import Relation

PASSWORD = "a-long-test-password"


def sign_in(page):
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_translated_fields_are_tabs_one_language_at_a_time(page):
    sign_in(page)
    relation = Relation.objects.get(slug="azerbaijan")
    page.goto(f"/admin/organisation/relation/{relation.pk}/change/")
    tabs = page.locator(".translation-tabs").first.get_by_role("tab")
    assert tabs.all_inner_texts() == ["English", "Russian", "Azerbaijani"]
    assert page.locator("#id_title_en").is_visible()
    assert not page.locator("#id_title_ru").is_visible()

    tabs.nth(1).click()
    assert page.locator("#id_title_ru").is_visible()
    assert not page.locator("#id_title_en").is_visible()
    assert page.locator("#id_title_ru").input_value().startswith("Отношения")

    tabs.nth(1).press("ArrowRight")
    assert page.locator("#id_title_az").is_visible()


def test_the_tab_with_an_error_is_shown(page):
    sign_in(page)
    relation = Relation.objects.get(slug="azerbaijan")
    page.goto(f"/admin/organisation/relation/{relation.pk}/change/")
    page.locator("#id_lead_en").fill("")
    page.click("input[name=_save]")
    lead_tabs = page.locator(".translation-tabs").nth(1).get_by_role("tab")
    assert lead_tabs.first.get_attribute("aria-selected") == "true"
    assert "has-errors" in lead_tabs.first.get_attribute("class")
    assert page.locator("#id_lead_en").is_visible()
