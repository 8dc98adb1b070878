"""No lost edits: the version check in the model, the admin (two sessions) and the API."""

import re
from unittest import mock

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from events.models import Meeting
from organisation.admin_base import VersionCheckedForm
from organisation.models import Body, Country, Membership, Relation, VersionConflict
from tests.factories import (
    admin_form_data,
    admin_url,
    make_body,
    make_country,
    make_meeting,
    make_membership,
    make_relation,
    make_staff,
    make_token,
)


class VersionedModelTests(TestCase):
    def test_a_new_object_starts_at_version_1(self):
        self.assertEqual(make_relation().version, 1)

    def test_each_save_moves_the_version_on(self):
        relation = make_relation()
        relation.lead = "Changed."
        relation.save()
        self.assertEqual(
            (relation.version, Relation.objects.get(pk=relation.pk).version),
            (2, 2),
        )

    def test_saving_an_out_of_date_copy_raises_and_changes_nothing(self):
        relation = make_relation(lead="First.")
        stale = Relation.objects.get(pk=relation.pk)
        relation.lead = "Second."
        relation.save()
        stale.lead = "Stale."
        with self.assertRaises(VersionConflict), transaction.atomic():
            stale.save()
        self.assertEqual(Relation.objects.get(pk=relation.pk).lead, "Second.")

    def test_a_save_with_update_fields_is_checked_too(self):
        relation = make_relation()
        stale = Relation.objects.get(pk=relation.pk)
        relation.save()
        with self.assertRaises(VersionConflict), transaction.atomic():
            stale.save(update_fields=["status"])

    def test_a_raw_save_is_not_checked_but_moves_the_version_on(self):
        # Reversion's revert and loaddata save raw: a stored copy, with its old version number.
        relation = make_relation()
        relation.save()
        old_copy = Relation.objects.get(pk=relation.pk)
        old_copy.version = 1
        old_copy.save_base(raw=True)
        self.assertEqual(Relation.objects.get(pk=relation.pk).version, 3)

    def test_reference_data_and_registry_entries_are_versioned(self):
        membership = make_membership()
        stale = Membership.objects.get(pk=membership.pk)
        membership.save()
        with self.assertRaises(VersionConflict), transaction.atomic():
            stale.save()


class AdminConcurrentEditTests(TestCase):
    """Two staff members open the same record; the second to save is refused, keeping their input."""

    @classmethod
    def setUpTestData(cls):
        cls.first = make_staff("Editors", username="amina", first_name="Amina", last_name="Aliyeva")
        cls.second = make_staff("Publishers", username="bahrom")
        # A draft: the Editor's save is stored at once (tests/organisation/test_review.py has the
        # same for two edits of a pending version).
        cls.relation = make_relation(lead="The original lead.", published=False)

    def setUp(self):
        self.first_client, self.second_client = Client(), Client()
        self.first_client.force_login(self.first)
        self.second_client.force_login(self.second)
        self.url = admin_url(Relation, "change", self.relation.pk)
        # Both open the form before either saves.
        self.first_data = admin_form_data(self.first_client.get(self.url))
        self.second_data = admin_form_data(self.second_client.get(self.url))

    def save_first(self):
        response = self.first_client.post(self.url, self.first_data | {"lead_en": "The first editor's lead."})
        self.assertEqual(response.status_code, 302)

    def test_the_form_carries_the_version_in_a_hidden_field(self):
        response = self.first_client.get(self.url)
        self.assertContains(response, '<input type="hidden" name="version" value="1"', html=False)

    def test_the_first_save_wins(self):
        self.save_first()
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).lead_en, "The first editor's lead.")

    def test_the_second_save_is_refused(self):
        self.save_first()
        response = self.second_client.post(self.url, self.second_data | {"lead_en": "The second lead."})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).lead_en, "The first editor's lead.")

    def test_the_refusal_names_who_changed_it_and_when(self):
        self.save_first()
        response = self.second_client.post(self.url, self.second_data | {"lead_en": "The second lead."})
        errors = response.context["adminform"].form.non_field_errors()
        self.assertEqual(len(errors), 1)
        self.assertIn("was changed by Amina Aliyeva at", errors[0])
        self.assertIn("Your changes have not been saved", errors[0])

    def test_the_second_persons_input_stays_in_the_form(self):
        self.save_first()
        response = self.second_client.post(self.url, self.second_data | {"lead_en": "The second lead."})
        self.assertEqual(response.context["adminform"].form["lead_en"].value(), "The second lead.")

    def test_a_save_after_ones_own_save_is_accepted(self):
        self.save_first()
        data = admin_form_data(self.first_client.get(self.url))
        response = self.first_client.post(self.url, data | {"lead_en": "Again."})
        self.assertEqual(response.status_code, 302)

    def test_a_save_that_passed_the_forms_check_but_lost_the_race_is_refused_in_the_form(self):
        # As if the first save committed between the second form's check and its save: the check
        # is skipped once, so the save itself finds the version moved on, and the form is made again.
        self.save_first()
        real_clean = VersionCheckedForm.clean
        calls = []

        def clean_passing_once(form):
            calls.append(form)
            if len(calls) == 1:
                return super(VersionCheckedForm, form).clean()
            return real_clean(form)

        with mock.patch.object(VersionCheckedForm, "clean", clean_passing_once):
            response = self.second_client.post(self.url, self.second_data | {"lead_en": "Mine."})
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "was changed by Amina Aliyeva", response.context["adminform"].form.non_field_errors()[0]
        )
        self.assertEqual(Relation.objects.get(pk=self.relation.pk).lead_en, "The first editor's lead.")


class InlineConcurrentEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.publisher = make_staff("Publishers")
        cls.country = make_country()
        cls.membership = make_membership(cls.country, note="Admitted at the Summit.")

    def test_a_registry_entry_changed_elsewhere_is_not_overwritten_from_the_country_form(self):
        self.client.force_login(self.publisher)
        url = admin_url(Country, "change", self.country.pk)
        data = admin_form_data(self.client.get(url))
        membership = Membership.objects.get(pk=self.membership.pk)
        membership.note_en = "Changed in the registry meanwhile."
        membership.save()
        response = self.client.post(url, data | {"memberships-0-note_en": "From the country form."})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            Membership.objects.get(pk=self.membership.pk).note_en, "Changed in the registry meanwhile."
        )


class ApiVersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors", username="editor", first_name="Elif", last_name="Demir")
        cls.token = make_token(cls.editor)
        # A draft: the Editor's change is stored at once (test_review.py: a pending version's).
        cls.meeting = make_meeting(summary="Original.", published=False)
        cls.url = reverse("api:meeting-detail", args=[cls.meeting.pk])

    def patch(self, data):
        return self.client.patch(
            self.url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Token {self.token.key}"
        )

    def test_reads_give_the_version(self):
        response = self.client.get(self.url, HTTP_AUTHORIZATION=f"Token {self.token.key}")
        self.assertEqual(response.json()["version"], 1)

    def test_a_change_with_the_current_version_is_saved_and_moves_it_on(self):
        response = self.patch({"summary": "Updated.", "version": 1})
        self.assertEqual((response.status_code, response.json()["version"]), (200, 2))

    def test_a_change_without_a_version_is_refused(self):
        response = self.patch({"summary": "Updated."})
        self.assertEqual(response.status_code, 400)
        self.assertIn("version", response.json()["errors"])

    def test_a_change_with_an_out_of_date_version_is_a_409_naming_who_and_when(self):
        self.patch({"summary": "First.", "version": 1})
        response = self.patch({"summary": "Second.", "version": 1})
        self.assertEqual(response.status_code, 409)
        self.assertIn("was changed by Elif Demir at", response.json()["detail"])

    def test_a_refused_change_leaves_the_stored_one(self):
        self.patch({"summary": "First.", "version": 1})
        self.patch({"summary": "Second.", "version": 1})
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).summary, "First.")


