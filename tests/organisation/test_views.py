import datetime

from django.template.defaultfilters import filesizeformat
from django.test import TestCase, override_settings
from django.utils import timezone

from events.models import Meeting
from organisation.models import Coordinator, Membership, Organisation, Relation
from tests.factories import (
    days,
    make_body,
    make_coordinator,
    make_country,
    make_founding_document,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_membership,
    make_organisation,
    make_policy_page,
    make_relation,
    read_schedule,
    today,
)
from tests.files import pdf_file

# Each page's query budget, context processors included, with every cache off (no fragment or
# shared value kept: each query of the page is run) but the schedule of publications, which the
# first request after a change reads once for all (read_schedule()). The tests below show it does
# not grow with the content: the same with few and many rows. Every page reads the profile; the
# pages that show the Secretariat's city (home, About, relations pages) read it with the profile
# and its names over time (a query); the home page, About, member states and relations pages their
# facts panel's check with its sources.
HOME_QUERIES = 14  # with the Chair, the observers' counts and the key facts' check
ABOUT_QUERIES = 12  # with the profile's public change notes, the chairmanship and office-holders
COUNTRY_LIST_QUERIES = 7
MEASURE_LIST_QUERIES = 7
RELATION_QUERIES = 14  # with the page's public change notes and the country's chair terms


class HomeViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organisation = make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan)
        make_membership(make_country("India", "IN", slug="india"))
        cls.relation = make_relation(cls.azerbaijan, title="Relations with Azerbaijan")

    def test_shows_who_the_organisation_is(self):
        response = self.client.get("/en/")
        self.assertContains(
            response,
            "<h1>Conference on Interaction and Confidence Building Measures in Asia "
            '<span class="acronym">(CICA)</span></h1>',
            html=True,
        )
        self.assertContains(response, "To establish an effective and universal organisation")

    def test_shows_key_facts_from_the_data(self):
        response = self.client.get("/en/")
        self.assertContains(response, "<dt>Initiated in</dt><dd>1992</dd>", html=True)
        self.assertContains(response, "<dt>Member states</dt><dd>2</dd>", html=True)
        self.assertContains(response, "<dt>Secretariat</dt><dd>Nur-Sultan, Kazakhstan</dd>", html=True)

    def test_shows_the_bodies_with_their_frequency(self):
        make_body("Meeting of Heads of State and Government", short_name="Summit")
        response = self.client.get("/en/")
        self.assertContains(
            response,
            "Meeting of Heads of State and Government "
            "(Summit – the supreme authority, convening every 4 years)",
        )

    def test_shows_upcoming_and_recent_published_meetings(self):
        make_meeting("Coming experts meeting", start_date=today() + days(10))
        make_meeting("Past experts meeting", start_date=today() - days(10))
        make_meeting("Draft meeting", published=False, start_date=today() + days(5))
        response = self.client.get("/en/")
        self.assertContains(response, "Coming experts meeting")
        self.assertContains(response, "Past experts meeting")
        self.assertNotContains(response, "Draft meeting")

    def test_links_member_states_to_their_published_relations_page(self):
        response = self.client.get("/en/")
        self.assertContains(
            response, '<a href="/en/relations/relations-azerbaijan/">Azerbaijan</a>', html=True
        )
        self.assertContains(response, "<li>India</li>", html=True)

    def test_lists_recently_updated_relations_and_policy_pages(self):
        make_policy_page("Privacy Policy")
        make_policy_page("Draft policy", published=False)
        response = self.client.get("/en/")
        self.assertContains(response, "Relations with Azerbaijan")
        self.assertContains(response, "Privacy Policy")
        self.assertNotContains(response, "Draft policy")

    def test_renders_without_a_published_organisation(self):
        Organisation.objects.update(status=Organisation.Status.DRAFT)
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Conference on Interaction")

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_members_and_meetings(self):
        read_schedule()
        with self.assertNumQueries(HOME_QUERIES):
            self.client.get("/en/")
        for n in range(12):
            make_membership(make_country())
            make_relation(make_country())
            make_meeting(start_date=today() + days(n - 6))
        with self.assertNumQueries(HOME_QUERIES):
            self.client.get("/en/")


class OrganisationDetailViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organisation = make_organisation(history="<p>Founded over a decade of talks.</p>")

    def test_builds_the_initiative_sentence_from_the_profile(self):
        response = self.client.get("/en/about/")
        self.assertContains(
            response,
            "The initiative to convene the CICA was first put forward on 5 October 1992 by the President "
            "of Kazakhstan, Nursultan Nazarbayev, during the 47th session of the UN General Assembly.",
        )

    def test_shows_purpose_and_history(self):
        response = self.client.get("/en/about/")
        self.assertContains(response, "To establish an effective and universal organisation")
        self.assertContains(response, "<p>Founded over a decade of talks.</p>", html=True)

    def test_shows_founding_documents_with_adoption_and_meeting_link(self):
        meeting = make_meeting("First Meeting of Foreign Ministers", start_date=datetime.date(1999, 9, 14))
        make_founding_document(
            "Declaration on the Principles",
            adopted_at=meeting,
            summary="Principles guiding relations.",
            url="https://example.org/declaration",
        )
        response = self.client.get("/en/about/")
        self.assertContains(response, "<h3>Declaration on the Principles</h3>", html=True)
        self.assertContains(response, "Adopted on 14 September 1999 in Almaty")
        self.assertContains(
            response,
            f'<a href="{meeting.get_absolute_url()}">First Meeting of Foreign Ministers</a>',
            html=True,
        )
        self.assertContains(response, "Principles guiding relations.")
        self.assertContains(response, 'href="https://example.org/declaration"')

    def test_does_not_link_an_unpublished_adopting_meeting(self):
        meeting = make_meeting("Draft adopting meeting", published=False)
        make_founding_document(adopted_at=meeting)
        response = self.client.get("/en/about/")
        self.assertNotContains(response, "Draft adopting meeting")

    def test_hides_draft_founding_documents(self):
        make_founding_document("Unpublished act", published=False)
        response = self.client.get("/en/about/")
        self.assertNotContains(response, "Unpublished act")

    def test_shows_bodies_with_frequency(self):
        make_body(
            "Senior Officials Committee",
            short_name="SOC",
            role="the structure",
            meets_every_months=12,
            meets_at_least=True,
        )
        response = self.client.get("/en/about/")
        self.assertContains(
            response, "Senior Officials Committee (SOC – the structure, convening no less than once a year)"
        )

    def test_download_link_gives_the_files_type_and_size(self):
        document = make_founding_document("Almaty Act", file=pdf_file("almaty-act.pdf", pages=14))
        response = self.client.get("/en/about/")
        self.assertContains(
            response,
            f'<a href="/en/documents/founding/{document.pk}/" type="application/pdf" download>Read the text '
            f'<span class="file-details">(PDF, {filesizeformat(document.file_size)}, 14 pages)</span></a>',
            html=True,
        )

    def test_shows_the_secretariat(self):
        response = self.client.get("/en/about/")
        self.assertContains(
            response,
            "The administrative body of the CICA is the Secretariat, located in Nur-Sultan, Kazakhstan.",
        )

    def test_shows_members_and_observers_with_counts_and_dates(self):
        make_membership(
            make_country("Azerbaijan", "AZ", slug="azerbaijan"), joined_on=datetime.date(1992, 10, 5)
        )
        make_membership(make_country("Egypt", "EG", slug="egypt"), joined_on=None)
        Membership.objects.create(
            status=Membership.Status.OBSERVER_ORGANISATION, organisation_name="United Nations"
        )
        response = self.client.get("/en/about/")
        self.assertContains(response, "2 member states")
        self.assertContains(response, "1 observer")
        self.assertContains(response, "<td>Member state</td><td>5 October 1992</td>", html=True)
        self.assertContains(response, "<td>Member state</td><td>date not recorded</td>", html=True)
        self.assertContains(response, "United Nations")

    def test_answers_404_without_a_published_organisation(self):
        Organisation.objects.update(status=Organisation.Status.DRAFT)
        response = self.client.get("/en/about/")
        self.assertEqual(response.status_code, 404)

    def test_answers_404_for_a_scheduled_organisation(self):
        Organisation.objects.update(publish_at=timezone.now() + days(1))
        response = self.client.get("/en/about/")
        self.assertEqual(response.status_code, 404)

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_members(self):
        read_schedule()
        for _ in range(3):
            make_membership(make_country())
        make_founding_document()
        with self.assertNumQueries(ABOUT_QUERIES):
            self.client.get("/en/about/")
        for _ in range(12):
            make_relation(make_membership(make_country()).country)
            make_founding_document(adopted_at=make_meeting())
            make_body()
        with self.assertNumQueries(ABOUT_QUERIES):
            self.client.get("/en/about/")


class CountryListViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_membership(cls.azerbaijan, joined_on=datetime.date(1992, 10, 5))
        cls.india = make_country("India", "IN", slug="india")
        make_membership(cls.india)
        make_relation(cls.azerbaijan)
        make_relation(cls.india, published=False)
        cls.turkmenistan = make_country("Turkmenistan", "TM", slug="turkmenistan")
        make_membership(cls.turkmenistan, status=Membership.Status.OBSERVER_STATE, joined_on=None)

    def test_lists_current_members_with_count(self):
        response = self.client.get("/en/member-states/")
        self.assertContains(response, '<h2 id="members-heading">2 member states</h2>', html=True)
        self.assertContains(response, "5 October 1992")

    def test_gives_each_row_the_country_anchor(self):
        response = self.client.get("/en/member-states/")
        self.assertContains(response, '<tr id="azerbaijan">')
        self.assertEqual(self.azerbaijan.get_absolute_url(), "/en/member-states/#azerbaijan")

    def test_links_only_published_relations_pages(self):
        response = self.client.get("/en/member-states/")
        self.assertContains(
            response,
            '<th scope="row"><a href="/en/relations/relations-azerbaijan/">Azerbaijan</a></th>',
            html=True,
        )
        self.assertContains(response, '<th scope="row">India</th>', html=True)

    def test_lists_observers_separately(self):
        response = self.client.get("/en/member-states/")
        self.assertContains(response, '<h2 id="observer-states-heading">1 observer state</h2>', html=True)
        self.assertContains(response, "<td>Observer state</td><td>date not recorded</td>", html=True)

    def test_leaves_out_former_members(self):
        make_membership(make_country("Formerland"), joined_on=today() - days(400), left_on=today() - days(10))
        response = self.client.get("/en/member-states/")
        self.assertNotContains(response, "Formerland")

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_members(self):
        read_schedule()
        with self.assertNumQueries(COUNTRY_LIST_QUERIES):
            self.client.get("/en/member-states/")
        for _ in range(12):
            make_relation(make_membership(make_country()).country)
            make_membership(make_country(), status=Membership.Status.OBSERVER_STATE)
        with self.assertNumQueries(COUNTRY_LIST_QUERIES):
            self.client.get("/en/member-states/")


class MeasureListViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        from organisation.models import MeasureArea

        cls.area = MeasureArea.objects.create(name="Economic dimension", slug="economic")
        cls.measure = make_measure("Development of transportation corridors", area=cls.area)
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        make_coordinator(cls.measure, cls.azerbaijan)
        make_coordinator(cls.measure, make_country("India", "IN"), role=Coordinator.Role.CO_COORDINATOR)

    def test_lists_areas_and_measures_with_anchors(self):
        response = self.client.get("/en/measures/")
        self.assertContains(response, '<section id="economic"')
        self.assertContains(response, f'<article class="measure" id="{self.measure.slug}">')
        self.assertContains(response, "Development of transportation corridors")

    def test_shows_coordinators_and_roles(self):
        response = self.client.get("/en/measures/")
        self.assertContains(
            response, 'Coordinator: <a href="/en/member-states/#azerbaijan">Azerbaijan</a>', html=True
        )
        self.assertContains(response, "Co-coordinator:")

    def test_leaves_out_past_coordinators(self):
        make_coordinator(
            self.measure, make_country("Formerland"), since=today() - days(400), until=today() - days(1)
        )
        response = self.client.get("/en/measures/")
        self.assertNotContains(response, "Formerland")

    def test_lists_measures_without_an_area(self):
        make_measure("Unsorted measure")
        response = self.client.get("/en/measures/")
        self.assertContains(response, "Unsorted measure")

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_measures(self):
        read_schedule()
        make_coordinator(make_measure())
        with self.assertNumQueries(MEASURE_LIST_QUERIES):
            self.client.get("/en/measures/")
        for _ in range(12):
            make_coordinator(make_measure(area=self.area))
            make_measure()
        with self.assertNumQueries(MEASURE_LIST_QUERIES):
            self.client.get("/en/measures/")


