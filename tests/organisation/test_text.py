"""Text is stored without control characters and with LF line breaks, by every write path: the admin,
the API, the seed loader's way (full_clean, then save) and a plain save in the shell."""

from django.test import TestCase

from events.models import Meeting
from organisation.models import Relation, clean_text
from tests.api.base import ApiTestCase
from tests.factories import (
    admin_form_data,
    admin_url,
    make_country,
    make_meeting,
    make_organisation,
    make_relation,
    make_staff,
    make_token,
)

TITLE = "Agenda\u000b2027\u0000 \u0007bell\ttab\r\nline"
TITLE_STORED = "Agenda 2027 bell tab line"
# DRF refuses lone surrogates itself, with a 400: the API tests leave them out.
LEAD = "First line\r\nSecond\u000bthird\rfourth\u001b, tab\tkept \u0085next \ud800\ufffe."
API_LEAD = LEAD.replace("\ud800", "")
LEAD_STORED = "First line\nSecond\nthird\nfourth, tab\tkept \nnext ."


class CleanTextTests(TestCase):
    def test_text_with_lines_keeps_tab_and_lf(self):
        self.assertEqual(clean_text(LEAD), LEAD_STORED)

    def test_one_line_text_has_spaces_for_line_breaks_and_tabs(self):
        self.assertEqual(clean_text(TITLE, multiline=False), TITLE_STORED)

    def test_printable_text_in_any_script_is_left_as_it_is(self):
        text = "Bakı – Астана · 北京 \u2028 é 🙂"
        self.assertEqual(clean_text(text), text)


class WritePathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.country = make_country("Azerbaijan", "AZ", slug="azerbaijan")

    def test_a_plain_save(self):
        relation = Relation.objects.create(country=self.country, slug="az", title=TITLE, lead=LEAD)
        relation.refresh_from_db()
        self.assertEqual((relation.title, relation.lead), (TITLE_STORED, LEAD_STORED))

    def test_the_seed_loaders_way(self):
        relation = Relation(country=self.country, slug="az", title=TITLE.replace("\u0000", ""), lead=LEAD)
        relation.full_clean()
        relation.save()
        relation.refresh_from_db()
        self.assertEqual((relation.title, relation.lead), (TITLE_STORED, LEAD_STORED))

    def test_every_language_column(self):
        relation = make_relation(self.country, lead_ru="Первая\r\nвторая\u000b", title_az="Başlıq\u0007")
        relation.refresh_from_db()
        self.assertEqual((relation.lead_ru, relation.title_az), ("Первая\nвторая\n", "Başlıq"))

    def test_the_admin(self):
        relation = make_relation(self.country)
        self.client.force_login(make_staff("Publishers"))
        url = admin_url(Relation, "change", relation.pk)
        data = admin_form_data(self.client.get(url))
        data.update({"title_en": TITLE.replace("\u0000", ""), "lead_en": LEAD.replace("\ud800", "")})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.context and response.context["errors"])
        relation.refresh_from_db()
        self.assertEqual((relation.title, relation.lead), (TITLE_STORED, LEAD_STORED))

    def test_saving_the_same_text_from_a_browser_changes_no_translation_state(self):
        relation = make_relation(self.country, title="Relations", lead="One\nTwo", lead_ru="Один\nДва")
        changed_at = Relation.objects.get(pk=relation.pk).text_changed_at
        self.client.force_login(make_staff("Publishers"))
        url = admin_url(Relation, "change", relation.pk)
        data = admin_form_data(self.client.get(url))
        data["lead_en"] = "One\r\nTwo"  # What a browser sends back for the textarea.
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(Relation.objects.get(pk=relation.pk).text_changed_at, changed_at)


class ApiWriteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.token = make_token(make_staff("Publishers"))

    def test_a_new_meeting(self):
        response = self.client.post(
            "/api/v1/meetings/",
            {
                "title": TITLE.replace("\u0000", ""),
                "slug": "new",
                "kind": "summit",
                "start_date": "2030-01-01",
            }
            | {"summary": API_LEAD},
            content_type="application/json",
            **self.auth(self.token),
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual((response.json()["title"], response.json()["summary"]), (TITLE_STORED, LEAD_STORED))
        meeting = Meeting.objects.get(slug="new")
        self.assertEqual((meeting.title, meeting.summary), (TITLE_STORED, LEAD_STORED))

    def test_a_change(self):
        meeting = make_meeting()
        response = self.client.patch(
            f"/api/v1/meetings/{meeting.pk}/",
            {"summary": API_LEAD, "version": meeting.version},
            content_type="application/json",
            **self.auth(self.token),
        )
        self.assertEqual(response.status_code, 200, response.content)
        meeting.refresh_from_db()
        self.assertEqual(meeting.summary, LEAD_STORED)
