from django.test import TestCase
from django.urls import reverse

from events.admin import MeetingAdmin
from events.models import Meeting, MeetingChange, MeetingDocument
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    days,
    inline_formset,
    make_country,
    make_meeting,
    make_staff,
    post_action,
    today,
)


class MeetingAdminPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = [make_staff("Editors"), make_staff("Publishers")]
        cls.meeting = make_meeting(host_country=make_country("Atlantis"))
        MeetingDocument.objects.create(
            meeting=cls.meeting, title="Declaration", url="https://example.org/declaration.pdf"
        )
        MeetingChange.objects.create(
            meeting=cls.meeting,
            previous_status=Meeting.MeetingStatus.PLANNED,
            previous_start_date=today() + days(20),
            previous_end_date=today() + days(20),
            previous_format=Meeting.Format.IN_PERSON,
        )

    def test_pages_answer_200(self):
        urls = [
            admin_url(Meeting, "changelist"),
            f"{admin_url(Meeting, 'changelist')}?q=meeting",
            admin_url(Meeting, "add"),
            admin_url(Meeting, "change", self.meeting.pk),
        ]
        for user in self.users:
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.groups.get().name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_documents_photos_and_announced_changes_are_inlines(self):
        self.client.force_login(self.users[0])
        response = self.client.get(admin_url(Meeting, "change", self.meeting.pk))
        prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
        self.assertEqual(
            prefixes,
            [
                "documents",
                "photos",
                "changes",
                "organisation-changenote-content_type-object_id",
                "organisation-previewlink-content_type-object_id",
            ],
        )

    def test_host_country_autocomplete_finds_countries_for_an_editor(self):
        self.client.force_login(self.users[0])
        response = self.client.get(
            reverse("admin:autocomplete"),
            {"app_label": "events", "model_name": "meeting", "field_name": "host_country", "term": "Atlant"},
        )
        self.assertEqual([result["text"] for result in response.json()["results"]], ["Atlantis"])

    def test_other_models_of_the_app_are_edited_on_the_meeting(self):
        inline_models = {inline.model.__name__ for inline in MeetingAdmin.inlines}
        self.assertEqual(inline_models, {"MeetingChange", "MeetingDocument", "MeetingPhoto"})


class MeetingPublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.draft = make_meeting(published=False)

    def post_new_meeting(self, user, **values):
        self.client.force_login(user)
        data = admin_form_data(self.client.get(admin_url(Meeting, "add")))
        data |= {
            "title_en": "Expert meeting",
            "slug": "expert-meeting",
            "kind": Meeting.Kind.EXPERTS,
            "start_date": today() + days(40),
            "city_en": "Baku",
        } | values
        return self.client.post(admin_url(Meeting, "add"), data)

    def test_editor_adds_a_meeting_as_a_draft_even_when_posted_as_published(self):
        response = self.post_new_meeting(self.editor, status="published")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Meeting.objects.get(slug="expert-meeting").status, Meeting.Status.DRAFT)

    def test_one_day_meeting_ends_on_its_start_date(self):
        self.post_new_meeting(self.editor)
        meeting = Meeting.objects.get(slug="expert-meeting")
        self.assertEqual(meeting.end_date, meeting.start_date)

    def test_editor_cannot_publish_through_a_posted_action(self):
        self.client.force_login(self.editor)
        post_action(self.client, Meeting, "publish_selected", self.draft)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Meeting.Status.DRAFT)

    def test_editor_cannot_delete(self):
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(Meeting, "delete", self.draft.pk))
        self.assertEqual(response.status_code, 403)

    def test_publisher_publishes_a_new_meeting_through_the_add_form(self):
        self.post_new_meeting(self.publisher, status="published")
        self.assertTrue(Meeting.objects.get(slug="expert-meeting").is_published())

    def test_publisher_publishes_through_the_action(self):
        self.client.force_login(self.publisher)
        post_action(self.client, Meeting, "publish_selected", self.draft)
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_published())

    def test_end_date_before_start_date_is_refused_with_a_message(self):
        response = self.post_new_meeting(
            self.editor, start_date=today() + days(40), end_date=today() + days(39)
        )
        self.assertFormError(
            response.context["adminform"].form, "end_date", "The meeting cannot end before it starts."
        )


