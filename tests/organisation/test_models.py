import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from organisation.models import Body, Membership, Organisation, PolicyPage, Relation
from tests.factories import (
    days,
    make_body,
    make_coordinator,
    make_country,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    today,
)


class PublishedQuerySetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.published = make_policy_page("Published")
        cls.draft = make_policy_page("Draft", published=False)
        cls.scheduled = make_policy_page(
            "Scheduled", status=PolicyPage.Status.PUBLISHED, publish_at=timezone.now() + days(2)
        )

    def test_published_includes_published_items_whose_time_has_come(self):
        self.assertQuerySetEqual(PolicyPage.objects.published(), [self.published])

    def test_draft_is_not_published_even_with_a_past_time(self):
        self.assertFalse(self.draft.is_published())
        self.assertNotIn(self.draft, PolicyPage.objects.published())

    def test_scheduled_item_is_not_public_until_its_time(self):
        self.assertTrue(self.scheduled.is_scheduled())
        self.assertFalse(self.scheduled.is_published())

    def test_scheduled_item_appears_by_itself_when_its_time_comes(self):
        PolicyPage.objects.filter(pk=self.scheduled.pk).update(publish_at=timezone.now() - days(1))
        self.assertIn(self.scheduled, PolicyPage.objects.published())


class MembershipRegistryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.old_member = make_membership(joined_on=today() - days(1000), left_on=today() - days(10))
        cls.member = make_membership(joined_on=today() - days(500))
        cls.unknown_date_member = make_membership(joined_on=None)
        cls.future_member = make_membership(joined_on=today() + days(30))
        cls.observer = make_membership(status=Membership.Status.OBSERVER_STATE, joined_on=today() - days(5))

    def test_member_count_today_comes_from_the_registry(self):
        self.assertEqual(Membership.objects.members().as_of().count(), 2)

    def test_member_count_as_of_a_past_date(self):
        self.assertEqual(Membership.objects.members().as_of(today() - days(20)).count(), 3)

    def test_member_count_as_of_a_future_date_counts_who_will_have_joined(self):
        self.assertEqual(Membership.objects.members().as_of(today() + days(31)).count(), 3)

    def test_leaving_day_is_not_counted(self):
        self.assertNotIn(self.old_member, Membership.objects.as_of(self.old_member.left_on))

    def test_observers_are_not_members(self):
        self.assertQuerySetEqual(Membership.objects.observers().as_of(), [self.observer])


class MembershipValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.country = make_country("Testland")
        make_membership(
            cls.country,
            status=Membership.Status.OBSERVER_STATE,
            joined_on=datetime.date(2000, 1, 1),
            left_on=datetime.date(2005, 1, 1),
        )

    def test_overlapping_period_for_one_country_is_refused(self):
        overlap = Membership(
            country=self.country, status=Membership.Status.MEMBER, joined_on=datetime.date(2004, 1, 1)
        )
        with self.assertRaisesMessage(ValidationError, "overlaps"):
            overlap.full_clean()

    def test_next_period_after_leaving_is_accepted(self):
        Membership(
            country=self.country, status=Membership.Status.MEMBER, joined_on=datetime.date(2005, 1, 1)
        ).full_clean()

    def test_leaving_before_joining_is_refused(self):
        membership = Membership(
            country=make_country(),
            status=Membership.Status.MEMBER,
            joined_on=datetime.date(2010, 1, 1),
            left_on=datetime.date(2009, 1, 1),
        )
        with self.assertRaises(ValidationError) as caught:
            membership.full_clean()
        self.assertIn("left_on", caught.exception.message_dict)

    def test_observer_organisation_needs_a_name_and_no_country(self):
        membership = Membership(status=Membership.Status.OBSERVER_ORGANISATION, country=self.country)
        with self.assertRaises(ValidationError) as caught:
            membership.full_clean()
        self.assertEqual(set(caught.exception.message_dict), {"country", "organisation_name"})

    def test_member_state_needs_a_country(self):
        with self.assertRaises(ValidationError) as caught:
            Membership(status=Membership.Status.MEMBER).full_clean()
        self.assertIn("country", caught.exception.message_dict)


