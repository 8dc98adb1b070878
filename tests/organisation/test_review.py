"""The review workflow (organisation.review): nothing the public sees changes without a Publisher.

An Editor's save of anything public, through the admin or the API, becomes a pending version; the
public keeps every byte of the live one until a Publisher publishes it.
"""

import datetime
import re
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from events.models import Meeting, MeetingChange
from organisation.models import (
    AuditEvent,
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    Organisation,
    PendingVersion,
    PolicyPage,
    PreviewLink,
    Relation,
    Translatable,
)
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    days,
    load_seed,
    make_coordinator,
    make_country,
    make_meeting,
    make_relation,
    make_staff,
    make_token,
    run_tasks,
    today,
)
from tests.smtp import SMTP, Sink, free_port

API_LISTS = [
    "bodies",
    "founding-documents",
    "countries",
    "memberships",
    "measures",
    "relations",
    "meetings",
    "policy-pages",
]

# A change to each kind of content, by its admin form field and its API field.
EDITS = {
    Organisation: ("purpose_en", "purpose"),
    FoundingDocument: ("summary_en", "summary"),
    Relation: ("lead_en", "lead"),
    PolicyPage: ("title_en", "title"),
    Meeting: ("summary_en", "summary"),
    Country: ("name_en", "name"),
    Membership: ("note_en", "note"),
    Body: ("role_en", "role"),
    MeasureArea: ("name_en", None),
    Measure: ("name_en", "name"),
    Coordinator: ("role", "role"),
}


HIDDEN_VALUE = re.compile(rb'(<input type="hidden" name="[^"]+") value="[^"]*"')


def public_pages(client):
    """Every public page and API answer of the site, byte for byte, as an anonymous visitor gets them."""
    urls = ["/sitemap.xml", "/robots.txt", "/api/v1/organisation/"]
    for language in ("en", "ru"):
        prefix = f"/{language}/"
        urls += [prefix + path for path in ("", "about/", "member-states/", "measures/", "meetings/")]
        urls += [prefix + "feeds/meetings/", prefix + "feeds/relations/", prefix + "meetings/calendar.ics"]
        urls += [item.get_absolute_url().replace("/en/", prefix, 1) for item in Relation.objects.all()]
        urls += [item.get_absolute_url().replace("/en/", prefix, 1) for item in PolicyPage.objects.all()]
        urls += [item.get_absolute_url().replace("/en/", prefix, 1) for item in Meeting.objects.all()]
    for name in API_LISTS:
        urls += [f"/api/v1/{name}/?page_size=100"]
        urls += [
            f"/api/v1/{name}/{item['id']}/"
            for item in client.get(f"/api/v1/{name}/?page_size=100").json()["results"]
        ]
    pages = {}
    for url in urls:
        response = client.get(url)
        content = b"".join(response) if response.streaming else response.content
        # Forms' hidden values (the contact form's CSRF token and start time) differ on every request.
        pages[url] = (response.status_code, HIDDEN_VALUE.sub(rb"\1", content))
    return pages