class AnnouncedChangeTests(TestCase):
    """A Publisher's change goes live at once, with what was announced before (an Editor's waits
    for review, and is recorded when published: tests/organisation/test_review.py)."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Publishers")
        cls.start = today() + days(30)
        cls.published = make_meeting(start_date=cls.start)
        cls.draft = make_meeting(start_date=cls.start, published=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def save(self, meeting, **values):
        url = admin_url(Meeting, "change", meeting.pk)
        data = admin_form_data(self.client.get(url)) | values
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)

    def test_new_date_of_a_published_meeting_keeps_the_previous_dates(self):
        new_start = self.start + days(7)
        self.save(self.published, start_date=new_start, end_date=new_start)
        change = self.published.changes.get()
        self.assertEqual((change.previous_start_date, change.previous_end_date), (self.start, self.start))

    def test_new_date_of_a_draft_meeting_records_no_change(self):
        new_start = self.start + days(7)
        self.save(self.draft, start_date=new_start, end_date=new_start)
        self.assertFalse(self.draft.changes.exists())

    def test_new_title_of_a_published_meeting_records_no_change(self):
        self.save(self.published, title_en="A better title")
        self.assertFalse(self.published.changes.exists())

    def test_staff_add_a_public_note_to_a_recorded_change(self):
        change = MeetingChange.objects.create(
            meeting=self.published,
            previous_status=Meeting.MeetingStatus.PLANNED,
            previous_start_date=self.start - days(7),
            previous_end_date=self.start - days(7),
            previous_format=Meeting.Format.IN_PERSON,
        )
        url = admin_url(Meeting, "change", self.published.pk)
        data = admin_form_data(self.client.get(url))
        data["changes-0-note_en"] = "Postponed at the host's request."
        self.client.post(url, data)
        change.refresh_from_db()
        self.assertEqual(change.note, "Postponed at the host's request.")


class MeetingInlineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.meeting = make_meeting(published=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def post_document(self, **values):
        url = admin_url(Meeting, "change", self.meeting.pk)
        data = add_inline_row(admin_form_data(self.client.get(url)), "documents", **values)
        return self.client.post(url, data)

    def test_editor_adds_an_outcome_document(self):
        self.post_document(title_en="Declaration", kind="declaration", url="https://example.org/d.pdf")
        self.assertEqual(self.meeting.documents.get().title, "Declaration")

    def test_document_without_file_or_link_is_refused_with_a_message(self):
        response = self.post_document(title_en="Declaration", kind="declaration")
        self.assertFormSetError(
            inline_formset(response, "documents"), 0, None, "Upload the file or give a link to it."
        )


class TimeZoneFieldTests(TestCase):
    """The time zone is typed, with the names suggested (a datalist), and defaults to the host's."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        # A draft: the Editor's change is stored at once (a published one's waits for review).
        cls.meeting = make_meeting(host_country=make_country("Azerbaijan", "AZ"), published=False)

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = admin_url(Meeting, "change", self.meeting.pk)

    def post(self, **values):
        return self.client.post(self.url, admin_form_data(self.client.get(self.url)) | values)

    def test_the_field_suggests_every_zone_with_its_offset(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'name="time_zone"')
        self.assertContains(response, 'list="id_time_zone-suggestions"')
        self.assertContains(response, '<datalist id="id_time_zone-suggestions">')
        self.assertContains(response, '<option value="Asia/Baku">GMT+04:00</option>', html=True)
        self.assertGreater(response.content.decode().count("<option value="), 400)

    def test_a_zone_typed_by_name_is_saved(self):
        self.post(start_time="10:00", time_zone="Asia/Almaty")
        self.meeting.refresh_from_db()
        self.assertEqual(str(self.meeting.time_zone), "Asia/Almaty")

    def test_an_unknown_zone_is_refused_with_a_message(self):
        response = self.post(start_time="10:00", time_zone="Asia/Bakuu")
        self.assertFormError(
            response.context["adminform"].form,
            "time_zone",
            "“Asia/Bakuu” is not a time zone: choose one of the names suggested.",
        )

    def test_left_empty_with_a_time_it_is_the_host_countrys(self):
        response = self.post(start_time="10:00", time_zone="")
        self.assertEqual(response.status_code, 302)
        self.meeting.refresh_from_db()
        self.assertEqual(str(self.meeting.time_zone), "Asia/Baku")

    def test_the_stored_zone_is_shown_by_name(self):
        Meeting.objects.filter(pk=self.meeting.pk).update(time_zone="Asia/Tashkent")
        self.assertContains(self.client.get(self.url), 'value="Asia/Tashkent"')
