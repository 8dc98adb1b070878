import datetime
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.test import TestCase
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from organisation.models import Country, Relation, Translatable
from organisation.templatetags.languages import path_in
from tests.factories import (
    admin_url,
    days,
    load_seed,
    make_body,
    make_country,
    make_meeting,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    make_staff,
)


def page_urls(relation, meeting, policy_page):
    """One address of every public page type, in English."""
    return [
        reverse("home"),
        reverse("organisation:organisation-detail"),
        reverse("organisation:country-list"),
        reverse("organisation:measure-list"),
        relation.get_absolute_url(),
        reverse("events:meeting-list"),
        meeting.get_absolute_url(),
        policy_page.get_absolute_url(),
    ]


class LanguageSwitchingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation(name_ru="Совещание по взаимодействию и мерам доверия в Азии", acronym_ru="СВМДА")
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan)
        cls.relation = make_relation(cls.azerbaijan, slug="azerbaijan", title="Relations with Azerbaijan")
        cls.meeting = make_meeting(
            "Meeting of experts", start_date=datetime.date(2011, 4, 20), end_date=datetime.date(2011, 4, 21)
        )
        cls.policy_page = make_policy_page("Privacy policy", slug="privacy")
        cls.urls = page_urls(cls.relation, cls.meeting, cls.policy_page)

    def test_every_page_exists_in_every_language_with_its_lang_attribute(self):
        for url in self.urls:
            for code, _name in settings.LANGUAGES:
                localised = url.replace("/en/", f"/{code}/", 1)
                with self.subTest(url=localised):
                    response = self.client.get(localised)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f'<html lang="{code}">')

    def test_switcher_leads_to_the_same_page_in_each_language(self):
        for url in self.urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                for code, _name in settings.LANGUAGES:
                    self.assertContains(
                        response, f'href="http://testserver{url.replace("/en/", f"/{code}/", 1)}"'
                    )
                self.assertContains(response, 'lang="ru" hreflang="ru">Русский</a>', html=False)
                self.assertContains(response, 'lang="az" hreflang="az">Azərbaycanca</a>', html=False)

    def test_switcher_addresses_are_those_translate_url_gives_for_every_address_of_the_sitemap(self):
        # The switcher swaps the language prefix rather than resolving each address again.
        sitemap = self.client.get("/sitemap.xml").content.decode()
        paths = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", sitemap)
        self.assertGreater(len(paths), 20)
        for path in paths:
            with translation.override(path.split("/")[1]):
                for code, _name in settings.LANGUAGES:
                    with self.subTest(path=path, language=code):
                        self.assertEqual(path_in(path, code), translate_url(path, code))

    def test_switcher_keeps_the_query_string(self):
        response = self.client.get(reverse("events:meeting-list"), {"page": "1"})
        self.assertContains(response, 'href="http://testserver/ru/meetings/?page=1"')

    def test_head_has_hreflang_alternates_and_x_default(self):
        response = self.client.get(self.relation.get_absolute_url())
        links = re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
        )
        self.assertEqual(
            links,
            [
                ("en", "http://testserver/en/relations/azerbaijan/"),
                ("ru", "http://testserver/ru/relations/azerbaijan/"),
                ("az", "http://testserver/az/relations/azerbaijan/"),
                ("x-default", "http://testserver/relations/azerbaijan/"),
            ],
        )

    def test_slug_is_the_same_in_every_language(self):
        with translation.override("az"):
            self.assertEqual(self.relation.get_absolute_url(), "/az/relations/azerbaijan/")

    def test_interface_strings_follow_the_language(self):
        response = self.client.get("/ru/meetings/")
        self.assertContains(response, "<h1>Совещания</h1>", html=True)


class FirstVisitTests(TestCase):
    def test_root_sends_a_visitor_to_the_language_their_browser_prefers(self):
        response = self.client.get("/", headers={"accept-language": "az,ru;q=0.8,en;q=0.5"})
        self.assertRedirects(response, "/az/", fetch_redirect_response=False)

    def test_root_sends_others_to_english(self):
        response = self.client.get("/", headers={"accept-language": "fr,de;q=0.8"})
        self.assertRedirects(response, "/en/", fetch_redirect_response=False)

    def test_root_without_a_preference_is_english(self):
        self.assertRedirects(self.client.get("/"), "/en/", fetch_redirect_response=False)

    def test_visitors_get_no_cookie(self):
        response = self.client.get("/", headers={"accept-language": "ru"})
        self.assertEqual(response.cookies, {})


class FallbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        country = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.translated = make_relation(
            country,
            slug="azerbaijan",
            title="Relations with Azerbaijan",
            title_ru="Отношения с Азербайджаном",
            lead="English lead.",
            lead_ru="Вводный абзац.",
            body="<p>English narrative.</p>",
            body_ru="<p>Рассказ.</p>",
        )
        cls.english_only = make_relation(title="Relations with Testland", lead="Only in English.")

    def test_translated_page_shows_its_translation_without_a_note(self):
        response = self.client.get("/ru/relations/azerbaijan/")
        self.assertContains(response, "<h1>Отношения с Азербайджаном</h1>", html=True)
        self.assertContains(response, "Вводный абзац.")
        self.assertNotContains(response, "translation-notice")

    def test_missing_translation_shows_english_marked_as_english_under_a_note(self):
        response = self.client.get(f"/ru/relations/{self.english_only.slug}/")
        self.assertContains(response, '<h1 lang="en">Relations with Testland</h1>', html=True)
        self.assertContains(response, '<p class="lead" lang="en">Only in English.</p>', html=True)
        notice = re.search(
            r'<p class="notice translation-notice"[^>]*>(.*?)</p>', response.content.decode(), re.S
        )
        self.assertIsNotNone(notice)
        self.assertIn("английском", notice.group(1))

    def test_english_page_has_no_note(self):
        response = self.client.get(self.english_only.get_absolute_url())
        self.assertNotContains(response, "translation-notice")
        self.assertNotContains(response, 'lang="en">Relations')

    def test_partly_translated_page_marks_only_the_english_parts(self):
        self.english_only.title_az = "Testland ilə münasibətlər"
        self.english_only.save()
        response = self.client.get(f"/az/relations/{self.english_only.slug}/")
        self.assertContains(response, "<h1>Testland ilə münasibətlər</h1>", html=True)
        self.assertContains(response, '<p class="lead" lang="en">Only in English.</p>', html=True)
        self.assertContains(response, "translation-notice")

    def test_list_marks_untranslated_titles(self):
        make_meeting("Only English meeting")
        response = self.client.get("/ru/meetings/")
        self.assertRegex(
            response.content.decode(), r'<a href="/ru/meetings/[^"]+" lang="en">Only English meeting</a>'
        )


class DateFormatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation(initiative_date=datetime.date(1992, 10, 5))

    def test_dates_follow_the_language(self):
        expected = {"en": "5 October 1992", "ru": "5 октября 1992 г.", "az": "5 oktyabr 1992"}
        for code, text in expected.items():
            with self.subTest(language=code):
                self.assertContains(self.client.get(f"/{code}/about/"), text)

    def test_date_ranges_follow_the_language(self):
        meeting = make_meeting(start_date=datetime.date(2011, 4, 20), end_date=datetime.date(2011, 4, 21))
        url = meeting.get_absolute_url()
        expected = {"en": "20–21 April 2011", "ru": "20–21 апреля 2011 г.", "az": "20–21 aprel 2011"}
        for code, text in expected.items():
            with self.subTest(language=code):
                self.assertContains(self.client.get(url.replace("/en/", f"/{code}/")), text)


class CountryNameTests(TestCase):
    def test_names_in_other_languages_default_to_the_standard_names(self):
        country = Country(code="AZ", name="Azerbaijan", slug="azerbaijan")
        country.full_clean()
        self.assertEqual((country.name_ru, country.name_az), ("Азербайджан", "Azərbaycan"))

    def test_a_name_typed_by_staff_is_kept(self):
        country = Country(code="PS", name="Palestine", name_ru="Палестина", slug="palestine")
        country.full_clean()
        self.assertEqual(country.name_ru, "Палестина")

    def test_country_list_shows_the_name_in_the_language(self):
        make_organisation()
        country = Country(code="AZ", name="Azerbaijan", slug="azerbaijan")
        country.full_clean()
        country.save()
        make_membership(country)
        self.assertContains(self.client.get("/az/member-states/"), "Azərbaycan")


