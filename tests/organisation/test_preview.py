"""Preview: staff see drafts at their public address; reviewers without an account use a preview link."""

import datetime
from unittest import mock

from django.core import signing
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from events.models import Meeting
from organisation.models import PolicyPage, PreviewLink, Relation
from tests.factories import (
    admin_form_data,
    admin_url,
    days,
    make_founding_document,
    make_meeting,
    make_organisation,
    make_policy_page,
    make_relation,
    make_staff,
    post_action,
)


def assert_preview_headers(test, response):
    test.assertIn("no-store", response["Cache-Control"])
    test.assertIn("private", response["Cache-Control"])
    test.assertIn("noindex", response["X-Robots-Tag"])


class StaffPreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.draft = make_relation(published=False)
        cls.scheduled = make_meeting(publish_at=timezone.now() + days(2))

    def test_the_public_gets_404_for_a_draft(self):
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_an_editor_sees_the_draft_with_the_banner(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.draft.get_absolute_url())
        self.assertContains(response, "Draft: not public.")

    def test_a_publisher_sees_a_scheduled_item_with_its_time(self):
        self.client.force_login(self.publisher)
        response = self.client.get(self.scheduled.get_absolute_url())
        self.assertContains(response, "Scheduled: not public until")

    def test_a_draft_shown_to_staff_is_never_cached_nor_indexed(self):
        self.client.force_login(self.editor)
        assert_preview_headers(self, self.client.get(self.draft.get_absolute_url()))

    def test_a_published_page_has_no_banner_for_staff(self):
        self.client.force_login(self.editor)
        response = self.client.get(make_relation().get_absolute_url())
        self.assertNotContains(response, "not public")

    def test_staff_without_the_change_permission_get_404(self):
        viewer = make_staff()
        self.client.force_login(viewer)
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_a_draft_policy_page_is_shown_to_an_editor(self):
        page = make_policy_page(published=False)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(page.get_absolute_url()), "Draft: not public.")

    def test_a_draft_profile_is_shown_to_an_editor_on_the_about_page(self):
        make_organisation(status="draft")
        self.client.force_login(self.editor)
        response = self.client.get("/en/about/")
        self.assertContains(response, "Draft: not public.")
        assert_preview_headers(self, response)

    def test_a_draft_founding_document_is_marked_on_the_about_page_for_staff(self):
        make_organisation()
        make_founding_document("Draft act", published=False)
        self.client.force_login(self.editor)
        self.assertContains(
            self.client.get("/en/about/"), '<span class="draft-label">Draft: not public</span>'
        )

    def test_a_draft_founding_document_is_not_on_the_public_about_page(self):
        make_organisation()
        make_founding_document("Draft act", published=False)
        self.assertNotContains(self.client.get("/en/about/"), "Draft act")


class PreviewLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.draft = make_meeting(title="Draft summit", published=False)

    def make_link(self, **kwargs):
        return PreviewLink.objects.create(content_object=self.draft, created_by=self.editor, **kwargs)

    def test_shows_the_draft_to_anyone_with_the_link(self):
        response = self.client.get(self.make_link().get_absolute_url())
        self.assertContains(response, "<h1>Draft summit</h1>", html=True)
        self.assertContains(response, "Draft: not public.")

    def test_is_never_cached_nor_indexed(self):
        assert_preview_headers(self, self.client.get(self.make_link().get_absolute_url()))

    def test_does_not_open_the_public_address(self):
        self.client.get(self.make_link().get_absolute_url())
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_two_links_to_the_same_draft_have_different_addresses(self):
        # Each carries a random nonce, signed: an address cannot be made from an id.
        self.assertNotEqual(self.make_link().get_absolute_url(), self.make_link().get_absolute_url())

    def test_the_address_is_the_same_each_time_it_is_shown(self):
        link = self.make_link()
        with mock.patch("django.core.signing.time.time", return_value=1_800_000_000):
            first = link.get_absolute_url()
        with mock.patch("django.core.signing.time.time", return_value=1_800_000_001):
            self.assertEqual(link.get_absolute_url(), first)

    def test_an_address_given_out_with_its_signing_time_still_works(self):
        link = self.make_link()
        token = signing.dumps({"id": link.pk, "nonce": link.nonce}, salt=PreviewLink.SALT)
        response = self.client.get(reverse("organisation:preview", kwargs={"token": token}))
        self.assertContains(response, "<h1>Draft summit</h1>", html=True)

    def test_an_address_signed_with_another_key_is_404(self):
        link = self.make_link()
        with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-000000000000"):
            url = link.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_tampered_address_is_404(self):
        url = self.make_link().get_absolute_url()
        self.assertEqual(self.client.get(url[:-3] + "xx/").status_code, 404)

    def test_a_forged_link_with_another_nonce_is_404(self):
        link = self.make_link()
        forged = PreviewLink(pk=link.pk, nonce="guessed")
        self.assertEqual(self.client.get(forged.get_absolute_url()).status_code, 404)

    def test_an_expired_link_is_404(self):
        link = self.make_link(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)

    def test_a_revoked_link_is_404(self):
        link = self.make_link()
        link.revoke()
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)

    def test_a_link_stops_working_once_the_content_is_published(self):
        link = self.make_link()
        Meeting.objects.filter(pk=self.draft.pk).update(status="published", publish_at=timezone.now())
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)

    def test_a_link_does_not_come_back_when_the_content_is_taken_down_again(self):
        link = self.make_link()
        self.draft.status = Meeting.Status.PUBLISHED
        self.draft.save()
        self.draft.status = Meeting.Status.DRAFT
        self.draft.save()
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)
        link.refresh_from_db()
        self.assertIsNotNone(link.revoked_at)

    def test_a_link_to_scheduled_content_works_until_it_appears_and_never_after(self):
        publish_at = timezone.now() + datetime.timedelta(hours=1)
        self.draft.status, self.draft.publish_at = Meeting.Status.PUBLISHED, publish_at
        self.draft.save()
        link = self.make_link()
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 200)
        # The time comes with no save; then an editor takes the meeting down.
        with mock.patch("django.utils.timezone.now", return_value=publish_at + datetime.timedelta(minutes=1)):
            self.draft.status = Meeting.Status.DRAFT
            self.draft.save()
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)

    def test_a_link_opened_after_a_scheduled_publication_ends_for_good(self):
        publish_at = timezone.now() + datetime.timedelta(hours=1)
        Meeting.objects.filter(pk=self.draft.pk).update(status="published", publish_at=publish_at)
        link = self.make_link()
        with mock.patch("django.utils.timezone.now", return_value=publish_at + datetime.timedelta(minutes=1)):
            self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)
        link.refresh_from_db()
        self.assertIsNotNone(link.revoked_at)

    @override_settings(PREVIEW_LINK_DAYS=3)
    def test_expires_after_the_set_number_of_days(self):
        link = self.make_link()
        self.assertAlmostEqual(
            link.expires_at, timezone.now() + datetime.timedelta(days=3), delta=datetime.timedelta(minutes=1)
        )

    def test_expires_after_seven_days_by_default(self):
        link = self.make_link()
        self.assertAlmostEqual(
            link.expires_at, timezone.now() + datetime.timedelta(days=7), delta=datetime.timedelta(minutes=1)
        )

    def test_works_for_a_policy_page(self):
        page = make_policy_page(title="Draft policy", published=False)
        link = PreviewLink.objects.create(content_object=page)
        self.assertContains(self.client.get(link.get_absolute_url()), "Draft policy")

    def test_shows_only_its_own_draft(self):
        other = make_policy_page(published=False)
        link = PreviewLink.objects.create(content_object=make_policy_page(published=False))
        self.client.get(link.get_absolute_url())
        self.assertEqual(self.client.get(other.get_absolute_url()).status_code, 404)


class PreviewLinkAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.draft = make_policy_page(published=False)

    def create_link(self, user):
        self.client.force_login(user)
        return self.client.post(admin_url(PolicyPage, "preview_link", self.draft.pk), follow=True)

    def test_an_editor_creates_a_link_and_sees_its_address(self):
        response = self.create_link(self.editor)
        link = PreviewLink.objects.get()
        self.assertEqual(link.created_by, self.editor)
        self.assertContains(response, link.get_absolute_url())

    def test_a_publisher_creates_a_link(self):
        self.create_link(self.publisher)
        self.assertEqual(PreviewLink.objects.get().created_by, self.publisher)

    def test_the_change_form_offers_the_button_for_a_draft(self):
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(PolicyPage, "change", self.draft.pk))
        self.assertContains(response, "Create a preview link")

    def test_no_link_is_made_for_published_content(self):
        page = make_policy_page()
        self.client.force_login(self.editor)
        self.client.post(admin_url(PolicyPage, "preview_link", page.pk))
        self.assertFalse(PreviewLink.objects.exists())

    def test_a_get_makes_no_link(self):
        self.client.force_login(self.editor)
        self.assertEqual(
            self.client.get(admin_url(PolicyPage, "preview_link", self.draft.pk)).status_code, 405
        )

    def test_an_editor_revokes_a_link_from_the_items_page(self):
        self.create_link(self.editor)
        url = admin_url(PolicyPage, "change", self.draft.pk)
        data = admin_form_data(self.client.get(url))
        data["organisation-previewlink-content_type-object_id-0-revoke"] = "on"
        self.client.post(url, data)
        link = PreviewLink.objects.get()
        self.assertIsNotNone(link.revoked_at)
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)

    def test_a_publisher_revokes_links_from_the_list(self):
        self.create_link(self.editor)
        self.client.force_login(self.publisher)
        post_action(self.client, PreviewLink, "revoke_selected", PreviewLink.objects.get())
        self.assertIsNotNone(PreviewLink.objects.get().revoked_at)

    def test_a_relation_draft_gets_a_link_too(self):
        relation = make_relation(published=False)
        self.client.force_login(self.editor)
        self.client.post(admin_url(Relation, "preview_link", relation.pk))
        self.assertEqual(PreviewLink.objects.get().content_object, relation)