# The walks over every public page would reach the API's per-client limit.
@override_settings(
    REST_FRAMEWORK={
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
)
class SiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = make_staff("Editors", username="elif")
        cls.publisher = make_staff("Publishers", username="pavel")
        azerbaijan = Country.objects.get(code="AZ")
        make_coordinator(Measure.objects.first(), make_country("Ruritania", "XR", slug="ruritania"))
        MeasureArea.objects.create(name="Economic dimension", slug="economic")
        Measure.objects.update(area=MeasureArea.objects.get())
        cls.meeting = make_meeting("Expert meeting in Baku", host_country=azerbaijan, summary="Planned.")

    def objects(self):
        """One stored object of each kind of content."""
        return {model: model._base_manager.order_by("pk").first() for model in EDITS}


class EditorsLeavePublicPagesUnchangedTests(SiteTestCase):
    """The issue's bar: an Editor's save of every kind of public content leaves every public byte
    unchanged until a Publisher publishes it."""

    def edit_everything_in_the_admin(self):
        self.client.force_login(self.editor)
        for model, (field, _api_field) in EDITS.items():
            obj = self.objects()[model]
            url = admin_url(model, "change", obj.pk)
            data = admin_form_data(self.client.get(url))
            data[field] = "co-coordinator" if model is Coordinator else "Changed by the editor."
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 302, f"{model.__name__}: {response.content[:300]!r}")
        self.client.logout()

    def edit_everything_through_the_api(self):
        token = make_token(self.editor)
        paths = {
            FoundingDocument: "founding-documents",
            Relation: "relations",
            PolicyPage: "policy-pages",
            Meeting: "meetings",
            Country: "countries",
            Membership: "memberships",
            Body: "bodies",
            Measure: "measures",
        }
        for model, path in paths.items():
            obj = self.objects()[model]
            api_field = EDITS[model][1]
            response = self.client.patch(
                f"/api/v1/{path}/{obj.pk}/",
                {api_field: "Changed by the editor.", "version": obj.version},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {token.key}",
            )
            self.assertEqual(response.status_code, 202, f"{model.__name__}: {response.content[:300]!r}")
        organisation = Organisation.objects.get()
        response = self.client.patch(
            "/api/v1/organisation/",
            {"purpose": "Changed by the editor.", "version": organisation.version},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        self.assertEqual(response.status_code, 202, response.content[:300])

    def publish_everything(self):
        self.client.force_login(self.publisher)
        for pending in PendingVersion.objects.all():
            model = pending.content_type.model_class()
            response = self.client.post(admin_url(model, "pending", pending.object_id), {"action": "publish"})
            self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertFalse(PendingVersion.objects.exists())

    def test_through_the_admin(self):
        before = public_pages(self.client)
        self.edit_everything_in_the_admin()
        self.assertEqual(PendingVersion.objects.count(), len(EDITS))
        after = public_pages(self.client)
        changed = [url for url in before if before[url] != after[url]]
        self.assertEqual(changed, [])
        self.publish_everything()
        self.assertContains(self.client.get("/en/about/"), "Changed by the editor.")
        self.assertEqual(Coordinator.objects.order_by("pk").first().role, "co-coordinator")

    def test_through_the_api(self):
        before = public_pages(self.client)
        self.edit_everything_through_the_api()
        self.assertEqual(PendingVersion.objects.count(), 9)
        after = public_pages(self.client)
        changed = [url for url in before if before[url] != after[url]]
        self.assertEqual(changed, [])
        self.publish_everything()
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), "Changed by the editor.")

    def test_an_editors_addition_to_the_registry_waits_too(self):
        self.client.force_login(self.editor)
        data = admin_form_data(self.client.get(admin_url(Country, "add")))
        data |= {"name_en": "Oman", "code": "OM", "slug": "oman"}
        add_inline_row(data, "memberships", status=Membership.Status.MEMBER, joined_on=today() - days(10))
        before = public_pages(self.client)
        self.assertEqual(self.client.post(admin_url(Country, "add"), data).status_code, 302)
        self.assertFalse(Country.objects.filter(code="OM").exists())
        self.assertEqual(before, public_pages(self.client))
        self.publish_everything()
        self.assertEqual(Country.objects.get(code="OM").memberships.get().status, Membership.Status.MEMBER)
        self.assertContains(self.client.get("/en/member-states/"), "Oman")


