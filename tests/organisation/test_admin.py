from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse

from organisation.models import (
    Country,
    FactCheck,
    FactSource,
    Membership,
    Organisation,
    Place,
    PlaceName,
    PolicyPage,
    Relation,
)
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    days,
    inline_formset,
    make_body,
    make_coordinator,
    make_country,
    make_founding_document,
    make_measure,
    make_measure_area,
    make_membership,
    make_organisation,
    make_place,
    make_policy_page,
    make_relation,
    make_staff,
    post_action,
    today,
)

OVERLAP_MESSAGE = (
    "This period overlaps another entry for {country} ({other}). Give the earlier one a leaving date first."
)


def action_names(response):
    """The bulk actions a changelist offers."""
    form = response.context["action_form"]
    return [] if form is None else [name for name, _label in form.fields["action"].choices if name]


class AccessTests(TestCase):
    def test_anonymous_user_is_sent_to_the_login_page(self):
        url = admin_url(Relation, "changelist")
        response = self.client.get(url)
        self.assertRedirects(response, f"{reverse('admin:login')}?next={url}")

    def test_non_staff_user_is_sent_to_the_login_page(self):
        self.client.force_login(User.objects.create_user("visitor", password="a-long-test-password"))
        url = admin_url(Relation, "changelist")
        response = self.client.get(url)
        self.assertRedirects(response, f"{reverse('admin:login')}?next={url}")


class StaffGroupTests(TestCase):
    """The groups the data migration creates."""

    def codenames(self, group_name, app_labels=("organisation", "events")):
        return set(
            Group.objects.get(name=group_name)
            .permissions.filter(content_type__app_label__in=app_labels)
            .values_list("codename", flat=True)
        )

    # The review's own records: staff read the audit trail; pending versions are worked on through
    # their items (organisation.review), never as objects of their own.
    # API tokens: each staff member makes, sees and revokes their own (Publishers anyone's).
    REVIEW_MODELS = ["pendingversion", "auditevent", "apitoken"]
    TOKENS = {"add_apitoken", "view_apitoken", "delete_apitoken"}

    def model_codenames(self, actions):
        # Every model of both apps but the review's records and those that no one edits (the site
        # search's index).
        content_types = ContentType.objects.filter(app_label__in=["organisation", "events"]).exclude(
            model__in=self.REVIEW_MODELS
        )
        return {
            f"{action}_{content_type.model}"
            for content_type in content_types
            for action in actions
            if action in content_type.model_class()._meta.default_permissions
        }

    def publish_codenames(self):
        return set(
            Permission.objects.filter(
                content_type__app_label__in=["organisation", "events"], codename__startswith="publish_"
            ).values_list("codename", flat=True)
        )

    def test_editors_add_change_and_view_every_model_of_both_apps_and_read_the_audit_trail(self):
        self.assertEqual(
            self.codenames("Editors"),
            self.model_codenames(["add", "change", "view"]) | {"view_auditevent"} | self.TOKENS,
        )

    def test_publishers_also_delete_and_publish(self):
        expected = self.model_codenames(["add", "change", "view", "delete"]) | self.publish_codenames()
        expected |= {"view_auditevent", "revoke_apitoken"} | self.TOKENS
        self.assertEqual(self.codenames("Publishers"), expected)

    def test_every_model_the_public_sees_has_a_publish_permission(self):
        self.assertEqual(
            self.publish_codenames(),
            {
                "publish_organisation",
                "publish_foundingdocument",
                "publish_relation",
                "publish_policypage",
                "publish_meeting",
                # Public as soon as they are saved: changes to them wait for a Publisher too.
                "publish_country",
                "publish_membership",
                "publish_body",
                "publish_measurearea",
                "publish_measure",
                "publish_coordinator",
                "publish_chairterm",
                "publish_officeholder",
                "publish_place",
                "publish_factcheck",
            },
        )

    def test_neither_group_has_user_permissions(self):
        for name in ["Editors", "Publishers"]:
            with self.subTest(name):
                self.assertEqual(self.codenames(name, app_labels=["auth"]), set())


class AdminPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = [make_staff("Editors"), make_staff("Publishers")]
        measure = make_measure(area=make_measure_area())
        country = make_country()
        cls.objects = [
            make_organisation(),
            country,
            make_membership(country),
            make_body(),
            make_founding_document(),
            measure.area,
            measure,
            make_coordinator(measure, country),
            make_relation(country),
            make_policy_page(),
        ]

    def assert_pages_answer_200(self, urls):
        urls = list(urls)
        for user in self.users:
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.groups.get().name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_every_model_of_the_app_is_registered(self):
        for model in apps.get_app_config("organisation").get_models():
            if not model._meta.default_permissions:
                continue  # Made from the content and edited by no one: the site search's index.
            with self.subTest(model=model.__name__):
                self.assertTrue(admin.site.is_registered(model))

    def test_changelists_answer_200(self):
        self.assert_pages_answer_200(admin_url(obj, "changelist") for obj in self.objects)

    def test_add_pages_answer_200(self):
        self.assert_pages_answer_200(admin_url(obj, "add") for obj in self.objects)

    def test_change_pages_answer_200(self):
        self.assert_pages_answer_200(admin_url(obj, "change", obj.pk) for obj in self.objects)

    def test_changelist_search_answers_200(self):
        self.assert_pages_answer_200(f"{admin_url(obj, 'changelist')}?q=a" for obj in self.objects)

    def test_view_on_site_leads_to_the_public_address(self):
        self.client.force_login(self.users[0])
        for obj in self.objects:
            with self.subTest(model=type(obj).__name__):
                content_type = ContentType.objects.get_for_model(obj)
                response = self.client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
                self.assertRedirects(
                    response, f"http://testserver{obj.get_absolute_url()}", fetch_redirect_response=False
                )


class CountryAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.member = make_country("Member")
        make_membership(cls.member, joined_on=today() - days(100))
        cls.former_observer = make_country("Former observer")
        make_membership(
            cls.former_observer,
            status=Membership.Status.OBSERVER_STATE,
            joined_on=today() - days(100),
            left_on=today() - days(10),
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def test_changelist_shows_status_today(self):
        response = self.client.get(admin_url(Country, "changelist"))
        self.assertContains(response, '<td class="field-status_today">Member state</td>', html=True)

    def test_status_today_filter_leaves_out_past_statuses(self):
        response = self.client.get(admin_url(Country, "changelist"), {"status_today": "none"})
        self.assertEqual(list(response.context["cl"].result_list), [self.former_observer])

    def test_new_country_is_saved_with_its_membership_periods(self):
        # A Publisher's addition is public at once; an Editor's waits for review (test_review.py).
        self.client.force_login(make_staff("Publishers"))
        data = admin_form_data(self.client.get(admin_url(Country, "add")))
        data |= {"name_en": "Kuwait", "code": "KW", "slug": "kuwait"}
        add_inline_row(
            data,
            "memberships",
            status=Membership.Status.OBSERVER_STATE,
            joined_on=today() - days(900),
            left_on=today() - days(400),
        )
        add_inline_row(data, "memberships", status=Membership.Status.MEMBER, joined_on=today() - days(400))
        response = self.client.post(admin_url(Country, "add"), data)
        self.assertRedirects(response, admin_url(Country, "changelist"))
        country = Country.objects.get(code="KW")
        self.assertEqual(
            list(country.memberships.order_by("joined_on").values_list("status", flat=True)),
            [Membership.Status.OBSERVER_STATE, Membership.Status.MEMBER],
        )

    def test_new_country_with_overlapping_periods_is_refused(self):
        data = admin_form_data(self.client.get(admin_url(Country, "add")))
        data |= {"name_en": "Kuwait", "code": "KW", "slug": "kuwait"}
        add_inline_row(
            data, "memberships", status=Membership.Status.OBSERVER_STATE, joined_on=today() - days(900)
        )
        add_inline_row(data, "memberships", status=Membership.Status.MEMBER, joined_on=today() - days(400))
        response = self.client.post(admin_url(Country, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Country.objects.filter(code="KW").exists())

    def test_inline_does_not_offer_observer_organisation(self):
        response = self.client.get(admin_url(Country, "change", self.member.pk))
        choices = dict(inline_formset(response, "memberships").empty_form.fields["status"].choices)
        self.assertNotIn(Membership.Status.OBSERVER_ORGANISATION, choices)


class PlaceAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.place = make_place("Astana", used_until=today() - days(10))

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_new_name_is_added_on_the_places_page(self):
        # A Publisher's change is live at once; an Editor's waits for review (test_review.py).
        self.client.force_login(make_staff("Publishers"))
        url = admin_url(Place, "change", self.place.pk)
        data = admin_form_data(self.client.get(url))
        add_inline_row(data, "names", name_en="Nur-Sultan", used_from=today() - days(10))
        self.assertRedirects(self.client.post(url, data), admin_url(Place, "changelist"))
        self.assertEqual(str(Place.objects.get(pk=self.place.pk)), "Nur-Sultan")

    def test_the_list_of_names_sends_changes_to_the_places_page(self):
        # A name is part of its place's version: changed elsewhere, it would bypass the place's
        # review and its check against lost edits.
        name = self.place.names.get()
        self.assertEqual(self.client.get(admin_url(PlaceName, "changelist")).status_code, 200)
        self.assertEqual(self.client.get(admin_url(PlaceName, "add")).status_code, 403)
        response = self.client.get(admin_url(PlaceName, "change", name.pk))
        self.assertContains(response, "Astana")
        self.assertNotContains(response, 'name="_save"')
        self.assertEqual(
            self.client.post(admin_url(PlaceName, "delete", name.pk), {"post": "yes"}).status_code, 403
        )
        self.assertTrue(PlaceName.objects.filter(pk=name.pk).exists())

    def test_the_secretariat_citys_country_stays_the_profiles(self):
        self.client.force_login(make_staff("Publishers"))
        organisation = make_organisation()
        place = organisation.secretariat_place
        url = admin_url(Place, "change", place.pk)
        data = admin_form_data(self.client.get(url)) | {"country": make_country().pk}
        response = self.client.post(url, data)
        self.assertFormError(
            response.context["adminform"].form,
            "country",
            "This is the Secretariat's city: change the organisation profile's country first.",
        )
        self.assertEqual(Place.objects.get(pk=place.pk).country, organisation.secretariat_country)


class FactSourceAdminTests(TestCase):
    def test_the_list_of_sources_sends_changes_to_the_checks_page(self):
        # A source is part of its fact check's version, as a name is of its place's.
        check = FactCheck.objects.create(panel=FactCheck.Panel.CHAIRMANSHIP, checked_on=today())
        source = FactSource.objects.create(fact_check=check, title="s-cica.org", url="https://s-cica.org/")
        self.client.force_login(make_staff("Publishers"))
        self.assertEqual(self.client.get(admin_url(FactSource, "add")).status_code, 403)
        response = self.client.get(admin_url(FactSource, "change", source.pk))
        self.assertContains(response, "s-cica.org")
        self.assertNotContains(response, 'name="_save"')
        self.assertEqual(
            self.client.post(admin_url(FactSource, "delete", source.pk), {"post": "yes"}).status_code, 403
        )
        self.assertContains(self.client.get(admin_url(FactCheck, "change", check.pk)), "s-cica.org")


class EditorPublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.draft = make_relation(published=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_new_relations_page_is_a_draft_even_when_posted_as_published(self):
        country = make_country()
        data = admin_form_data(self.client.get(admin_url(Relation, "add")))
        data |= {"country": country.pk, "slug": "new-relations", "lead_en": "Lead.", "status": "published"}
        response = self.client.post(admin_url(Relation, "add"), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Relation.objects.get(country=country).status, Relation.Status.DRAFT)

    def test_change_form_shows_status_read_only(self):
        response = self.client.get(admin_url(Relation, "change", self.draft.pk))
        self.assertNotIn("status", response.context["adminform"].form.fields)

    def test_cannot_publish_through_the_change_form(self):
        url = admin_url(Relation, "change", self.draft.pk)
        data = admin_form_data(self.client.get(url)) | {"status": "published"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Relation.Status.DRAFT)

    def test_is_offered_no_publish_action(self):
        response = self.client.get(admin_url(Relation, "changelist"))
        self.assertNotIn("publish_selected", action_names(response))

    def test_cannot_publish_through_a_posted_action(self):
        post_action(self.client, Relation, "publish_selected", self.draft)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Relation.Status.DRAFT)

    def test_cannot_delete(self):
        response = self.client.get(admin_url(Relation, "delete", self.draft.pk))
        self.assertEqual(response.status_code, 403)


class PublisherPublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.publisher = make_staff("Publishers")
        cls.draft = make_relation(published=False)
        cls.published = make_policy_page()

    def setUp(self):
        self.client.force_login(self.publisher)

    def test_publishes_through_the_change_form(self):
        url = admin_url(Relation, "change", self.draft.pk)
        data = admin_form_data(self.client.get(url)) | {"status": "published"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_published())

    def test_is_offered_publish_and_unpublish_actions(self):
        response = self.client.get(admin_url(Relation, "changelist"))
        self.assertLessEqual({"publish_selected", "unpublish_selected"}, set(action_names(response)))

    def test_publishes_through_the_action(self):
        post_action(self.client, Relation, "publish_selected", self.draft)
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_published())

    def test_unpublishes_through_the_action(self):
        post_action(self.client, PolicyPage, "unpublish_selected", self.published)
        self.published.refresh_from_db()
        self.assertEqual(self.published.status, PolicyPage.Status.DRAFT)

    def test_can_delete(self):
        response = self.client.post(admin_url(Relation, "delete", self.draft.pk), {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Relation.objects.filter(pk=self.draft.pk).exists())


class ValidationMessageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # A Publisher: an Editor's change to a country waits for review (validated the same way).
        cls.editor = make_staff("Publishers")
        cls.country = make_country("Azerbaijan")

    def setUp(self):
        self.client.force_login(self.editor)

    def post_country_memberships(self, *rows):
        url = admin_url(Country, "change", self.country.pk)
        data = admin_form_data(self.client.get(url))
        for row in rows:
            add_inline_row(data, "memberships", **row)
        return self.client.post(url, data)

    def test_leaving_date_before_joining_date(self):
        data = admin_form_data(self.client.get(admin_url(Membership, "add")))
        data |= {
            "status": Membership.Status.MEMBER,
            "country": self.country.pk,
            "joined_on": today() - days(10),
            "left_on": today() - days(20),
        }
        response = self.client.post(admin_url(Membership, "add"), data)
        self.assertFormError(
            response.context["adminform"].form, "left_on", "The leaving date must be after the joining date."
        )

    def test_new_inline_row_overlapping_a_stored_membership(self):
        make_membership(self.country, joined_on=today() - days(1000))
        response = self.post_country_memberships(
            {"status": Membership.Status.OBSERVER_STATE, "joined_on": today() - days(100)}
        )
        self.assertFormSetError(
            inline_formset(response, "memberships"),
            1,
            None,
            OVERLAP_MESSAGE.format(country="Azerbaijan", other="Member state"),
        )

    def test_two_new_inline_rows_overlapping_each_other(self):
        response = self.post_country_memberships(
            {"status": Membership.Status.MEMBER, "joined_on": today() - days(1000)},
            {
                "status": Membership.Status.OBSERVER_STATE,
                "joined_on": today() - days(2000),
                "left_on": today() - days(500),
            },
        )
        self.assertFormSetError(
            inline_formset(response, "memberships"),
            1,
            None,
            OVERLAP_MESSAGE.format(country="Azerbaijan", other="Member state"),
        )
        self.assertFalse(self.country.memberships.exists())

    def test_two_new_consecutive_inline_rows_are_saved(self):
        response = self.post_country_memberships(
            {
                "status": Membership.Status.OBSERVER_STATE,
                "joined_on": today() - days(2000),
                "left_on": today() - days(1000),
            },
            {"status": Membership.Status.MEMBER, "joined_on": today() - days(1000)},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.country.memberships.count(), 2)

    def test_second_relations_page_for_a_country(self):
        make_relation(self.country)
        data = admin_form_data(self.client.get(admin_url(Relation, "add")))
        data |= {"country": self.country.pk, "slug": "second-page", "lead_en": "Lead."}
        response = self.client.post(admin_url(Relation, "add"), data)
        self.assertFormError(
            response.context["adminform"].form,
            "country",
            "This country has a relations page already: edit that one.",
        )

    def test_taken_slug(self):
        make_policy_page(slug="privacy")
        data = admin_form_data(self.client.get(admin_url(PolicyPage, "add")))
        data |= {"title_en": "Privacy again", "slug": "privacy", "body_en": "<p>Text.</p>"}
        response = self.client.post(admin_url(PolicyPage, "add"), data)
        self.assertFormError(
            response.context["adminform"].form, "slug", "Policy page with this Slug already exists."
        )

    def test_second_organisation_profile(self):
        organisation = make_organisation(secretariat_country=self.country)
        url = admin_url(Organisation, "add")
        data = admin_form_data(self.client.get(admin_url(Organisation, "change", organisation.pk)))
        data |= {"slug": "second"}
        response = self.client.post(url, data)
        self.assertFormError(
            response.context["adminform"].form,
            None,
            "The site presents one organisation, and its profile exists already: edit it.",
        )

    def test_a_secretariat_country_other_than_its_citys(self):
        organisation = make_organisation(secretariat_country=self.country)
        url = admin_url(Organisation, "change", organisation.pk)
        data = admin_form_data(self.client.get(url))
        data |= {"secretariat_country": make_country().pk}
        response = self.client.post(url, data)
        self.assertFormError(
            response.context["adminform"].form,
            "secretariat_country",
            f"The Secretariat's city, Nur-Sultan, is in {self.country.name}: choose that country, or "
            "another city.",
        )
        self.assertEqual(Organisation.objects.get().secretariat_country, self.country)