def changelist_form_data(response):
    """What a browser sends back from a change list with editable columns, as it was shown: each
    row's inputs, hidden ones included, read from the page itself."""
    html = response.content.decode()
    data = {"_save": "Save"}
    for name in re.findall(r'<input[^>]+name="(form-[^"]+)"', html):
        value = re.search(rf'<input[^>]+name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
        value = value or re.search(rf'<input[^>]+value="([^"]*)"[^>]*name="{re.escape(name)}"', html)
        data[name] = value.group(1) if value else ""
    return data


def row_of(data, obj):
    """The prefix of `obj`'s row in changelist_form_data()."""
    return next(
        key.removesuffix("-id") for key, value in data.items() if key.endswith("-id") and value == str(obj.pk)
    )


class ChangeListConcurrentEditTests(TestCase):
    """The change list's editable columns and its actions refuse what changed since it was shown."""

    @classmethod
    def setUpTestData(cls):
        cls.first = make_staff("Publishers", username="amina", first_name="Amina")
        cls.second = make_staff("Publishers", username="bahrom")
        cls.summit, cls.ministers = make_body("Summit", order=1), make_body("Ministers", order=2)

    def setUp(self):
        self.first_client, self.second_client = Client(), Client()
        self.first_client.force_login(self.first)
        self.second_client.force_login(self.second)

    def change_elsewhere(self, obj, **values):
        """The second person saves `obj` through its form."""
        url = admin_url(type(obj), "change", obj.pk)
        data = admin_form_data(self.second_client.get(url)) | values
        self.assertEqual(self.second_client.post(url, data).status_code, 302)

    def test_each_row_carries_its_version(self):
        data = changelist_form_data(self.first_client.get(admin_url(Body, "changelist")))
        self.assertEqual(data[row_of(data, self.summit) + "-version"], "1")

    def test_a_stale_row_is_refused_and_the_other_change_kept(self):
        url = admin_url(Body, "changelist")
        data = changelist_form_data(self.first_client.get(url))
        self.change_elsewhere(self.summit, order="5")
        data[row_of(data, self.summit) + "-order"] = "3"
        response = self.first_client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "was changed by bahrom")
        self.assertEqual(Body.objects.get(pk=self.summit.pk).order, 5)

    def test_a_row_left_as_shown_does_not_undo_another_change(self):
        # The lost update: the list sent back the order it showed, and saved it over the new one.
        url = admin_url(Body, "changelist")
        data = changelist_form_data(self.first_client.get(url))
        self.change_elsewhere(self.summit, order="5")
        data[row_of(data, self.ministers) + "-order"] = "7"
        response = self.first_client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Body.objects.get(pk=self.summit.pk).order, 5)
        self.assertEqual(Body.objects.get(pk=self.ministers.pk).order, 2)

    def test_rows_changed_elsewhere_in_other_columns_do_not_stop_a_save(self):
        url = admin_url(Body, "changelist")
        data = changelist_form_data(self.first_client.get(url))
        self.change_elsewhere(self.summit, name_en="Meeting of Heads of State")
        data[row_of(data, self.ministers) + "-order"] = "7"
        self.assertEqual(self.first_client.post(url, data).status_code, 302)
        self.assertEqual(Body.objects.get(pk=self.ministers.pk).order, 7)
        self.assertEqual(Body.objects.get(pk=self.summit.pk).name, "Meeting of Heads of State")

    def test_an_action_on_what_changed_since_the_list_was_shown_is_refused(self):
        meeting = make_meeting(published=False)
        url = admin_url(Meeting, "changelist")
        listed = self.first_client.get(url).content.decode()
        versions = re.findall(r'name="_selected_version" value="([^"]+)"', listed)
        self.assertIn(f"{meeting.pk}:1", versions)
        self.change_elsewhere(meeting, summary_en="Changed after the list was shown.")
        response = self.first_client.post(
            url,
            {"action": "publish_selected", ACTION_CHECKBOX_NAME: [meeting.pk], "_selected_version": versions},
            follow=True,
        )
        self.assertContains(response, "was changed by bahrom")
        self.assertContains(response, "Nothing was done.")
        self.assertEqual(Meeting.objects.get(pk=meeting.pk).status, Meeting.Status.DRAFT)

    def test_an_action_on_what_is_as_shown_is_done(self):
        meeting = make_meeting(published=False)
        url = admin_url(Meeting, "changelist")
        versions = re.findall(
            r'name="_selected_version" value="([^"]+)"', self.first_client.get(url).content.decode()
        )
        self.first_client.post(
            url,
            {"action": "publish_selected", ACTION_CHECKBOX_NAME: [meeting.pk], "_selected_version": versions},
        )
        self.assertEqual(Meeting.objects.get(pk=meeting.pk).status, Meeting.Status.PUBLISHED)