class ReviewFlowTests(SiteTestCase):
    """Submit with a message; a Publisher compares, sends back with a comment or publishes."""

    def setUp(self):
        self.relation = Relation.objects.get()
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", self.relation.pk)
        data = admin_form_data(self.client.get(url)) | {"lead_en": "A new lead, for review."}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.pending_url = admin_url(Relation, "pending", self.relation.pk)

    def pending(self):
        return PendingVersion.objects.get()

    def test_the_change_form_says_the_change_waits_for_review(self):
        response = self.client.get(admin_url(Relation, "change", self.relation.pk), follow=True)
        self.assertContains(response, "This form shows the pending version.")
        self.assertContains(response, "A new lead, for review.")

    def test_the_message_after_the_save_says_so(self):
        url = admin_url(Relation, "change", self.relation.pk)
        response = self.client.post(url, admin_form_data(self.client.get(url)), follow=True)
        self.assertContains(response, "Saved as a pending version")

    def test_submitted_versions_are_in_the_publishers_queue_oldest_first(self):
        older = make_relation(make_country("Older", "XO"))
        for relation in (older, self.relation):
            if relation is older:
                url = admin_url(Relation, "change", older.pk)
                self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "Older change."})
            self.client.post(
                admin_url(Relation, "pending", relation.pk), {"action": "submit", "message": "Please look."}
            )
        PendingVersion.objects.filter(object_id=older.pk).update(submitted_at=timezone.now() - days(1))
        self.client.force_login(self.publisher)
        content = self.client.get(reverse("admin:index")).content.decode()
        self.assertIn("Awaiting your review", content)
        self.assertLess(content.index(str(older)), content.index(str(self.relation)))

    def test_the_editors_queue_shows_their_own_versions(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Your pending versions")

    def test_the_compare_shows_the_field_by_field_changes(self):
        self.client.force_login(self.publisher)
        response = self.client.get(self.pending_url)
        self.assertContains(response, "<ins>new</ins>", html=False)
        self.assertContains(response, "Lead paragraph [en]")

    def test_submit_then_send_back_keeps_the_editors_text_and_shows_the_comment(self):
        self.client.post(self.pending_url, {"action": "submit", "message": "Updated the lead."})
        self.assertEqual(self.pending().state, PendingVersion.State.SUBMITTED)
        self.client.force_login(self.publisher)
        self.client.post(self.pending_url, {"action": "send-back", "message": "Say when it was agreed."})
        self.assertEqual(self.pending().state, PendingVersion.State.SENT_BACK)
        self.client.force_login(self.editor)
        response = self.client.get(admin_url(Relation, "change", self.relation.pk))
        self.assertContains(response, "Say when it was agreed.")
        self.assertContains(response, "A new lead, for review.")
        self.assertEqual(Relation.objects.get().lead, self.relation.lead)

    def test_sending_back_needs_a_comment(self):
        self.client.force_login(self.publisher)
        self.client.post(self.pending_url, {"action": "send-back", "message": ""})
        self.assertEqual(self.pending().state, PendingVersion.State.DRAFT)

    def test_an_editor_may_not_publish_or_send_back(self):
        for action in ("publish", "send-back"):
            with self.subTest(action=action):
                response = self.client.post(self.pending_url, {"action": action, "message": "Mine."})
                self.assertEqual(response.status_code, 403)
        self.assertEqual(Relation.objects.get().lead, self.relation.lead)

    def test_publishing_replaces_the_live_version(self):
        self.client.force_login(self.publisher)
        self.client.post(self.pending_url, {"action": "publish"})
        self.assertContains(self.client.get(self.relation.get_absolute_url()), "A new lead, for review.")
        self.assertFalse(PendingVersion.objects.exists())

    def test_discarding_leaves_the_live_version(self):
        self.client.post(self.pending_url, {"action": "discard"})
        self.assertFalse(PendingVersion.objects.exists())
        self.assertEqual(Relation.objects.get().lead, self.relation.lead)

    def test_each_step_is_in_the_audit_trail_with_who_and_the_message(self):
        self.client.post(self.pending_url, {"action": "submit", "message": "Updated the lead."})
        self.client.force_login(self.publisher)
        self.client.post(self.pending_url, {"action": "publish", "message": "Fine."})
        events = list(AuditEvent.objects.order_by("pk").values_list("action", "user__username", "message"))
        self.assertEqual(
            events,
            [
                ("saved-pending", "elif", ""),
                ("submitted", "elif", "Updated the lead."),
                ("approved", "pavel", "Fine."),
                ("published", "pavel", "Fine."),
            ],
        )
        history = self.client.get(admin_url(Relation, "history", self.relation.pk))
        self.assertContains(history, "submitted for review")
        audit_list = self.client.get(admin_url(AuditEvent, "changelist") + "?action__exact=submitted")
        self.assertContains(audit_list, "Updated the lead.")
        self.assertNotContains(audit_list, "Fine.")

    def test_a_second_editor_working_from_an_old_form_is_refused(self):
        other = make_staff("Editors", username="omar", first_name="Omar")
        url = admin_url(Relation, "change", self.relation.pk)
        self.client.force_login(other)
        stale = admin_form_data(self.client.get(url))
        self.client.force_login(self.editor)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "The second lead of Elif."})
        self.client.force_login(other)
        response = self.client.post(url, stale | {"lead_en": "The lead of Omar."})
        self.assertEqual(response.status_code, 200)
        self.assertIn("was changed by elif", response.context["adminform"].form.non_field_errors()[0])
        self.assertIn("The second lead of Elif.", str(self.pending().snapshot))

    def test_a_publisher_may_keep_a_change_pending(self):
        self.client.force_login(self.publisher)
        url = admin_url(Relation, "change", self.relation.pk)
        data = admin_form_data(self.client.get(url)) | {
            "lead_en": "The draft of the publisher.",
            "_keep_pending": "1",
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(Relation.objects.get().lead, self.relation.lead)
        self.assertIn("The draft of the publisher.", str(self.pending().snapshot))

    def test_a_publishers_own_save_publishes_the_pending_version_with_it(self):
        self.client.force_login(self.publisher)
        url = admin_url(Relation, "change", self.relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"body_en": "<p>Reviewed.</p>"})
        live = Relation.objects.get()
        self.assertEqual((live.lead, live.body), ("A new lead, for review.", "<p>Reviewed.</p>"))
        self.assertFalse(PendingVersion.objects.exists())


