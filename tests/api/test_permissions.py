"""Who may read and write: anonymous clients, bad tokens, Editors, Publishers and superusers.

Meetings stand for every publishable resource: the rules live in the shared base classes.
"""

from django.contrib.auth.models import User
from django.utils import timezone

from events.models import Meeting
from tests.api.base import ApiTestCase
from tests.factories import days, make_country, make_meeting, make_staff, make_token

URL = "/api/v1/meetings/"
NEW = {"title": "New meeting", "slug": "new-meeting", "kind": "experts", "start_date": "2030-05-01"}


class PermissionTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting("Published meeting")
        cls.editor = make_token(make_staff("Editors"))
        cls.publisher = make_token(make_staff("Publishers"))

    def detail(self, meeting=None):
        return f"{URL}{(meeting or self.meeting).pk}/"

    def post(self, data, token=None):
        headers = self.auth(token) if token else {}
        return self.client.post(URL, data, content_type="application/json", **headers)

    def patch(self, data, token=None, meeting=None):
        headers = self.auth(token) if token else {}
        # A change sends the version it read (tests/organisation/test_versions.py).
        data = {"version": Meeting.objects.get(pk=(meeting or self.meeting).pk).version, **data}
        return self.client.patch(self.detail(meeting), data, content_type="application/json", **headers)


class AnonymousTests(PermissionTestCase):
    def test_may_read(self):
        self.assertEqual(self.client.get(URL).status_code, 200)

    def test_a_write_is_401_with_the_scheme_to_use(self):
        response = self.post(NEW)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], "Token")
        self.assertEqual(response.json(), {"detail": "Authentication credentials were not provided."})

    def test_an_update_is_401(self):
        self.assertEqual(self.patch({"title": "Changed"}).status_code, 401)

    def test_a_delete_is_401(self):
        self.assertEqual(self.client.delete(self.detail()).status_code, 401)


class BadCredentialsTests(PermissionTestCase):
    def test_an_unknown_token_is_401_even_for_a_read(self):
        response = self.client.get(URL, HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
        self.assertEqual((response.status_code, response.json()["detail"]), (401, "Invalid token."))

    def test_an_unknown_token_cannot_write(self):
        response = self.client.post(
            URL, NEW, content_type="application/json", HTTP_AUTHORIZATION="Token not-a-real-token"
        )
        self.assertEqual(response.status_code, 401)

    def test_an_inactive_users_token_is_401(self):
        token = make_token(make_staff("Publishers", is_active=False))
        response = self.post(NEW, token)
        self.assertEqual(
            (response.status_code, response.json()["detail"]), (401, "User inactive or deleted.")
        )

    def test_a_revoked_token_is_401(self):
        token = make_token(make_staff("Publishers"))
        key = token.key
        token.delete()
        response = self.client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")
        self.assertEqual(response.status_code, 401)


class StaffWithoutPermissionTests(PermissionTestCase):
    def test_may_not_write(self):
        response = self.post(NEW, make_token(make_staff()))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json(), {"detail": "You do not have permission to perform this action."})


class EditorTests(PermissionTestCase):
    def test_adds_a_draft(self):
        response = self.post(NEW, self.editor)
        self.assertEqual((response.status_code, response.json()["status"]), (201, "draft"))

    def test_may_not_add_a_published_meeting(self):
        response = self.post(NEW | {"status": "published"}, self.editor)
        self.assertEqual(response.status_code, 403)
        self.assertIn(
            "Only Publishers may publish, unpublish or schedule meetings", response.json()["detail"]
        )
        self.assertFalse(Meeting.objects.filter(slug="new-meeting").exists())

    def test_may_not_give_a_publication_time(self):
        response = self.post(NEW | {"publish_at": timezone.now().isoformat()}, self.editor)
        self.assertEqual(response.status_code, 403)

    def test_a_change_to_a_published_meeting_waits_for_review(self):
        response = self.patch({"summary": "Updated."}, self.editor)
        self.assertEqual((response.status_code, response.json()["summary"]), (202, "Updated."))
        self.assertEqual(response.json()["pending_review"]["state"], "draft")
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).summary, "")
        self.assertNotContains(self.client.get(self.detail()), "Updated.")

    def test_changes_a_draft_at_once(self):
        draft = make_meeting(published=False)
        response = self.patch({"summary": "Updated."}, self.editor, draft)
        self.assertEqual((response.status_code, response.json()["summary"]), (200, "Updated."))

    def test_may_not_unpublish(self):
        self.assertEqual(self.patch({"status": "draft"}, self.editor).status_code, 403)

    def test_may_not_move_the_publication_time(self):
        self.assertEqual(
            self.patch({"publish_at": (timezone.now() + days(1)).isoformat()}, self.editor).status_code, 403
        )

    def test_may_send_back_the_status_and_time_unchanged(self):
        data = self.client.get(self.detail(), **self.auth(self.editor)).json()
        writable = {
            name: data[name]
            for name in ("title", "slug", "kind", "start_date", "end_date", "status", "publish_at", "version")
        }
        response = self.client.put(
            self.detail(), writable, content_type="application/json", **self.auth(self.editor)
        )
        self.assertEqual(response.status_code, 202, response.content)

    def test_may_publish_nothing_even_a_draft_of_their_own(self):
        draft = make_meeting(published=False)
        self.assertEqual(self.patch({"status": "published"}, self.editor, draft).status_code, 403)

    def test_may_not_delete(self):
        self.assertEqual(self.client.delete(self.detail(), **self.auth(self.editor)).status_code, 403)

    def test_may_not_delete_reference_data_either(self):
        country = make_country()
        response = self.client.delete(f"/api/v1/countries/{country.pk}/", **self.auth(self.editor))
        self.assertEqual(response.status_code, 403)


class PublisherTests(PermissionTestCase):
    def test_adds_a_published_meeting_the_public_then_sees(self):
        response = self.post(NEW | {"status": "published"}, self.publisher)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(self.client.get(f"{URL}{response.json()['id']}/").status_code, 200)

    def test_schedules_a_meeting(self):
        response = self.post(
            NEW | {"status": "published", "publish_at": (timezone.now() + days(2)).isoformat()},
            self.publisher,
        )
        self.assertEqual(self.client.get(f"{URL}{response.json()['id']}/").status_code, 404)

    def test_unpublishes(self):
        self.patch({"status": "draft"}, self.publisher)
        self.assertEqual(self.client.get(self.detail()).status_code, 404)

    def test_deletes(self):
        self.assertEqual(self.client.delete(self.detail(), **self.auth(self.publisher)).status_code, 204)


class SuperuserTests(PermissionTestCase):
    def test_may_do_everything(self):
        token = make_token(User.objects.create_superuser("root", password="a-long-test-password"))
        self.assertEqual(self.post(NEW | {"status": "published"}, token).status_code, 201)
        self.assertEqual(self.client.delete(self.detail(), **self.auth(token)).status_code, 204)


class SessionTests(PermissionTestCase):
    def test_staff_signed_in_to_the_admin_read_drafts(self):
        draft = make_meeting(published=False)
        self.client.force_login(self.editor.user)
        self.assertEqual(self.client.get(self.detail(draft)).status_code, 200)

    def test_a_session_write_needs_the_csrf_token(self):
        self.client.force_login(self.publisher.user)
        self.client.handler.enforce_csrf_checks = True
        response = self.client.post(URL, NEW, content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertIn("CSRF", response.json()["detail"])