class BodyFrequencyTests(TestCase):
    def test_every_four_years(self):
        self.assertEqual(Body(meets_every_months=48).frequency(), "every 4 years")

    def test_every_two_years_with_note(self):
        body = Body(meets_every_months=24, frequency_note="in accordance with the Rules of procedure")
        self.assertEqual(body.frequency(), "every 2 years, in accordance with the Rules of procedure")

    def test_minimum_once_a_year(self):
        self.assertEqual(
            Body(meets_every_months=12, meets_at_least=True).frequency(), "no less than once a year"
        )

    def test_months(self):
        self.assertEqual(Body(meets_every_months=6).frequency(), "every 6 months")

    def test_note_alone(self):
        self.assertEqual(Body(frequency_note="as often as necessary").frequency(), "as often as necessary")


class OrganisationTests(TestCase):
    def test_a_second_profile_is_refused(self):
        organisation = make_organisation()
        second = Organisation(
            name="Other",
            acronym="OT",
            slug="other",
            purpose="p",
            initiative_date=today(),
            initiative_by="someone",
            secretariat_place=organisation.secretariat_place,
            secretariat_country=organisation.secretariat_country,
        )
        with self.assertRaisesMessage(ValidationError, "one organisation"):
            second.full_clean()

    def test_the_profile_itself_validates(self):
        make_organisation().full_clean()


class RelationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.country = make_country("Azerbaijan", "AZ", slug="azerbaijan")

    def test_empty_title_becomes_the_default_title(self):
        relation = Relation(country=self.country, slug="azerbaijan", lead="Lead.")
        relation.full_clean()
        self.assertEqual(relation.title, "Relations between CICA and Azerbaijan")

    def test_a_second_page_for_the_same_country_is_refused(self):
        make_relation(self.country)
        second = Relation(country=self.country, slug="other", lead="Lead.")
        with self.assertRaises(ValidationError) as caught:
            second.full_clean()
        self.assertEqual(
            caught.exception.message_dict["country"],
            ["This country has a relations page already: edit that one."],
        )

    def test_narrative_is_sanitised_on_clean(self):
        relation = Relation(
            country=make_country(),
            slug="x",
            lead="Lead.",
            body='<p onclick="steal()">Text<script>alert(1)</script><a href="javascript:alert(1)">x</a></p>',
        )
        relation.full_clean()
        self.assertNotIn("script", relation.body)
        self.assertNotIn("onclick", relation.body)
        self.assertNotIn("javascript:", relation.body)
        self.assertIn("Text", relation.body)


class CoordinatorTests(TestCase):
    def test_current_roles_exclude_ended_ones(self):
        country = make_country()
        current = make_coordinator(country=country)
        make_coordinator(country=country, since=today() - days(100), until=today() - days(1))
        self.assertQuerySetEqual(country.coordinator_roles.as_of(), [current])

    def test_end_before_start_is_refused(self):
        coordinator = make_coordinator(since=today(), until=today() - days(1))
        with self.assertRaises(ValidationError):
            coordinator.full_clean()


class AbsoluteUrlTests(TestCase):
    def test_every_public_model_has_an_address(self):
        organisation = make_organisation()
        country = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        objects = [
            organisation,
            country,
            make_membership(country),
            make_body(slug="summit"),
            make_relation(country, slug="azerbaijan"),
            make_policy_page(slug="privacy"),
        ]
        for obj in objects:
            with self.subTest(model=type(obj).__name__):
                self.assertTrue(obj.get_absolute_url().startswith("/en/"))
        self.assertEqual(country.get_absolute_url(), "/en/member-states/#azerbaijan")
        self.assertEqual(objects[4].get_absolute_url(), "/en/relations/azerbaijan/")