class ApiReviewTests(SiteTestCase):
    def setUp(self):
        self.editor_token, self.publisher_token = make_token(self.editor), make_token(self.publisher)
        self.url = f"/api/v1/meetings/{self.meeting.pk}/"
        response = self.call("patch", self.url, self.editor_token, summary="Moved to spring.", version=1)
        self.assertEqual(response.status_code, 202)

    def call(self, method, url, token, **data):
        return getattr(self.client, method)(
            url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}"
        )

    def test_the_pending_version_is_read_by_staff_and_not_by_the_public(self):
        response = self.call("get", self.url + "pending/", self.editor_token)
        self.assertEqual(response.json()["summary"], "Moved to spring.")
        self.assertEqual(response.json()["pending_review"]["updated_by"], "elif")
        self.assertEqual(self.client.get(self.url + "pending/").status_code, 404)
        self.assertEqual(self.client.get(self.url).json()["summary"], "Planned.")

    def test_a_further_change_sends_the_pending_versions_version(self):
        version = self.call("get", self.url + "pending/", self.editor_token).json()["version"]
        response = self.call("patch", self.url, self.editor_token, theme="Connectivity", version=version)
        self.assertEqual(response.status_code, 202)
        stale = self.call("patch", self.url, self.editor_token, theme="Other", version=version)
        self.assertEqual(stale.status_code, 409)

    def test_submit_send_back_and_publish(self):
        submitted = self.call("post", self.url + "pending/submit/", self.editor_token, message="Please.")
        self.assertEqual(submitted.json()["pending_review"]["state"], "submitted")
        refused = self.call("post", self.url + "pending/publish/", self.editor_token)
        self.assertEqual(refused.status_code, 403)
        sent_back = self.call("post", self.url + "pending/send-back/", self.publisher_token, message="Date?")
        self.assertEqual(sent_back.json()["pending_review"]["comment"], "Date?")
        published = self.call("post", self.url + "pending/publish/", self.publisher_token)
        self.assertEqual(published.json()["summary"], "Moved to spring.")
        self.assertEqual(self.client.get(self.url).json()["summary"], "Moved to spring.")

    def test_a_scheduled_publication(self):
        at = timezone.now() + datetime.timedelta(hours=2)
        response = self.call(
            "post", self.url + "pending/publish/", self.publisher_token, publish_at=at.isoformat()
        )
        self.assertEqual(response.json()["pending_review"]["state"], "scheduled")
        self.assertEqual(self.client.get(self.url).json()["summary"], "Planned.")

    def test_discard(self):
        response = self.call("delete", self.url + "pending/", self.editor_token)
        self.assertEqual(response.status_code, 204)
        self.assertFalse(PendingVersion.objects.exists())