class TranslationStatusTests(TestCase):
    def setUp(self):
        self.body = make_body("Summit body", name_ru="Саммит", short_name_ru="С", role_ru="высший орган")

    def test_a_new_item_with_its_translation_is_up_to_date(self):
        self.assertEqual(self.body.translation_status("ru"), Translatable.TranslationStatus.CURRENT)

    def test_an_item_without_a_translation_misses_it(self):
        self.assertEqual(self.body.translation_status("az"), Translatable.TranslationStatus.MISSING)

    def test_a_change_to_the_english_text_makes_the_translation_outdated(self):
        body = type(self.body).objects.get(pk=self.body.pk)
        body.name = "Meeting of Heads of State"
        body.save()
        self.assertEqual(body.translation_status("ru"), Translatable.TranslationStatus.OUTDATED)

    def test_a_change_to_other_fields_leaves_the_translation_current(self):
        body = type(self.body).objects.get(pk=self.body.pk)
        body.order = 5
        body.save()
        self.assertEqual(body.translation_status("ru"), Translatable.TranslationStatus.CURRENT)

    def test_updating_the_translation_after_the_english_makes_it_current_again(self):
        body = type(self.body).objects.get(pk=self.body.pk)
        body.name = "Meeting of Heads of State"
        body.save()
        body.name_ru = "Совещание глав государств"
        body.save()
        self.assertEqual(body.translation_status("ru"), Translatable.TranslationStatus.CURRENT)

    def test_an_item_partly_translated(self):
        self.body.role_ru = ""
        self.body.save()
        self.assertEqual(self.body.translation_status("ru"), Translatable.TranslationStatus.PARTIAL)


class TranslationOverviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        make_organisation()
        cls.relation = make_relation(
            title="Relations with Testland", title_ru="Отношения", lead_ru="Абзац", body_ru="<p>Текст.</p>"
        )
        cls.relation.set_translation_review("ru", True)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_admin_index_links_to_the_overview(self):
        self.assertContains(self.client.get(reverse("admin:index")), reverse("translation-overview"))

    def test_overview_lists_items_with_their_translation_state(self):
        response = self.client.get(reverse("translation-overview"))
        self.assertContains(response, "Relations with Testland")
        self.assertContains(response, '<td class="translation-review">To be reviewed', html=False)
        self.assertContains(response, '<td class="translation-missing">Missing', html=False)

    def test_overview_flags_a_translation_older_than_the_english(self):
        relation = Relation.objects.get(pk=self.relation.pk)
        relation.lead = "A new English lead."
        relation.save()
        response = self.client.get(reverse("translation-overview"), {"status": "outdated"})
        self.assertContains(response, "Relations with Testland")
        self.assertContains(
            response, '<td class="translation-outdated">Older than the English text', html=False
        )

    def test_filter_leaves_out_items_without_that_state(self):
        response = self.client.get(reverse("translation-overview"), {"status": "outdated"})
        self.assertNotContains(response, "Relations with Testland")

    def test_staff_mark_a_translation_reviewed(self):
        response = self.client.post(
            reverse("translation-overview"),
            {"model": "organisation.relation", "pk": self.relation.pk, "language": "ru"},
        )
        self.assertEqual(response.status_code, 302)
        self.relation.refresh_from_db()
        self.assertFalse(self.relation.translation_state["ru"]["review"])

    def test_unknown_language_is_refused(self):
        response = self.client.post(
            reverse("translation-overview"),
            {"model": "organisation.relation", "pk": self.relation.pk, "language": "fr"},
        )
        self.assertEqual(response.status_code, 400)

    def test_user_without_change_permission_cannot_mark(self):
        viewer = make_staff()
        viewer.user_permissions.add(
            *self.editor.groups.get().permissions.filter(codename__startswith="view_")
        )
        self.client.force_login(viewer)
        response = self.client.post(
            reverse("translation-overview"),
            {"model": "organisation.relation", "pk": self.relation.pk, "language": "ru"},
        )
        self.assertEqual(response.status_code, 403)

    def test_anonymous_is_sent_to_login(self):
        self.client.logout()
        response = self.client.get(reverse("translation-overview"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response.url)

    def test_change_form_shows_the_translation_state(self):
        response = self.client.get(admin_url(Relation, "change", self.relation.pk))
        self.assertContains(response, "ru: To be reviewed; az: Missing")

    def test_admin_shows_a_field_per_language_with_english_required(self):
        response = self.client.get(admin_url(Relation, "add"))
        form = response.context["adminform"].form
        self.assertTrue(form.fields["lead_en"].required)
        self.assertFalse(form.fields["lead_ru"].required)
        self.assertFalse(form.fields["lead_az"].required)


class SeedTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_profile_and_azerbaijan_page_ship_in_russian_and_azerbaijani_to_be_reviewed(self):
        relation = Relation.objects.get(slug="azerbaijan")
        for code in ("ru", "az"):
            with self.subTest(language=code):
                self.assertEqual(relation.translation_status(code), Translatable.TranslationStatus.REVIEW)

    def test_azerbaijan_page_in_azerbaijani(self):
        response = self.client.get("/az/relations/azerbaijan/")
        self.assertContains(response, "Azərbaycan Qazaxıstanın ilk Prezidenti")
        self.assertContains(response, "20–21 aprel 2011")
        self.assertNotContains(response, "translation-notice")


@unittest.skipUnless(
    shutil.which("xgettext"), "makemessages needs gettext's xgettext (apt-get install gettext)"
)
class MessageCatalogueTests(TestCase):
    def test_makemessages_leaves_nothing_untranslated(self):
        root = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "site"
            shutil.copytree(
                root,
                copy,
                ignore=shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "*.mo", "node_modules"),
            )
            subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", "ru", "-l", "az", "--add-location=file",
                 "--ignore=.venv", "--ignore=var"],
                cwd=copy, check=True, capture_output=True, env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
            )  # fmt: skip
            for code in ("ru", "az"):
                with (copy / "locale" / code / "LC_MESSAGES" / "django.po").open("rb") as po:
                    catalogue = read_po(po)
                untranslated = [
                    str(message.id)
                    for message in catalogue
                    if message.id
                    and (
                        message.fuzzy
                        or not all(message.string if isinstance(message.string, tuple) else [message.string])
                    )
                ]
                with self.subTest(language=code):
                    self.assertEqual(untranslated, [])