class RelationDetailViewTests(TestCase):
    """The relations page: every fact of the seed page, built from data."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.azerbaijan = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.membership = make_membership(cls.azerbaijan, joined_on=datetime.date(1992, 10, 5))
        for name in ("India", "Egypt"):
            make_membership(make_country(name))
        make_body(
            "Meeting of Heads of State and Government",
            short_name="Summit",
            role="the supreme authority",
            meets_every_months=48,
            order=1,
        )
        make_body(
            "Senior Officials Committee",
            short_name="SOC",
            role="the structure",
            meets_every_months=12,
            meets_at_least=True,
            order=3,
        )
        make_founding_document(
            "Declaration on the Principles Guiding Relations between the CICA Member States",
            adopted_on=datetime.date(1999, 9, 14),
            order=1,
        )
        make_founding_document("Almaty Act", adopted_on=datetime.date(2002, 6, 4), order=2)
        make_founding_document("Unadopted draft", published=False)
        cls.measure = make_measure("Development of secure and effective systems of transportation corridors")
        make_coordinator(cls.measure, cls.azerbaijan)
        make_meeting(
            "Meeting of experts on transportation corridors",
            start_date=datetime.date(2011, 4, 20),
            end_date=datetime.date(2011, 4, 21),
            host_country=cls.azerbaijan,
            city="Baku",
        )
        make_meeting(
            "Online meeting of experts on digitalization",
            start_date=datetime.date(2021, 9, 23),
            organising_country=cls.azerbaijan,
            format=Meeting.Format.VIRTUAL,
            city="",
            theme="Promoting cooperation in order to strengthen the digitalization",
        )
        make_meeting("Meeting in another country", host_country=make_country("Mongolia"), city="Ulaanbaatar")
        make_meeting("Draft meeting in Baku", published=False, host_country=cls.azerbaijan)
        make_meeting(
            "Scheduled meeting in Baku",
            host_country=cls.azerbaijan,
            publish_at=timezone.now() + days(3),
        )
        cls.relation = make_relation(
            cls.azerbaijan,
            lead="Azerbaijan was one of the first countries to support the initiative.",
            body="<p>The final declarations of the CICA Summits condemned separatism.</p>",
        )
        cls.url = cls.relation.get_absolute_url()

    def test_title_is_the_heading(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Relations between CICA and Azerbaijan</h1>", html=True)

    def test_shows_the_initiative_and_purpose(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            "The initiative to convene the CICA was first put forward on 5 October 1992 by the President "
            "of Kazakhstan, Nursultan Nazarbayev, during the 47th session of the UN General Assembly.",
        )
        self.assertContains(response, "To establish an effective and universal organisation")

    def test_counts_members_and_names_founding_documents_with_years(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            "The main documents regulating the activities of the CICA, which has 3 members, are the "
            "Declaration on the Principles Guiding Relations between the CICA Member States adopted in 1999 "
            "and the Almaty Act adopted in 2002.",
        )
        self.assertNotContains(response, "Unadopted draft")

    def test_names_the_secretariat_city(self):
        response = self.client.get(self.url)
        self.assertContains(
            response, "The administrative body of the CICA is the Secretariat, located in Nur-Sultan."
        )

    def test_lists_bodies_with_frequency(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            "Meeting of Heads of State and Government "
            "(Summit – the supreme authority, convening every 4 years)",
        )
        self.assertContains(
            response, "Senior Officials Committee (SOC – the structure, convening no less than once a year)"
        )

    def test_shows_the_lead_and_narrative(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Azerbaijan was one of the first countries to support the initiative.")
        self.assertContains(
            response, "<p>The final declarations of the CICA Summits condemned separatism.</p>", html=True
        )

    def test_shows_membership_since(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<dd>Member state since 5 October 1992</dd>", html=True)

    def test_shows_member_state_when_the_joining_date_is_unknown(self):
        Membership.objects.filter(pk=self.membership.pk).update(joined_on=None)
        response = self.client.get(self.url)
        self.assertContains(response, "<dd>Member state</dd>", html=True)

    def test_shows_the_coordinator_role_fact_and_sentence(self):
        response = self.client.get(self.url)
        self.assertContains(
            response, "Coordinator: Development of secure and effective systems of transportation corridors"
        )
        self.assertContains(
            response,
            "It acts as the coordinator of the confidence-building measure in the field of "
            "“Development of secure and effective systems of transportation corridors”.",
        )

    def test_lists_hosted_meetings_with_a_date_range(self):
        response = self.client.get(self.url)
        self.assertContains(response, "20–21 April 2011")
        self.assertContains(response, "Meeting of experts on transportation corridors")
        self.assertContains(response, "<li>Hosted by Azerbaijan</li>", html=True)

    def test_lists_organised_online_meetings(self):
        response = self.client.get(self.url)
        self.assertContains(response, "23 September 2021")
        self.assertContains(response, "<li>Online</li>", html=True)
        self.assertContains(response, "<li>Organised by Azerbaijan</li>", html=True)
        self.assertContains(
            response, "Theme: “Promoting cooperation in order to strengthen the digitalization”"
        )

    def test_leaves_out_other_countries_and_unpublished_meetings(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, "Meeting in another country")
        self.assertNotContains(response, "Draft meeting in Baku")
        self.assertNotContains(response, "Scheduled meeting in Baku")

    def test_shows_published_and_updated_dates(self):
        response = self.client.get(self.url)
        self.assertContains(
            response, f"<dt>Published</dt><dd>{self.relation.publish_at:%-d %B %Y}</dd>", html=True
        )
        self.assertContains(
            response, f"<dt>Last updated</dt><dd>{self.relation.updated_at:%-d %B %Y}</dd>", html=True
        )

    def test_shows_breadcrumbs(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            '<ol><li><a href="/en/">Home</a></li><li><a href="/en/member-states/">Member states</a></li>'
            '<li><span aria-current="page">Relations between CICA and Azerbaijan</span></li></ol>',
            html=True,
        )

    def test_answers_404_for_a_draft(self):
        relation = make_relation(published=False)
        response = self.client.get(relation.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_answers_404_for_a_scheduled_page(self):
        relation = make_relation(publish_at=timezone.now() + days(1))
        response = self.client.get(relation.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_lists_related_founding_and_outcome_documents(self):
        meeting = Meeting.objects.get(title="Meeting of experts on transportation corridors")
        make_meeting_document(meeting, "Baku statement on corridors", url="https://example.org/baku.pdf")
        response = self.client.get(self.url)
        self.assertContains(response, '<h2 id="documents-heading">Related documents</h2>', html=True)
        self.assertContains(response, "Almaty Act</a>")
        self.assertContains(response, "founding document, adopted in 2002")
        self.assertContains(
            response,
            '<a href="https://example.org/baku.pdf">Baku statement on corridors '
            '<span class="file-details">(PDF)</span></a>',
            html=True,
        )
        self.assertContains(response, "Declaration of the Meeting of experts on transportation corridors")

    def test_leaves_out_documents_of_unpublished_meetings(self):
        make_meeting_document(Meeting.objects.get(title="Draft meeting in Baku"), "Draft statement")
        self.assertNotContains(self.client.get(self.url), "Draft statement")

    def test_links_the_countrys_meeting_calendar(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            '<a href="/en/meetings/calendar/country/azerbaijan.ics" type="text/calendar">'
            "Calendar of the meetings hosted or organised by Azerbaijan (iCalendar)</a>",
            html=True,
        )

    def test_last_updated_is_the_publication_time_when_it_came_after_the_last_save(self):
        Relation.objects.filter(pk=self.relation.pk).update(updated_at=timezone.now() - days(10))
        response = self.client.get(self.url)
        self.assertContains(
            response, f"<dt>Last updated</dt><dd>{self.relation.publish_at:%-d %B %Y}</dd>", html=True
        )

    def test_shows_the_latest_twenty_meetings_and_links_to_all_of_them(self):
        for n in range(21):
            make_meeting(
                f"Corridors meeting no. {n}", host_country=self.azerbaijan, start_date=today() - days(50 - n)
            )
        response = self.client.get(self.url)
        content = response.content.decode()
        # 23 in all with the two of the seed page; the 20 latest, in the order they took place.
        self.assertNotContains(response, "Meeting of experts on transportation corridors")
        self.assertNotContains(response, "Corridors meeting no. 0<")
        self.assertLess(content.index("Corridors meeting no. 1<"), content.index("Corridors meeting no. 20<"))
        self.assertContains(response, "<dt>Meetings hosted or organised</dt><dd>23</dd>", html=True)
        self.assertContains(
            response,
            '<a href="/en/meetings/?country=AZ">All 23 meetings hosted or organised by Azerbaijan</a>',
            html=True,
        )

    def test_needs_no_link_when_it_shows_every_meeting(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<dt>Meetings hosted or organised</dt><dd>2</dd>", html=True)
        self.assertNotContains(response, "?country=AZ")

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_query_count_does_not_grow_with_meetings(self):
        read_schedule()
        with self.assertNumQueries(RELATION_QUERIES):
            self.client.get(self.url)
        for n in range(10):
            make_meeting(host_country=self.azerbaijan, start_date=today() - days(100 + n))
            make_coordinator(country=self.azerbaijan)
            make_body()
        with self.assertNumQueries(RELATION_QUERIES):
            self.client.get(self.url)


class PolicyPageDetailViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.page = make_policy_page("Privacy Policy", slug="privacy", body="<p>We keep no cookies.</p>")

    def test_shows_title_body_and_last_updated(self):
        response = self.client.get("/en/privacy/")
        self.assertContains(response, "<h1>Privacy Policy</h1>", html=True)
        self.assertContains(response, "<p>We keep no cookies.</p>", html=True)
        self.assertContains(
            response, f"<dt>Last updated</dt><dd>{self.page.updated_at:%-d %B %Y}</dd>", html=True
        )

    def test_answers_404_for_a_draft(self):
        make_policy_page(slug="draft-policy", published=False)
        response = self.client.get("/en/draft-policy/")
        self.assertEqual(response.status_code, 404)

    def test_answers_404_for_a_scheduled_page(self):
        make_policy_page(slug="later-policy", publish_at=timezone.now() + days(1))
        response = self.client.get("/en/later-policy/")
        self.assertEqual(response.status_code, 404)

    def test_does_not_shadow_the_admin(self):
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/admin/login/?next=/admin/")
