"""History and recovery: revisions from the admin and the API, compare, restore with inlines, recover."""

from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from events.models import Meeting, MeetingDocument, MeetingPhoto
from organisation.models import ChangeNote, Country, Membership, Relation
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    make_country,
    make_meeting,
    make_meeting_document,
    make_meeting_photo,
    make_membership,
    make_relation,
    make_staff,
    make_token,
    post_action,
)


def versions_of(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user")


def save_through_admin(client, obj, **changes):
    url = admin_url(obj, "change", obj.pk)
    response = client.post(url, admin_form_data(client.get(url)) | changes)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    return response


class RevisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors", username="editor")
        # A draft: an Editor's save of a published page is a pending version, with no revision.
        cls.relation = make_relation(lead="First lead.", published=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_an_admin_save_makes_a_revision_with_who_and_what(self):
        save_through_admin(self.client, self.relation, lead_en="Second lead.")
        revision = versions_of(self.relation).first().revision
        self.assertEqual(revision.user, self.editor)
        self.assertIn("Lead paragraph", revision.get_comment())

    def test_a_revision_keeps_every_language(self):
        save_through_admin(self.client, self.relation, title_ru="Отношения")
        self.assertEqual(versions_of(self.relation).first().field_dict["title_ru"], "Отношения")

    def test_an_api_save_makes_a_revision_with_who_and_what(self):
        token = make_token(self.editor)
        self.client.patch(
            reverse("api:relation-detail", args=[self.relation.pk]),
            {"lead": "From the API.", "version": 1},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        revision = versions_of(self.relation).first().revision
        self.assertEqual(
            (revision.user, revision.get_comment()), (self.editor, "Changed through the API: lead.")
        )

    def test_each_object_changed_by_an_action_gets_a_revision_of_its_own(self):
        publisher = make_staff("Publishers")
        other = make_relation(published=False)
        draft = make_relation(published=False)
        self.client.force_login(publisher)
        post_action(self.client, Relation, "publish_selected", other, draft)
        revision = versions_of(draft).first().revision
        self.assertEqual(
            [version.object for version in revision.version_set.all()], [Relation.objects.get(pk=draft.pk)]
        )


class CompareTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.meeting = make_meeting(title="Expert meeting", published=False)

    def setUp(self):
        self.client.force_login(self.editor)
        save_through_admin(self.client, self.meeting)
        data = admin_form_data(self.client.get(admin_url(Meeting, "change", self.meeting.pk)))
        add_inline_row(
            data, "documents", title_en="Final statement", kind="statement", url="https://example.org/s.pdf"
        )
        data |= {"title_en": "Expert meeting on transport"}
        self.client.post(admin_url(Meeting, "change", self.meeting.pk), data)
        self.newer, self.older = versions_of(self.meeting)[:2]

    def compare(self):
        url = reverse("admin:events_meeting_compare", args=[self.meeting.pk])
        return self.client.get(url, {"version": [self.older.pk, self.newer.pk]})

    def test_the_history_page_offers_to_compare(self):
        response = self.client.get(admin_url(Meeting, "history", self.meeting.pk))
        self.assertContains(response, f'name="version" value="{self.newer.pk}"')

    def test_shows_the_changed_field_before_and_after(self):
        response = self.compare()
        row = next(row for row in response.context["changes"]["fields"] if row["label"] == "Title [en]")
        self.assertEqual((row["old"], row["new"]), ("Expert meeting", "Expert meeting on transport"))
        self.assertContains(response, "<ins>Expert meeting on transport</ins>", html=True)

    def test_leaves_out_unchanged_fields(self):
        labels = [row["label"] for row in self.compare().context["changes"]["fields"]]
        self.assertNotIn("Slug", labels)

    def test_shows_an_inline_that_was_added(self):
        related = self.compare().context["changes"]["related"]
        self.assertEqual(
            [(entry["name"], entry["change"]) for entry in related], [("Final statement", "added")]
        )

    def test_asks_for_two_revisions(self):
        url = reverse("admin:events_meeting_compare", args=[self.meeting.pk])
        response = self.client.get(url, {"version": [self.newer.pk]})
        self.assertRedirects(response, admin_url(Meeting, "history", self.meeting.pk))


class RestoreTests(TestCase):
    """A revision comes back with its inlines: documents, photos and memberships as they were."""

    @classmethod
    def setUpTestData(cls):
        cls.publisher = make_staff("Publishers")
        cls.meeting = make_meeting(title="Summit")
        cls.kept = make_meeting_document(cls.meeting, "Declaration")
        cls.photo = make_meeting_photo(cls.meeting, alt_text="The hall")

    def setUp(self):
        self.client.force_login(self.publisher)
        save_through_admin(self.client, self.meeting)
        self.revision_version = versions_of(self.meeting).first()
        url = admin_url(Meeting, "change", self.meeting.pk)
        data = admin_form_data(self.client.get(url)) | {
            "title_en": "Renamed summit",
            "documents-0-DELETE": "on",
        }
        add_inline_row(
            data, "documents", title_en="Later statement", kind="statement", url="https://example.org/l"
        )
        self.client.post(url, data)

    def restore(self):
        url = reverse("admin:events_meeting_revision", args=[self.meeting.pk, self.revision_version.pk])
        return self.client.post(url, admin_form_data(self.client.get(url)))

    def test_the_change_was_saved_before_the_restore(self):
        self.assertEqual(
            list(Meeting.objects.get(pk=self.meeting.pk).documents.values_list("title", flat=True)),
            ["Later statement"],
        )

    def test_restores_the_fields(self):
        self.assertEqual(self.restore().status_code, 302)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).title_en, "Summit")

    def test_restores_a_deleted_inline(self):
        self.restore()
        self.assertTrue(MeetingDocument.objects.filter(pk=self.kept.pk, title="Declaration").exists())

    def test_removes_an_inline_added_after_the_revision(self):
        self.restore()
        self.assertFalse(MeetingDocument.objects.filter(title="Later statement").exists())

    def test_keeps_the_photos_of_the_revision(self):
        self.restore()
        self.assertTrue(MeetingPhoto.objects.filter(pk=self.photo.pk).exists())

    def test_the_restore_is_itself_a_revision(self):
        self.restore()
        self.assertIn(
            "Reverted to previous version", versions_of(self.meeting).first().revision.get_comment()
        )

    def test_restores_a_countrys_memberships(self):
        country = make_country()
        membership = make_membership(country, note="Admitted in 1999.")
        save_through_admin(self.client, country)
        version = versions_of(country).first()
        url = admin_url(Country, "change", country.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"memberships-0-DELETE": "on"})
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        revision_url = reverse("admin:organisation_country_revision", args=[country.pk, version.pk])
        self.client.post(revision_url, admin_form_data(self.client.get(revision_url)))
        self.assertEqual(Membership.objects.get(pk=membership.pk).note, "Admitted in 1999.")


class RestorePermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.relation = make_relation(lead="Published lead.")

    def test_an_editor_may_not_restore_a_version_that_would_publish_again(self):
        self.client.force_login(self.publisher)
        save_through_admin(self.client, self.relation)
        published_version = versions_of(self.relation).first()
        save_through_admin(self.client, Relation.objects.get(pk=self.relation.pk), status="draft")
        self.client.force_login(self.editor)
        url = reverse("admin:organisation_relation_revision", args=[self.relation.pk, published_version.pk])
        response = self.client.get(url)
        self.assertRedirects(response, admin_url(Relation, "history", self.relation.pk))
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).status, "draft")

    def test_an_editor_may_restore_a_version_with_the_same_publishing_state(self):
        self.client.force_login(self.editor)
        save_through_admin(self.client, self.relation)
        version = versions_of(self.relation).first()
        save_through_admin(self.client, Relation.objects.get(pk=self.relation.pk), lead_en="Changed lead.")
        url = reverse("admin:organisation_relation_revision", args=[self.relation.pk, version.pk])
        response = self.client.post(url, admin_form_data(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).lead_en, "Published lead.")


class RecoverTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.publisher = make_staff("Publishers")
        cls.relation = make_relation(lead="To be deleted.")
        ChangeNote.objects.create(content_object=cls.relation, note="Added the 2021 expert meeting.")

    def setUp(self):
        self.client.force_login(self.publisher)

    def delete_in_admin(self):
        self.client.post(admin_url(Relation, "delete", self.relation.pk), {"post": "yes"})

    def test_a_deleted_item_is_listed_for_recovery(self):
        self.delete_in_admin()
        response = self.client.get(reverse("admin:organisation_relation_recoverlist"))
        self.assertContains(response, str(self.relation))

    def test_a_deleted_item_comes_back_with_its_change_notes(self):
        self.delete_in_admin()
        version = Version.objects.get_deleted(Relation).get()
        url = reverse("admin:organisation_relation_recover", args=[version.pk])
        response = self.client.post(url, admin_form_data(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        relation = Relation.objects.get(pk=self.relation.pk)
        self.assertEqual(
            (relation.lead, [note.note for note in relation.change_notes.all()]),
            ("To be deleted.", ["Added the 2021 expert meeting."]),
        )

    def test_an_item_deleted_through_the_api_can_be_recovered(self):
        token = make_token(self.publisher)
        self.client.delete(
            reverse("api:relation-detail", args=[self.relation.pk]), HTTP_AUTHORIZATION=f"Token {token.key}"
        )
        self.assertEqual(Version.objects.get_deleted(Relation).get().object_id, str(self.relation.pk))


class InlineDiffTests(TestCase):
    def test_marks_the_words_removed_and_added(self):
        from organisation.history import inline_diff

        self.assertEqual(
            inline_diff("Held in Baku in 2011", "Held in Almaty in 2011"),
            "Held in <del>Baku</del><ins>Almaty</ins> in 2011",
        )

    def test_escapes_the_text(self):
        from organisation.history import inline_diff

        self.assertEqual(inline_diff("a", "<b>"), "<del>a</del><ins>&lt;b&gt;</ins>")