@pytest.mark.page_cache
class ScheduledPublicationTests(SiteTestCase):
    """A scheduled pending version replaces the live one on time, with the page cache on."""

    def test_the_live_version_is_replaced_at_the_time_set(self):
        relation = Relation.objects.get()
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "The scheduled lead."})
        self.client.force_login(self.publisher)
        at = timezone.now() + datetime.timedelta(hours=1)
        # As in production, what follows the commit runs: the schedule of publications is read again.
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                admin_url(Relation, "pending", relation.pk),
                {"action": "publish", "publish_at": timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")},
            )
        self.client.logout()
        page = relation.get_absolute_url()
        first = self.client.get(page)
        self.assertNotContains(first, "The scheduled lead.")
        self.assertEqual(self.client.get(page)["X-Cache"], "hit")
        later = at + datetime.timedelta(seconds=1)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            mock.patch("time.time", return_value=later.timestamp()),
        ):
            response = self.client.get(page)
        self.assertContains(response, "The scheduled lead.")
        self.assertFalse(PendingVersion.objects.exists())

    def test_an_editors_change_to_an_approved_version_withdraws_the_approval(self):
        relation = Relation.objects.get()
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "Approved text."})
        self.client.force_login(self.publisher)
        at = timezone.localtime(timezone.now() + days(1)).strftime("%Y-%m-%d %H:%M:%S")
        self.client.post(admin_url(Relation, "pending", relation.pk), {"action": "publish", "publish_at": at})
        self.client.force_login(self.editor)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "Unreviewed text."})
        self.assertEqual(PendingVersion.objects.get().state, PendingVersion.State.DRAFT)


class PendingPreviewTests(SiteTestCase):
    def setUp(self):
        self.relation = Relation.objects.get()
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", self.relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "The pending lead."})

    def test_staff_preview_the_pending_version_at_the_public_address(self):
        response = self.client.get(self.relation.get_absolute_url() + "?pending")
        self.assertContains(response, "The pending lead.")
        self.assertContains(response, "Pending version: not public.")
        self.assertIn("no-store", response["Cache-Control"])

    def test_staff_see_the_live_version_without_asking(self):
        self.assertNotContains(self.client.get(self.relation.get_absolute_url()), "The pending lead.")

    def test_the_public_asking_for_the_pending_version_gets_the_live_one(self):
        self.client.logout()
        self.assertNotContains(
            self.client.get(self.relation.get_absolute_url() + "?pending"), "The pending lead."
        )

    def test_a_preview_link_shows_it_until_it_is_published(self):
        self.client.post(admin_url(Relation, "preview_link", self.relation.pk))
        link = PreviewLink.objects.get()
        self.assertTrue(link.of_pending)
        self.client.logout()
        self.assertContains(self.client.get(link.get_absolute_url()), "The pending lead.")
        self.client.force_login(self.publisher)
        self.client.post(admin_url(Relation, "pending", self.relation.pk), {"action": "publish"})
        self.client.logout()
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 404)


