"""The admin site (cica_site/admin_site.py): the organisation's name, the front page by task, and
the review links beside what needs attention."""

import re
from unittest import mock

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cica_site import admin_site
from events.models import Meeting
from organisation.models import Organisation
from tests.factories import (
    admin_url,
    days,
    make_meeting,
    make_organisation,
    make_policy_page,
    make_staff,
    today,
)

INDEX = "/admin/"
HEADER = 'width="32" height="32" class="site-icon">'
NAME = "Conference on Interaction and Confidence Building Measures in Asia"


def group_names(response):
    """The task groups the front page shows, in order."""
    return re.findall(r'<caption>\s*<span class="section">([^<]*)</span>', response.content.decode())


def model_links(response):
    return re.findall(r'<th scope="row" id="[^"]*">\s*<a href="[^"]*">([^<]*)</a>', response.content.decode())


class IdentityTests(TestCase):
    def setUp(self):
        self.client.force_login(make_staff("Editors"))

    def test_header_and_title_name_the_organisation(self):
        make_organisation()
        response = self.client.get(INDEX)
        self.assertContains(response, HEADER + NAME + "</a>")
        self.assertContains(response, "<title>Website administration | CICA website administration</title>")

    def test_without_a_published_profile_the_header_says_what_the_site_is(self):
        make_organisation(status=Organisation.Status.DRAFT)
        response = self.client.get(INDEX)
        self.assertContains(response, f"{HEADER}Website administration</a>")
        self.assertContains(response, "<title>Website administration | Website administration</title>")

    def test_login_page_names_the_organisation_too(self):
        make_organisation()
        self.client.logout()
        response = self.client.get(reverse("admin:login"))
        self.assertContains(response, HEADER + NAME + "</a>")

    def test_admin_and_site_pages_link_the_icons(self):
        make_organisation()
        for url in [INDEX, reverse("home")]:
            with self.subTest(url=url):
                response = self.client.get(url)
                for link in [
                    'rel="icon" href="/static/img/icon.svg" type="image/svg+xml"',
                    'rel="icon" href="/static/img/icon-32.png" sizes="32x32"',
                    'rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"',
                ]:
                    self.assertContains(response, link)
        for name in ["img/icon.svg", "img/icon-32.png", "img/apple-touch-icon.png"]:
            self.assertIsNotNone(finders.find(name), name)


