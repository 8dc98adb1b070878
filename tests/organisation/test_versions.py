"""No lost edits: the version check in the model, the admin (two sessions) and the API."""

from unittest import mock

from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from events.models import Meeting
from organisation.admin_base import VersionCheckedForm
from organisation.models import Country, Membership, Relation, VersionConflict
from tests.factories import (
    admin_form_data,
    admin_url,
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