class RestoreTests(SiteTestCase):
    """Restoring a revision is an edit like any other; translations come back to be reviewed."""

    def test_an_editors_restore_of_a_published_item_waits_for_review(self):
        relation = Relation.objects.get()
        self.client.force_login(self.publisher)
        url = admin_url(Relation, "change", relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "Second lead."})
        first = Version.objects.get_for_object(relation).last()
        self.client.force_login(self.editor)
        revision_url = admin_url(Relation, "revision", relation.pk, first.pk)
        response = self.client.post(revision_url, admin_form_data(self.client.get(revision_url)))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Relation.objects.get().lead, "Second lead.")
        self.assertTrue(PendingVersion.objects.exists())
        self.assertTrue(AuditEvent.objects.filter(action="restored").exists())

    def test_a_restore_never_marks_a_translation_up_to_date(self):
        relation = Relation.objects.get()
        self.assertEqual(relation.translation_status("az"), Translatable.TranslationStatus.REVIEW)
        self.client.force_login(self.publisher)
        url = admin_url(Relation, "change", relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_az": "Yeni giriş."})
        before_the_edit = Version.objects.get_for_object(relation)[1]
        revision_url = admin_url(Relation, "revision", relation.pk, before_the_edit.pk)
        self.client.post(revision_url, admin_form_data(self.client.get(revision_url)))
        restored = Relation.objects.get()
        self.assertNotEqual(restored.lead_az, "Yeni giriş.")
        self.assertEqual(restored.translation_status("az"), Translatable.TranslationStatus.REVIEW)


class PublishActionTests(SiteTestCase):
    def test_the_actions_are_in_the_audit_trail(self):
        relation = Relation.objects.get()
        self.client.force_login(self.publisher)
        for action in ("unpublish_selected", "publish_selected"):
            self.client.post(
                admin_url(Relation, "changelist"),
                {"action": action, ACTION_CHECKBOX_NAME: [relation.pk], "index": 0},
            )
        events = (
            AuditEvent.objects.filter(object_id=relation.pk).order_by("pk").values_list("action", flat=True)
        )
        self.assertEqual(list(events), ["unpublished", "published"])


class AnnouncedChangeOnPublicationTests(SiteTestCase):
    def test_recorded_when_the_new_dates_are_published_not_when_drafted(self):
        self.client.force_login(self.editor)
        url = admin_url(Meeting, "change", self.meeting.pk)
        new_start = self.meeting.start_date + days(14)
        data = admin_form_data(self.client.get(url)) | {"start_date": new_start, "end_date": new_start}
        self.client.post(url, data)
        self.assertFalse(MeetingChange.objects.filter(meeting=self.meeting).exists())
        self.client.force_login(self.publisher)
        self.client.post(admin_url(Meeting, "pending", self.meeting.pk), {"action": "publish"})
        change = MeetingChange.objects.get(meeting=self.meeting)
        self.assertEqual(change.previous_start_date, self.meeting.start_date)
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), "Previously announced")


@pytest.mark.page_cache
class PreviewKeepsNothingTests(SiteTestCase):
    """A pending version's preview is rendered from rows that are undone: no page, fragment or
    shared value made from them is kept for anyone else."""

    def test_a_pending_save_and_its_preview_retire_no_cached_page(self):
        relation = Relation.objects.get()
        page = relation.get_absolute_url()
        self.client.get(page)
        self.assertEqual(self.client.get(page)["X-Cache"], "hit")
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "A pending lead."})
        self.assertContains(self.client.get(page + "?pending"), "A pending lead.")
        self.client.logout()
        self.assertEqual(self.client.get(page)["X-Cache"], "hit")

    def test_the_public_never_gets_what_a_preview_showed(self):
        page = PolicyPage.objects.get(slug="privacy")
        self.client.force_login(self.editor)
        url = admin_url(PolicyPage, "change", page.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"title_en": "Pending Policy Title"})
        self.client.force_login(self.publisher)
        # The first page rendered since the caches were emptied: the footer's list of policy pages
        # (a shared value, in a fragment) is made from the pending version's rows.
        self.assertContains(self.client.get(page.get_absolute_url() + "?pending"), "Pending Policy Title")
        self.client.logout()
        for address in ("/en/", "/en/about/", "/en/member-states/", "/en/meetings/"):
            with self.subTest(address=address):
                self.assertNotContains(self.client.get(address), "Pending Policy Title")


