"""Cache tags (organisation/models/cache_tags.py): what a read records, and what a change gives."""

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.test import TestCase

from events.models import Meeting, MeetingDocument
from organisation.models import Country, Membership, cache_tags
from tests.factories import make_country, make_meeting, make_membership, make_organisation


def tags_of(read):
    with cache_tags.collect() as tags:
        read()
    return tags


class ReadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.country = make_country("Azerbaijan", "AZ", slug="azerbaijan")
        cls.other = make_country("Bhutan", "BT", slug="bhutan")
        cls.meeting = make_meeting("Baku meeting", host_country=cls.country)
        cls.elsewhere = make_meeting("Thimphu meeting", host_country=cls.other)

    def test_a_list_is_tagged_by_the_filter_that_selects_it(self):
        tags = tags_of(lambda: list(Meeting.objects.published().filter(host_country=self.country)))
        self.assertIn(f"meeting:list:host_country:{self.country.pk}", tags)
        self.assertNotIn("meeting:list", tags)
        # One selecting filter is enough; the rows it returned need no tag of their own.
        self.assertNotIn(f"meeting:{self.meeting.pk}", tags)

    def test_a_list_without_a_selecting_filter_has_its_models_list_tag(self):
        self.assertEqual(tags_of(lambda: list(Meeting.objects.order_by("title"))), {"meeting:list"})

    def test_published_lists_are_tagged_by_their_status(self):
        tags = tags_of(lambda: list(Meeting.objects.published()))
        self.assertEqual(tags, {"meeting:list:status:published"})

    def test_a_row_read_by_its_key_is_tagged_as_an_object(self):
        self.assertEqual(
            tags_of(lambda: Meeting.objects.get(pk=self.meeting.pk)), {f"meeting:{self.meeting.pk}"}
        )

    def test_a_row_read_by_a_unique_field_is_tagged_by_its_value_found_or_not(self):
        self.assertEqual(
            tags_of(lambda: Meeting.objects.filter(slug="nothing").first()), {"meeting:list:slug:nothing"}
        )

    def test_rows_brought_by_select_related_are_tagged_as_objects(self):
        tags = tags_of(lambda: list(Meeting.objects.select_related("host_country")))
        self.assertLessEqual({f"country:{self.country.pk}", f"country:{self.other.pk}"}, tags)

    def test_meetings_of_a_country_are_tagged_by_host_and_organiser(self):
        tags = tags_of(lambda: list(Meeting.objects.published().for_country(self.country)))
        self.assertIn(f"meeting:list:host_country:{self.country.pk}", tags)
        self.assertIn(f"meeting:list:organising_country:{self.country.pk}", tags)
        self.assertNotIn("meeting:list", tags)

    def test_a_filter_through_a_related_table_tags_that_table(self):
        tags = tags_of(lambda: list(Meeting.objects.filter(host_country__code="AZ")))
        self.assertIn("country:list:code:az", tags)

    def test_a_subquery_is_tagged_as_a_list(self):
        published = Meeting.objects.published()
        hosts = Country.objects.filter(Exists(published.filter(host_country=OuterRef("pk"))))
        tags = tags_of(lambda: list(hosts))
        self.assertLessEqual({"country:list", "meeting:list:status:published"}, tags)

    def test_a_list_ordered_by_a_related_field_is_tagged_with_its_table(self):
        make_membership(self.country)
        tags = tags_of(lambda: list(Membership.objects.order_by("country__name")))
        self.assertIn("country:list", tags)

    def test_counts_existence_and_aggregates_are_tagged(self):
        documents = MeetingDocument.objects.filter(meeting=self.meeting)
        expected = {f"meetingdocument:list:meeting:{self.meeting.pk}"}
        self.assertEqual(tags_of(documents.count), expected)
        self.assertEqual(tags_of(documents.exists), expected)
        self.assertEqual(tags_of(lambda: documents.aggregate(latest=Max("date"))), expected)

    def test_pages_of_a_list_are_counted_and_tagged(self):
        paginator = Paginator(Meeting.objects.published().order_by("pk"), 1)
        tags = tags_of(lambda: list(paginator.page(2)))
        self.assertEqual(paginator.count, 2)
        self.assertEqual(tags, {"meeting:list:status:published"})

    def test_models_outside_the_watched_apps_are_not_tagged(self):
        self.assertEqual(tags_of(lambda: list(User.objects.all())), set())

    def test_nothing_is_collected_outside_a_collection(self):
        with cache_tags.collect() as tags:
            pass
        list(Meeting.objects.all())
        self.assertEqual(tags, set())

    def test_a_nested_collection_adds_to_the_enclosing_one(self):
        with cache_tags.collect() as page, cache_tags.collect() as fragment:
            list(Meeting.objects.all())
        self.assertEqual(fragment, {"meeting:list"})
        self.assertEqual(page, {"meeting:list"})


class ChangeTests(TestCase):
    def test_a_change_gives_the_object_its_list_and_the_values_before_and_after(self):
        tags = cache_tags.change_tags(
            Meeting,
            42,
            {"host_country_id": 7, "status": "published"},
            {"host_country_id": 8, "status": "draft"},
        )
        self.assertEqual(
            tags,
            {
                "meeting:42",
                "meeting:list",
                "meeting:list:host_country:7",
                "meeting:list:host_country:8",
                "meeting:list:status:published",
                "meeting:list:status:draft",
            },
        )

    def test_every_list_a_changed_row_was_in_is_given(self):
        # Whatever list query returned the row, its change gives that query's tag.
        country = make_country()
        meeting = make_meeting(host_country=country, slug="a-meeting")
        for read in (
            Meeting.objects.published(),
            Meeting.objects.filter(host_country=country),
            Meeting.objects.for_country(country),
            Meeting.objects.filter(slug="a-meeting"),
            Meeting.objects.filter(pk=meeting.pk),
            Meeting.objects.all(),
        ):
            with self.subTest(read=str(read.query)):
                read_tags = tags_of(lambda read=read: list(read))
                change = cache_tags.change_tags(Meeting, meeting.pk, cache_tags.selecting_values(meeting))
                self.assertTrue(read_tags & change, (read_tags, change))

    def test_values_with_other_characters_are_hashed(self):
        tag = cache_tags.field_tag(Country, "code", "A Z")
        self.assertRegex(tag, r"^country:list:code:h[0-9a-f]{12}$")

    def test_many_tags_become_each_models_list_tag(self):
        tags = {f"meeting:{n}" for n in range(400)} | {"country:1"}
        self.assertEqual(cache_tags.compact(tags), {"meeting:list", "country:list"})


class SharedValueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()

    def test_a_shared_value_carries_its_tags_into_the_page(self):
        from organisation.models import Organisation

        cache_tags.forget_shared()
        with cache_tags.collect() as first:
            cache_tags.shared("profile", Organisation.objects.profile)
        with self.assertNumQueries(0), cache_tags.collect() as second:
            cache_tags.shared("profile", Organisation.objects.profile)
        self.assertIn("organisation:list:status:published", first)
        self.assertEqual(first, second)
        self.assertEqual(cache_tags.shared_tags(), frozenset())