class TaskGroupTests(TestCase):
    def test_superuser_sees_every_group_by_task(self):
        self.client.force_login(make_staff(is_superuser=True))
        response = self.client.get(INDEX)
        self.assertEqual(
            group_names(response),
            ["Content", "Registry", "Messages", "People and access", "Security", "System"],
        )
        links = model_links(response)
        self.assertEqual(
            links[:5],
            ["Relations pages", "Meetings", "Policy pages", "Organisation profile", "Founding documents"],
        )
        self.assertIn("Access attempts", links)
        self.assertIn("Task Results", links)

    def test_change_notes_and_preview_links_are_left_to_their_item(self):
        self.client.force_login(make_staff(is_superuser=True))
        links = model_links(self.client.get(INDEX))
        self.assertNotIn("Change notes", links)
        self.assertNotIn("Preview links", links)

    def test_editor_sees_content_registry_and_their_own_access(self):
        # Review (pending versions, the audit trail) is on the front page beside what needs
        # attention; Messages holds the contact form's messages, which Editors answer; People and
        # access holds the Editor's own API tokens.
        self.client.force_login(make_staff("Editors"))
        response = self.client.get(INDEX)
        self.assertEqual(group_names(response), ["Content", "Registry", "Messages", "People and access"])

    def test_login_records_are_for_superusers_only(self):
        staff = make_staff("Publishers")
        staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
        self.client.force_login(staff)
        response = self.client.get(INDEX)
        self.assertNotIn("Security", group_names(response))
        self.assertNotIn("Access attempts", model_links(response))

    def test_login_records_stay_closed_to_staff_given_their_permissions(self):
        staff = make_staff("Publishers")
        staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
        self.client.force_login(staff)
        self.assertEqual(self.client.get("/admin/axes/accessattempt/").status_code, 403)
        self.client.force_login(make_staff(is_superuser=True))
        self.assertEqual(self.client.get("/admin/axes/accessattempt/").status_code, 200)

    def test_task_results_are_for_superusers_only(self):
        # A task keeps the e-mail it sends: a contact message's sender and text among them.
        staff = make_staff("Publishers")
        staff.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="django_tasks_database")
        )
        self.client.force_login(staff)
        self.assertNotIn("System", group_names(self.client.get(INDEX)))
        self.assertEqual(self.client.get("/admin/django_tasks_database/dbtaskresult/").status_code, 403)

    def test_sidebar_of_a_list_shows_the_same_groups(self):
        self.client.force_login(make_staff("Editors"))
        response = self.client.get(admin_url(Meeting, "changelist"))
        self.assertEqual(
            group_names(response), ["Content", "Registry", "Review", "Messages", "People and access"]
        )

    def test_an_apps_own_page_still_lists_its_models(self):
        self.client.force_login(make_staff("Editors"))
        response = self.client.get(reverse("admin:app_list", args=["events"]))
        self.assertContains(response, ">Meetings</a>")

    def test_a_model_that_does_not_exist_is_skipped(self):
        groups = [admin_site.TaskGroup("content", "Content", ("nowhere.Nothing", "events.Meeting"))]
        self.client.force_login(make_staff(is_superuser=True))
        with mock.patch.object(admin_site, "TASK_GROUPS", groups):
            response = self.client.get(INDEX)
        self.assertEqual(group_names(response)[0], "Content")
        self.assertEqual(model_links(response)[0], "Meetings")

    def test_a_model_in_no_group_is_shown_under_other(self):
        groups = [group for group in admin_site.TASK_GROUPS if group.slug != "registry"]
        self.client.force_login(make_staff(is_superuser=True))
        with mock.patch.object(admin_site, "TASK_GROUPS", groups):
            response = self.client.get(INDEX)
        self.assertEqual(group_names(response)[-1], "Other")
        self.assertIn("Countries", model_links(response))

    def test_every_registered_model_has_a_group(self):
        grouped = {label for group in admin_site.TASK_GROUPS for label in group.models}
        for model in admin.site._registry:
            label = model._meta.label
            with self.subTest(model=label):
                self.assertTrue(
                    label in grouped or label in admin_site.EDITED_ON_THEIR_ITEM,
                    f"Add {label} to a group of TASK_GROUPS in cica_site/admin_site.py.",
                )


class ReviewLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.draft = make_meeting("Draft meeting", published=False)
        cls.public = make_meeting("Public meeting")
        cls.scheduled = make_policy_page("Scheduled page", publish_at=timezone.now() + days(3))
        cls.due = make_meeting("Meeting to review", review_by=today() - days(1))

    def setUp(self):
        self.client.force_login(self.editor)

    def review_module(self):
        html = self.client.get(INDEX).content.decode()
        return html[html.index('id="review"') : html.index("</div>", html.index('id="review"'))]

    def test_each_state_lists_the_kinds_with_items_in_it(self):
        review = self.review_module()
        drafts = review[review.index("Drafts") : review.index("Scheduled")]
        scheduled = review[review.index("Scheduled") : review.index("Past their review-by date")]
        due = review[review.index("Past their review-by date") :]
        meetings = admin_url(Meeting, "changelist")
        self.assertIn(f'<a href="{meetings}?editorial_state=draft">Meetings</a> (1)', drafts)
        self.assertNotIn("Policy pages", drafts)
        self.assertIn(">Policy pages</a> (1)", scheduled)
        self.assertIn(f'<a href="{meetings}?editorial_state=review-due">Meetings</a> (1)', due)

    def test_a_state_without_items_says_none(self):
        self.draft.delete()
        review = self.review_module()
        self.assertIn("None.", review[review.index("Drafts") : review.index("Scheduled")])

    def test_the_link_lists_just_those_items(self):
        meetings = admin_url(Meeting, "changelist")
        for state, expected in [
            ("draft", ["Draft meeting"]),
            ("review-due", ["Meeting to review"]),
            ("public", ["Meeting to review", "Public meeting"]),
        ]:
            with self.subTest(state=state):
                response = self.client.get(meetings, {"editorial_state": state})
                titles = sorted(str(obj) for obj in response.context["cl"].result_list)
                self.assertEqual(titles, expected)

    def test_queries_do_not_grow_with_the_items(self):
        self.client.get(INDEX)  # What Django reads once per process (content types).
        with CaptureQueriesContext(connection) as before:
            self.client.get(INDEX)
        for n in range(5):
            make_meeting(f"Another draft {n}", published=False)
        with CaptureQueriesContext(connection) as after:
            self.client.get(INDEX)
        self.assertEqual(len(after), len(before))