class NotificationTests(SiteTestCase):
    """Each review step is e-mailed to whoever must act or wants to know, with the admin's address."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for user, email in ((cls.editor, "elif@example.org"), (cls.publisher, "pavel@example.org")):
            user.email = email
            user.first_name, user.last_name = user.username.title(), "Staff"
            user.save()
        cls.other_publisher = make_staff("Publishers", username="parisa", email="parisa@example.org")
        make_staff("Editors", username="emil", email="emil@example.org")  # Neither asked nor told.

    def setUp(self):
        self.relation = Relation.objects.get()
        self.client.force_login(self.editor)
        url = admin_url(Relation, "change", self.relation.pk)
        self.client.post(url, admin_form_data(self.client.get(url)) | {"lead_en": "A new lead."})
        self.review_url = admin_url(Relation, "pending", self.relation.pk)

    def step(self, user, action, message=""):
        self.client.force_login(user)
        response = self.client.post(self.review_url, {"action": action, "message": message})
        self.assertEqual(response.status_code, 302)
        mail.outbox.clear()
        run_tasks()
        return list(mail.outbox)

    def test_a_submission_goes_to_every_publisher(self):
        (message,) = self.step(self.editor, "submit", "Updated after the visit.")
        self.assertEqual(sorted(message.to), ["parisa@example.org", "pavel@example.org"])
        self.assertEqual(message.subject, f"For review: “{self.relation}”")
        self.assertIn("Elif Staff asks you to review a change to the relations page", message.body)
        self.assertIn("Updated after the visit.", message.body)
        self.assertIn(f"{settings.SITE_URL}{self.review_url}", message.body)

    def test_sent_back_the_editor_reads_the_comment(self):
        self.step(self.editor, "submit")
        (message,) = self.step(self.publisher, "send-back", "Give the date of the visit.")
        self.assertEqual(message.to, ["elif@example.org"])
        self.assertEqual(message.subject, f"Sent back: “{self.relation}”")
        self.assertIn("Pavel Staff sent back your change", message.body)
        self.assertIn("Give the date of the visit.", message.body)
        self.assertIn(f"{settings.SITE_URL}{self.review_url}", message.body)

    def test_published_the_editor_is_told(self):
        self.step(self.editor, "submit")
        (message,) = self.step(self.publisher, "publish")
        self.assertEqual(
            (message.to, message.subject), (["elif@example.org"], f"Published: “{self.relation}”")
        )
        self.assertIn("the public sees it now", message.body)
        self.assertIn(settings.SITE_URL + admin_url(Relation, "change", self.relation.pk), message.body)

    def test_a_publisher_is_not_told_of_their_own_step(self):
        self.client.force_login(self.publisher)
        url = admin_url(Relation, "change", self.relation.pk)
        data = admin_form_data(self.client.get(url)) | {"lead_en": "Theirs.", "_keep_pending": "1"}
        self.client.post(url, data)
        self.assertEqual([m.to for m in self.step(self.publisher, "submit")], [["parisa@example.org"]])

    def test_a_submission_reaches_a_real_smtp_server(self):
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        self.addCleanup(controller.stop)
        with override_settings(**SMTP, EMAIL_PORT=controller.port):
            self.step(self.editor, "submit", "Updated after the visit.")
        (envelope,) = sink.envelopes
        self.assertEqual(sorted(envelope.rcpt_tos), ["parisa@example.org", "pavel@example.org"])
        self.assertIn("Updated after the visit.", envelope.content.decode())

    def test_with_the_mail_server_down_every_step_completes_and_the_mail_waits(self):
        with override_settings(**SMTP, EMAIL_PORT=free_port()):
            self.assertEqual(self.step(self.editor, "submit"), [])
            self.assertEqual(self.step(self.publisher, "publish"), [])
        self.assertContains(self.client.get(self.relation.get_absolute_url()), "A new lead.")
        self.assertEqual(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(), 2)
        self.assertEqual(DBTaskResult.objects.filter(status=TaskResultStatus.READY).count(), 2)  # Retries.
