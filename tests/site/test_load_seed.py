import datetime
import html

from django.apps import apps
from django.contrib.auth.models import User
from django.test import TestCase
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

from events.models import Meeting
from organisation import history
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Membership,
    Organisation,
    PolicyPage,
    Relation,
)
from tests.factories import load_seed

TRANSPORT_CORRIDORS = "Development of secure and effective systems of transportation corridors"

# The relations page the site reproduces, sentence for sentence.
RELATION_TITLE = (
    "Relations between the Conference on Interaction and Confidence Building Measures in Asia (CICA) "
    "and Azerbaijan"
)
RELATION_LEAD = (
    "Azerbaijan was one of the first countries to support the initiative of the first President of "
    "Kazakhstan, His Excellency Nursultan Nazarbayev, to convene the CICA, and is currently actively "
    "participating in cooperation within the CICA."
)
RELATION_BODY = (
    "The final declarations of the CICA Summits, as well as the documents of the Ministerial Meetings, "
    "have consistently condemned separatism as a threat to the stability, sovereignty and territorial "
    "integrity of states, and stated that relationships among Member States should be based on respect "
    "for each other’s territorial integrity, sovereignty and internationally recognised borders."
)


def plain(text):
    """Text as a reader sees it: no tags, no entities, ordinary spaces for the seed's non-breaking ones."""
    return " ".join(html.unescape(strip_tags(text)).replace("\xa0", " ").split())


def seed_models():
    return [*apps.get_app_config("organisation").get_models(), *apps.get_app_config("events").get_models()]


class LoadSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load_seed()

    def test_reports_what_it_created(self):
        self.assertIn("Created 134 objects", self.output)
        self.assertIn("Meetings: 11", self.output)

    def test_registry_holds_28_member_states_today(self):
        self.assertEqual(Membership.objects.members().as_of().count(), 28)
        self.assertEqual(Membership.objects.members().filter(joined_on__isnull=False).count(), 1)

    def test_counts_before_and_after_the_sixth_summit(self):
        observer_states = Membership.objects.filter(status=Membership.Status.OBSERVER_STATE)
        before, after = datetime.date(2022, 10, 12), datetime.date(2022, 10, 13)
        self.assertEqual(Membership.objects.members().as_of(before).count(), 27)
        self.assertEqual(Membership.objects.members().as_of(after).count(), 28)
        self.assertEqual(observer_states.as_of(before).count(), 8)
        self.assertEqual(observer_states.as_of(after).count(), 9)
        organisations = Membership.objects.filter(status=Membership.Status.OBSERVER_ORGANISATION)
        self.assertEqual(organisations.as_of(before).count(), 5)
        self.assertEqual(organisations.as_of().count(), 5)

    def test_member_states_have_their_iso_codes(self):
        members = Country.objects.filter(memberships__status=Membership.Status.MEMBER)
        codes = dict(members.values_list("name", "code"))
        self.assertEqual(len(codes), 28)
        expected = {
            "Azerbaijan": "AZ",
            "Kazakhstan": "KZ",
            "Palestine": "PS",
            "Republic of Korea": "KR",
            "Russia": "RU",
            "Türkiye": "TR",
            "Viet Nam": "VN",
            "United Arab Emirates": "AE",
        }
        self.assertEqual({name: codes[name] for name in expected}, expected)
        self.assertEqual(Country.objects.get(code="TR").slug, "turkiye")

    def test_kuwait_is_a_member_since_the_sixth_summit(self):
        kuwait = Membership.objects.get(country__code="KW")
        self.assertEqual(kuwait.status, Membership.Status.MEMBER)
        self.assertEqual(kuwait.joined_on, datetime.date(2022, 10, 13))

    def test_turkmenistan_is_an_observer_state(self):
        observer = Membership.objects.get(country__code="TM")
        self.assertEqual(observer.status, Membership.Status.OBSERVER_STATE)
        self.assertEqual(observer.joined_on, datetime.date(2022, 10, 13))

    def test_official_names_not_cldr_ones(self):
        names = {code: (ru, az) for code, ru, az in Country.objects.values_list("code", "name_ru", "name_az")}
        self.assertEqual(names["PS"], ("Палестина", "Fələstin"))
        self.assertEqual(names["KR"], ("Республика Корея", "Koreya Respublikası"))
        self.assertEqual(names["KG"][0], "Кыргызстан")
        for code in ("PS", "KR"):
            with self.subTest(code=code):
                country = Country.objects.get(code=code)
                self.assertEqual(country.translation_status("ru"), Country.TranslationStatus.REVIEW)
                self.assertEqual(country.translation_status("az"), Country.TranslationStatus.REVIEW)

    def test_observer_organisations_by_their_current_names(self):
        names = set(
            Membership.objects.filter(status=Membership.Status.OBSERVER_ORGANISATION).values_list(
                "organisation_name", flat=True
            )
        )
        self.assertIn("Parliamentary Assembly of Turkic States", names)
        self.assertIn("United Nations", names)
        self.assertEqual(len(names), 5)

    def test_all_public_content_is_published(self):
        for model in (Organisation, FoundingDocument, Meeting, Relation, PolicyPage):
            with self.subTest(model=model.__name__):
                self.assertTrue(model.objects.exists())
                self.assertEqual(model.objects.published().count(), model.objects.count())

    def test_organisation_initiative(self):
        organisation = Organisation.objects.get()
        self.assertEqual(organisation.acronym, "CICA")
        self.assertEqual(organisation.initiative_date, datetime.date(1992, 10, 5))
        self.assertEqual(organisation.initiative_by, "the President of Kazakhstan, Nursultan Nazarbayev")
        self.assertEqual(organisation.initiative_event, "the 47th session of the UN General Assembly")
        self.assertEqual(organisation.secretariat_city, "Astana")
        self.assertEqual(organisation.secretariat_place.name_on(datetime.date(2021, 9, 23)), "Nur-Sultan")
        self.assertEqual(organisation.secretariat_place.name_on(datetime.date(2018, 4, 13)), "Astana")
        self.assertEqual(organisation.secretariat_country.code, "KZ")

    def test_bodies_meet_as_the_page_says(self):
        self.assertEqual(
            [(body.short_name, body.role, body.frequency()) for body in Body.objects.all()],
            [
                ("Summit", "the supreme authority", "every 4 years"),
                (
                    "Ministerial Meeting",
                    "the body",
                    "every 2 years, in accordance with the Rules of procedure",
                ),
                ("SOC", "the structure", "no less than once a year"),
            ],
        )

    def test_founding_documents(self):
        declaration, act = FoundingDocument.objects.all()
        self.assertEqual(
            declaration.title,
            "Declaration on the Principles Guiding Relations between the CICA Member States",
        )
        self.assertEqual(declaration.adopted_on, datetime.date(1999, 9, 14))
        self.assertEqual(declaration.adopted_at.slug, "ministerial-meeting-almaty-1999")
        self.assertEqual(act.title, "Almaty Act")
        self.assertEqual(act.adopted_on, datetime.date(2002, 6, 4))
        self.assertEqual(act.adopted_at.start_date, act.adopted_on)
        self.assertEqual(act.adopted_at.ordinal, 1)

    def test_azerbaijan_coordinates_the_transport_corridors_measure(self):
        coordinator = Coordinator.objects.as_of().get(country__code="AZ")
        self.assertEqual(coordinator.measure.name, TRANSPORT_CORRIDORS)
        self.assertEqual(coordinator.role, Coordinator.Role.COORDINATOR)
        self.assertIsNone(coordinator.since)

    def test_expert_meeting_in_baku_2011(self):
        meeting = Meeting.objects.get(kind=Meeting.Kind.EXPERTS, start_date=datetime.date(2011, 4, 20))
        self.assertEqual(meeting.end_date, datetime.date(2011, 4, 21))
        self.assertEqual(meeting.city, "Baku")
        self.assertEqual(meeting.format, Meeting.Format.IN_PERSON)
        self.assertEqual(meeting.host_country.code, "AZ")
        self.assertEqual(meeting.measure.name, TRANSPORT_CORRIDORS)

    def test_virtual_expert_meeting_2021(self):
        meeting = Meeting.objects.get(kind=Meeting.Kind.EXPERTS, start_date=datetime.date(2021, 9, 23))
        self.assertEqual(meeting.end_date, meeting.start_date)
        self.assertEqual(meeting.format, Meeting.Format.VIRTUAL)
        self.assertEqual(meeting.city, "")
        self.assertIsNone(meeting.host_country)
        self.assertEqual(meeting.organising_country.code, "AZ")
        self.assertEqual(
            meeting.theme,
            "Promoting cooperation in order to strengthen the digitalization in the transport and "
            "logistics operations",
        )

    def test_youth_council_conference_2018(self):
        meeting = Meeting.objects.get(kind=Meeting.Kind.YOUTH_COUNCIL)
        self.assertEqual(
            (meeting.start_date, meeting.end_date), (datetime.date(2018, 4, 13), datetime.date(2018, 4, 14))
        )
        self.assertEqual(meeting.ordinal, 3)
        self.assertEqual(meeting.city, "Baku")
        self.assertEqual(meeting.host_country.code, "AZ")
        self.assertEqual(
            meeting.theme,
            "International Youth Cooperation in the context of Peace, Security and Sustainability",
        )

    def test_azerbaijan_meetings_come_from_the_meeting_table(self):
        azerbaijan = Country.objects.get(code="AZ")
        self.assertEqual(Meeting.objects.published().for_country(azerbaijan).count(), 3)

    def test_six_summits(self):
        summits = Meeting.objects.filter(body__slug="summit").order_by("ordinal")
        self.assertEqual(
            [(s.ordinal, s.start_date, s.end_date, s.city, s.host_country.code) for s in summits],
            [
                (1, datetime.date(2002, 6, 4), datetime.date(2002, 6, 4), "Almaty", "KZ"),
                (2, datetime.date(2006, 6, 17), datetime.date(2006, 6, 17), "Almaty", "KZ"),
                (3, datetime.date(2010, 6, 7), datetime.date(2010, 6, 8), "Istanbul", "TR"),
                (4, datetime.date(2014, 5, 20), datetime.date(2014, 5, 21), "Shanghai", "CN"),
                (5, datetime.date(2019, 6, 15), datetime.date(2019, 6, 15), "Dushanbe", "TJ"),
                (6, datetime.date(2022, 10, 12), datetime.date(2022, 10, 13), "Astana", "KZ"),
            ],
        )
        self.assertFalse(summits.exclude(meeting_status=Meeting.MeetingStatus.HELD).exists())

    def test_relations_page_reproduces_the_seed_sentences(self):
        relation = Relation.objects.get(country__code="AZ")
        self.assertEqual(relation.slug, "azerbaijan")
        self.assertEqual(relation.title, RELATION_TITLE)
        self.assertEqual(plain(relation.lead), RELATION_LEAD)
        self.assertEqual(plain(relation.body), RELATION_BODY)

    def test_copyright_page_points_to_contact(self):
        page = PolicyPage.objects.get(slug="copyright")
        self.assertIn("All rights reserved. Contact us to use any licensed material.", plain(page.body))
        self.assertIn('href="/en/contact/"', page.body)

    def test_policy_pages_are_in_the_footer_in_order(self):
        self.assertEqual(
            list(PolicyPage.objects.filter(in_footer=True).values_list("slug", flat=True)),
            ["privacy", "copyright", "contact", "accessibility"],
        )

    def test_rich_text_was_sanitised_on_load(self):
        checked = 0
        for model in seed_models():
            for field in model._meta.get_fields():
                if not isinstance(field, ProseEditorField):
                    continue
                for pk, value in model._default_manager.values_list("pk", field.name):
                    if value is None:  # An empty translation.
                        continue
                    with self.subTest(model=model.__name__, pk=pk, field=field.name):
                        self.assertEqual(value, field.sanitize(value))
                    checked += bool(value)
        self.assertGreaterEqual(checked, 7)


class ReloadSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def snapshot(self):
        counts = {model: model._default_manager.count() for model in seed_models()}
        updated = {
            model: dict(model._default_manager.values_list("pk", "updated_at"))
            for model in seed_models()
            if any(field.name == "updated_at" for field in model._meta.get_fields())
        }
        return counts, updated

    def test_second_run_changes_nothing(self):
        before = self.snapshot()
        output = load_seed()
        self.assertEqual(output.strip(), "Nothing to load: the seed content is present.")
        self.assertEqual(self.snapshot(), before)

    def test_brings_what_nobody_edited_up_to_date(self):
        """A site seeded before: the names CLDR gave, 27 members, a city typed on the profile."""
        palestine = Country.objects.get(code="PS")
        palestine.name_ru = "Палестинские территории"
        with history.revision(None, "Loaded from the seed content."):
            palestine.save()
        Membership.objects.filter(country__code="KW").delete()
        output = load_seed()
        self.assertIn("Brought up to date 1 objects", output)
        self.assertEqual(Country.objects.get(code="PS").name_ru, "Палестина")
        self.assertEqual(Membership.objects.members().as_of().count(), 28)

    def test_leaves_what_staff_edited_in_the_admin(self):
        staff = User.objects.create_user("editor", is_staff=True)
        palestine = Country.objects.get(code="PS")
        palestine.name_ru = "Палестина (государство)"
        with history.revision(staff, "Changed name."):
            palestine.save()
        load_seed()
        self.assertEqual(Country.objects.get(code="PS").name_ru, "Палестина (государство)")

    def test_staff_edits_survive_a_second_run(self):
        Relation.objects.filter(country__code="AZ").update(lead="Edited by staff.")
        Meeting.objects.filter(kind=Meeting.Kind.YOUTH_COUNCIL).update(title="Edited title")
        load_seed()
        self.assertEqual(Relation.objects.get(country__code="AZ").lead, "Edited by staff.")
        self.assertEqual(Meeting.objects.get(kind=Meeting.Kind.YOUTH_COUNCIL).title, "Edited title")


class HonestDatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_the_seed_page_says_when_its_text_was_written(self):
        response = self.client.get("/en/relations/azerbaijan/")
        self.assertContains(response, "<dt>Text first published</dt><dd>2021</dd>", html=True)
        self.assertNotContains(response, "<dt>Published</dt>", html=True)
        self.assertNotContains(response, "article:published_time")
        self.assertContains(response, '"datePublished":"2021"')

    def test_seeded_pages_without_a_known_date_show_none(self):
        response = self.client.get("/en/privacy/")
        self.assertNotContains(response, "<dt>Published</dt>", html=True)
        self.assertNotContains(response, "<dt>Last updated</dt>", html=True)
        self.assertNotContains(response, "datePublished")

    def test_recently_updated_lists_facts_not_policy_pages(self):
        response = self.client.get("/en/")
        section = response.content.decode().split('id="updated-heading"')[1].split("</section>")[0]
        self.assertIn("Kuwait", section)
        self.assertNotIn("Privacy policy", section)
