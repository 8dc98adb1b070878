"""Publishing: review-by dates, public change notes, page dates, and the staff dashboard."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Meeting
from organisation.models import ChangeNote, Relation
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    days,
    make_meeting,
    make_policy_page,
    make_relation,
    make_staff,
    today,
)

CHANGE_NOTES = "organisation-changenote-content_type-object_id"


class ChangeNoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.relation = make_relation()

    def add_note_through_the_admin(self, user, note):
        self.client.force_login(user)
        url = admin_url(Relation, "change", self.relation.pk)
        data = add_inline_row(admin_form_data(self.client.get(url)), CHANGE_NOTES, note_en=note, date=today())
        self.assertEqual(self.client.post(url, data).status_code, 302)

    def test_an_editors_note_waits_for_review_with_the_rest_of_the_change(self):
        self.add_note_through_the_admin(self.editor, "Added the 2021 expert meeting.")
        self.assertFalse(self.relation.change_notes.exists())
        self.client.force_login(self.publisher)
        self.client.post(admin_url(Relation, "pending", self.relation.pk), {"action": "publish"})
        self.assertEqual(self.relation.change_notes.get().note, "Added the 2021 expert meeting.")

    def test_a_publisher_adds_a_note(self):
        self.add_note_through_the_admin(self.publisher, "Updated the membership facts.")
        self.assertEqual(self.relation.change_notes.count(), 1)

    def test_the_page_lists_its_notes_newest_first(self):
        ChangeNote.objects.create(content_object=self.relation, date=today() - days(30), note="Older note.")
        ChangeNote.objects.create(content_object=self.relation, date=today() - days(2), note="Newer note.")
        content = self.client.get(self.relation.get_absolute_url()).content.decode()
        self.assertLess(content.index("Newer note."), content.index("Older note."))

    def test_a_note_is_shown_in_the_pages_language(self):
        ChangeNote.objects.create(
            content_object=self.relation, note_en="Added a meeting.", note_ru="Добавлена встреча."
        )
        response = self.client.get(self.relation.get_absolute_url().replace("/en/", "/ru/"))
        self.assertContains(response, "Добавлена встреча.")

    def test_a_page_without_notes_has_no_notes_section(self):
        self.assertNotContains(self.client.get(self.relation.get_absolute_url()), "change-notes-heading")

    def test_meetings_and_policy_pages_show_their_notes(self):
        for item in (make_meeting(), make_policy_page()):
            with self.subTest(item=type(item).__name__):
                ChangeNote.objects.create(content_object=item, note="Corrected the dates.")
                self.assertContains(self.client.get(item.get_absolute_url()), "Corrected the dates.")


class PageDatesTests(TestCase):
    def test_a_meeting_page_shows_published_and_last_updated(self):
        meeting = make_meeting(publish_at=timezone.now() - days(3))
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, f"<dt>Published</dt><dd>{meeting.publish_at:%-d %B %Y}</dd>", html=True)
        self.assertContains(
            response, f"<dt>Last updated</dt><dd>{meeting.last_changed_at():%-d %B %Y}</dd>", html=True
        )


class ReviewByTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.relation = make_relation(published=False)

    def test_an_editor_sets_a_review_by_date(self):
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", self.relation.pk)
        when = today() + days(90)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"review_by": when.isoformat()})
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).review_by, when)

    def test_review_due_lists_what_is_past_its_date(self):
        due = make_relation(review_by=today() - days(1))
        make_relation(review_by=today() + days(1))
        self.assertEqual(list(Relation.objects.review_due()), [due])


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors", username="editor")
        cls.draft = make_relation(published=False, title="Draft relations page")
        cls.scheduled = make_meeting(title="Scheduled meeting", publish_at=timezone.now() + days(3))
        cls.stale = make_meeting(
            title="Past but planned",
            start_date=today() - days(10),
            meeting_status=Meeting.MeetingStatus.PLANNED,
        )
        cls.held = make_meeting(
            title="Past and held", start_date=today() - days(10), meeting_status=Meeting.MeetingStatus.HELD
        )
        cls.review = make_policy_page(title="Privacy Policy", review_by=today() - days(1))

    def setUp(self):
        self.client.force_login(self.editor)

    def section(self, title):
        dashboard = self.client.get(reverse("admin:index")).context["dashboard"]
        for section in dashboard["sections"]:
            if str(section["title"]) == title:
                return [str(item["object"]) for group in section["groups"] for item in group["items"]]
        return []

    def test_lists_drafts(self):
        self.assertIn("Draft relations page", self.section("Drafts"))

    def test_lists_scheduled_items(self):
        self.assertEqual(self.section("Scheduled"), ["Scheduled meeting"])

    def test_lists_meetings_past_but_still_planned(self):
        self.assertEqual(self.section("Meetings past but still planned or confirmed"), ["Past but planned"])

    def test_lists_pages_past_their_review_by_date(self):
        self.assertEqual(self.section("Past their review-by date"), ["Privacy Policy"])

    def test_lists_the_latest_changes(self):
        LogEntry.objects.log_actions(
            self.editor.pk, [self.review], CHANGE, change_message="Changed", single_object=True
        )
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(list(response.context["dashboard"]["latest_changes"]), list(LogEntry.objects.all()))
        self.assertContains(response, "“Privacy Policy”")

    def test_a_user_without_view_permissions_sees_no_lists(self):
        self.client.force_login(make_staff())
        self.assertEqual(self.section("Drafts"), [])

    def test_runs_the_same_queries_for_many_items(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.client.get(reverse("admin:index"))
            return len(queries)

        count()  # What any first request reads once (the schedule of publications, the profile).
        few = count()
        for i in range(25):
            make_relation(published=False, title=f"Draft {i}", review_by=today() - days(1))
            make_meeting(publish_at=timezone.now() + days(2))
            make_meeting(start_date=today() - days(5), meeting_status=Meeting.MeetingStatus.CONFIRMED)
            LogEntry.objects.log_actions(
                self.editor.pk, [self.review], CHANGE, change_message="Changed", single_object=True
            )
        self.assertEqual(count(), few)

    def test_links_each_item_to_its_change_page(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, f'href="{admin_url(Relation, "change", self.draft.pk)}"')

    def test_admin_index_still_links_the_translation_overview(self):
        self.assertContains(self.client.get(reverse("admin:index")), reverse("translation-overview"))


class ContentTypeSanityTests(TestCase):
    def test_change_notes_point_to_their_item(self):
        relation = make_relation()
        note = ChangeNote.objects.create(content_object=relation, note="Note.")
        self.assertEqual(note.content_type, ContentType.objects.get_for_model(Relation))
        self.assertEqual(note.get_absolute_url(), relation.get_absolute_url())