class ScheduledTranslationTests(TestCase):
    def test_a_scheduled_page_is_hidden_in_every_language(self):
        make_organisation()
        url = make_relation(publish_at=timezone.now() + days(1), title_ru="Отношения").get_absolute_url()
        for code, _name in settings.LANGUAGES:
            with self.subTest(language=code):
                self.assertEqual(self.client.get(url.replace("/en/", f"/{code}/")).status_code, 404)


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.relation = make_relation(make_country("Azerbaijan", "AZ", slug="azerbaijan"), slug="azerbaijan")
        cls.draft = make_relation(slug="draft-page", published=False)
        cls.meeting = make_meeting(slug="expert-meeting")

    def setUp(self):
        self.content = self.client.get("/sitemap.xml").content.decode()

    def test_each_page_is_listed_in_every_language(self):
        for code, _name in settings.LANGUAGES:
            with self.subTest(language=code):
                self.assertIn(f"<loc>http://testserver/{code}/relations/azerbaijan/</loc>", self.content)
                self.assertIn(f"<loc>http://testserver/{code}/meetings/expert-meeting/</loc>", self.content)

    def test_each_address_has_its_alternates_and_x_default(self):
        entry = re.search(
            r"<url><loc>http://testserver/ru/relations/azerbaijan/</loc>.*?</url>", self.content
        )
        alternates = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry.group(0))
        self.assertEqual(
            alternates,
            [
                ("en", "http://testserver/en/relations/azerbaijan/"),
                ("ru", "http://testserver/ru/relations/azerbaijan/"),
                ("az", "http://testserver/az/relations/azerbaijan/"),
                ("x-default", "http://testserver/relations/azerbaijan/"),
            ],
        )

    def test_lastmod_is_the_last_change(self):
        self.assertIn(f"<lastmod>{self.relation.updated_at.date().isoformat()}</lastmod>", self.content)

    def test_drafts_are_not_listed(self):
        self.assertNotIn("draft-page", self.content)
