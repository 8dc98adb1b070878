"""organisation.permissions: who may see drafts, write and publish, the same on every path."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.test import TestCase

from events.models import Meeting
from organisation import permissions
from organisation.models import Publishable, Versioned
from tests.factories import make_meeting, make_relation, make_staff, make_token


class PublishPermissionTests(TestCase):
    def test_every_publishable_model_declares_the_publish_permission_the_site_asks_for(self):
        publishable = [model for model in apps.get_models() if issubclass(model, Publishable)]
        self.assertGreaterEqual(len(publishable), 5)
        for model in publishable:
            with self.subTest(model=model._meta.label):
                declared = [codename for codename, _name in model._meta.permissions]
                self.assertIn(permissions.codename(model, "publish"), declared)

    def test_every_model_whose_changes_wait_for_review_declares_it_too(self):
        # organisation.review holds back changes to every Versioned model until one who may publish
        # it publishes them: without the permission, they would wait for a superuser.
        for model in [model for model in apps.get_models() if issubclass(model, Versioned)]:
            with self.subTest(model=model._meta.label):
                declared = [codename for codename, _name in model._meta.permissions]
                self.assertIn(permissions.codename(model, "publish"), declared)

    def test_publishers_hold_it_and_editors_do_not(self):
        publisher, editor = make_staff("Publishers"), make_staff("Editors")
        versioned = [model for model in apps.get_models() if issubclass(model, Versioned)]
        for model in versioned:
            with self.subTest(model=model._meta.label):
                self.assertTrue(permissions.can_publish(publisher, model))
                self.assertFalse(permissions.can_publish(editor, model))


def staff_permissions_without_staff_status():
    """A user in the Editors group whose account is not a staff account (is_staff off)."""
    user = make_staff("Editors")
    user.is_staff = False
    user.save()
    return user


class SeeingDraftsTests(TestCase):
    """Drafts are for active staff who may change them: on pages, through preview and in the API."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting(published=False)
        cls.relation = make_relation(published=False)
        cls.editor = make_staff("Editors")
        cls.not_staff = staff_permissions_without_staff_status()
        cls.no_permission = make_staff()

    def pages(self):
        return [self.meeting.get_absolute_url(), self.relation.get_absolute_url()]

    def api(self):
        return [f"/api/v1/meetings/{self.meeting.pk}/", f"/api/v1/relations/{self.relation.pk}/"]

    def test_an_editor_sees_drafts_on_their_pages_and_in_the_api(self):
        self.client.force_login(self.editor)
        for url in self.pages() + self.api():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_permission_without_a_staff_account_shows_only_what_is_public(self):
        self.client.force_login(self.not_staff)
        for url in self.pages() + self.api():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_token_of_a_user_who_is_not_staff_shows_only_what_is_public(self):
        token = make_token(self.not_staff)
        for url in self.api():
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
                self.assertEqual(response.status_code, 404)

    def test_staff_without_the_permission_see_only_what_is_public(self):
        self.client.force_login(self.no_permission)
        for url in self.pages() + self.api():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)


class ApiWritePermissionTests(TestCase):
    def test_the_model_permission_without_a_staff_account_may_not_write(self):
        token = make_token(staff_permissions_without_staff_status())
        response = self.client.post(
            "/api/v1/meetings/",
            {"title": "New", "slug": "new", "kind": "experts", "start_date": "2030-05-01"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Meeting.objects.filter(slug="new").exists())

    def test_an_editor_with_a_staff_account_writes(self):
        token = make_token(make_staff("Editors"))
        response = self.client.post(
            "/api/v1/meetings/",
            {"title": "New", "slug": "new", "kind": "experts", "start_date": "2030-05-01"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        self.assertEqual(response.status_code, 201)

    def test_the_group_grants_the_permission_the_api_asks_for(self):
        editors = Group.objects.get(name="Editors")
        codenames = set(editors.permissions.values_list("codename", flat=True))
        self.assertIn(permissions.codename(Meeting, "add"), codenames)
        self.assertNotIn(permissions.codename(Meeting, "publish"), codenames)
