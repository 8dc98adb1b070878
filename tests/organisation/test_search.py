"""The site search's index kept in step with the content (organisation.search), seen through the
search page: every save and delete, by any path, of what a result shows."""

import datetime
import io
import unittest
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from modelsearch.backends import get_search_backend

from events.models import Meeting
from organisation import search, search_backend
from organisation.models import Membership, SearchDocument, prepared
from organisation.models.review import sandbox
from organisation.search_backend import SiteSearchMixin
from tests.factories import (
    days,
    make_coordinator,
    make_country,
    make_founding_document,
    make_many_meetings,
    make_measure,
    make_meeting,
    make_meeting_document,
    make_organisation,
    make_policy_page,
    make_relation,
    read_schedule,
)
from tests.files import text_pdf_file


class SearchPageMixin:
    def titles(self, query, language="en"):
        response = self.client.get(f"/{language}/search/", {"q": query})
        return [hit.title for hit in response.context["results"].hits]


class IndexInStepTests(SearchPageMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        cls.kuwait = make_country("Kuwait", "KW", name_ru="Кувейт", name_az="Küveyt")
        cls.meeting = make_meeting("Sixth Summit", host_country=cls.kuwait, summary="Heads of State met.")
        cls.document = make_meeting_document(cls.meeting, "Astana Declaration")

    def test_a_changed_title_is_found_and_the_old_one_no_more(self):
        self.meeting.title = "Seventh Summit"
        self.meeting.save()
        # Its document is found by its meeting's title too: both follow.
        self.assertEqual(self.titles("seventh"), ["Seventh Summit", "Astana Declaration"])
        self.assertEqual(self.titles("sixth"), [])

    def test_a_translation_added_is_found_in_its_language(self):
        self.meeting.title_ru = "Шестой саммит"
        self.meeting.save()
        self.assertEqual(self.titles("саммит", "ru")[0], "Шестой саммит")

    def test_a_renamed_country_is_found_in_the_meetings_it_hosted(self):
        self.kuwait.name = "State of Kuwait"
        self.kuwait.save()
        self.assertIn("Sixth Summit", self.titles("state kuwait"))

    def test_a_meeting_made_a_draft_leaves_the_search_with_its_documents(self):
        self.meeting.status = Meeting.Status.DRAFT
        self.meeting.save()
        self.assertEqual(self.titles("summit"), [])
        self.assertEqual(self.titles("declaration"), [])

    def test_a_deleted_meeting_leaves_the_search_with_its_documents(self):
        self.meeting.delete()
        self.assertEqual(self.titles("summit"), [])
        self.assertEqual(self.titles("declaration"), [])
        self.assertFalse(SearchDocument.objects.filter(kind__in=["meeting", "document"]).exists())

    def test_a_document_added_to_a_meeting_is_found(self):
        make_meeting_document(self.meeting, "Statement on Youth")
        self.assertEqual(self.titles("youth statement"), ["Statement on Youth"])

    def test_a_coordinator_added_finds_the_measure_by_its_countrys_name(self):
        measure = make_measure("Energy security")
        self.assertNotIn("Energy security", self.titles("kuwait"))
        coordinator = make_coordinator(measure, self.kuwait)
        self.assertIn("Energy security", self.titles("kuwait"))
        coordinator.delete()
        self.assertNotIn("Energy security", self.titles("kuwait"))

    def test_an_observer_organisation_is_found_by_its_name(self):
        Membership.objects.create(status="observer-organisation", organisation_name="United Nations")
        self.assertEqual(self.titles("united nations"), ["United Nations"])

    def test_pages_published_and_unpublished(self):
        page = make_policy_page("Accessibility", published=False)
        self.assertEqual(self.titles("accessibility"), [])
        page.status = "published"
        page.save()
        self.assertEqual(self.titles("accessibility"), ["Accessibility"])

    def test_nothing_changes_in_a_review_sandbox(self):
        # A pending version applied to render its preview: its saves are undone, the index untouched.
        with sandbox():
            self.meeting.title = "Seventh Summit"
            self.meeting.save()
            make_policy_page("Accessibility")
            self.document.delete()
            self.assertEqual(
                SearchDocument.objects.filter(object_id=self.meeting.pk, title="Seventh Summit").count(), 0
            )
            self.assertEqual(self.titles("accessibility"), [])
            self.assertEqual(self.titles("declaration"), ["Astana Declaration"])

    def test_the_sandbox_ends_with_its_block(self):
        with sandbox():
            pass
        make_policy_page("Accessibility")
        self.assertEqual(self.titles("accessibility"), ["Accessibility"])


class BulkInsertTests(SearchPageMixin, TestCase):
    def test_index_missing_indexes_what_bulk_inserts_left_out(self):
        make_many_meetings(3, title="Bulk forum")
        self.assertEqual(self.titles("forum"), [])
        self.assertEqual(search.index_missing(), 9)  # Three meetings in three languages.
        self.assertEqual(len(self.titles("forum")), 3)
        self.assertEqual(search.index_missing(), 0)

    def test_rebuild_makes_everything_again_from_the_content(self):
        meeting = make_meeting("Regional forum")
        # Changes that send no signal: to the content and to the index itself.
        Meeting.objects.filter(pk=meeting.pk).update(title="Regional summit")
        SearchDocument.objects.update(title="Wrong")
        out = io.StringIO()
        call_command("rebuild_search_index", stdout=out)
        self.assertRegex(out.getvalue(), r"Indexed 3 search documents in [\d.]+ s\.")
        self.assertEqual(self.titles("regional summit"), ["Regional summit"])
        self.assertEqual(self.titles("forum"), [])

    def test_rebuild_missing_only(self):
        make_many_meetings(2, title="Bulk forum")
        out = io.StringIO()
        call_command("rebuild_search_index", "--missing", stdout=out)
        self.assertIn("Indexed 6 search documents", out.getvalue())


class DocumentTextTests(SearchPageMixin, TestCase):
    def test_an_uploaded_pdfs_text_is_read_once_and_found(self):
        meeting = make_meeting("Sixth Summit")
        document = make_meeting_document(
            meeting, "Final act", file=text_pdf_file("We pledge dialogue and trust")
        )
        self.assertEqual(document.file_text, "We pledge dialogue and trust")
        self.assertEqual(self.titles("pledge dialogue"), ["Final act"])
        founding = make_founding_document("Charter", file=text_pdf_file("Members renounce force"))
        founding.refresh_from_db()
        self.assertEqual(founding.file_text, "Members renounce force")
        self.assertEqual(self.titles("renounce"), ["Charter"])

    def test_a_pdf_without_text_is_kept_without_text(self):
        from tests.files import pdf_file

        document = make_founding_document("Charter", file=pdf_file())
        self.assertEqual(document.file_text, "")

    def test_a_document_by_its_symbol_as_printed_or_typed(self):
        make_founding_document("Almaty Act", symbol="CICA/SUM/1/2002")
        for query in ("CICA/SUM/1/2002", "cicasum12002", "sum 2002"):
            with self.subTest(query=query):
                self.assertEqual(self.titles(query), ["Almaty Act"])


class RelationTitleTests(SearchPageMixin, TestCase):
    def test_a_relations_page_without_a_title_is_found_by_its_default_one(self):
        make_organisation()
        country = make_country("Qatar", "QA", name_ru="Катар")
        relation = make_relation(country, title="")
        with translation.override("ru"):
            expected = str(relation.default_title())
        self.assertIn(expected, self.titles("катар", "ru"))


@unittest.skipUnless(connection.vendor == "sqlite", "SQLite's FTS5 index and its query plans")
class IndexReadTests(TestCase):
    """A common word's matches are ranked from migration 0021's index of the entries, not from their
    rows, and counted with the ranking, or in the FTS table alone when something is scheduled
    (organisation.search_backend): the same results."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        for n in range(30):
            make_meeting(f"Corridor meeting {n}", start_date=timezone.localdate() - days(200 * n))
        make_meeting("Corridor meeting to come", publish_at=timezone.now() + days(1))
        make_founding_document(title="Transport corridors agreement")

    def test_ranked_pages_are_those_of_the_ranking_on_the_entries_rows(self):
        backend = get_search_backend()
        query = search.build_query(["corridor"], "en")
        scheduled = backend.not_yet_public(timezone.now())
        self.assertEqual(len(scheduled), 3)  # The meeting to come, in three languages.
        # With something hidden the queries are built each time; without, prepared once.
        for hidden, found in ((scheduled, 31), ([], 32)):
            for kinds in ([], ["meeting"], ["document"]):
                ranked = backend.ranked(query, kinds, timezone.now().year, hidden)
                expected = list(ranked.values_list("document_id", flat=True))
                self.assertEqual(
                    len(expected), {(): found, ("meeting",): found - 1, ("document",): 1}[tuple(kinds)]
                )
                for start, stop in [(0, 20), (20, 40), (5, 12), (40, 60), (0, 0)]:
                    with self.subTest(hidden=bool(hidden), kinds=kinds, start=start, stop=stop):
                        self.assertEqual(
                            backend.ranked_ids(query, kinds, timezone.now().year, hidden, start, stop),
                            expected[start:stop],
                        )

    def test_the_counts_by_kind_are_those_of_the_matches_entries(self):
        backend = get_search_backend()
        scheduled = backend.not_yet_public(timezone.now())
        kinds = list(search.kinds())
        for words in (["corridor"], ["transport", "corridor"], ["nowhere"]):
            query = search.build_query(words, "en")
            for hidden in (scheduled, []):
                with self.subTest(words=words, hidden=bool(hidden)):
                    # The mixin's count: the matches' entries, grouped by their kind.
                    expected = SiteSearchMixin.count_by_kind(backend, query, kinds, hidden)
                    self.assertEqual(backend.count_by_kind(query, kinds, hidden), expected)
        self.assertEqual(
            backend.count_by_kind(search.build_query(["corridor"], "en"), kinds, scheduled),
            {"meeting": 30, "document": 1},
        )

    def test_a_page_read_with_the_counts_is_that_of_the_ranking_and_the_counts_apart(self):
        backend = get_search_backend()
        kinds = list(search.kinds())
        year = timezone.now().year
        for words in (["corridor"], ["transport", "corridor"], ["nowhere"]):
            query = search.build_query(words, "en")
            expected_counts = SiteSearchMixin.count_by_kind(backend, query, kinds, [])
            for page_kinds in ([], ["meeting"], ["document"], ["measure"]):
                ranked = list(backend.ranked(query, page_kinds, year).values_list("document_id", flat=True))
                for start, stop in [(0, 20), (20, 40), (5, 12), (40, 60), (0, 0)]:
                    with self.subTest(words=words, kinds=page_kinds, start=start, stop=stop):
                        counts, page = backend.counts_and_page(
                            query, kinds, page_kinds, year, [], start, stop
                        )
                        self.assertEqual(counts, expected_counts)
                        self.assertEqual(page, ranked[start:stop])
        self.assertEqual(
            backend.counts_and_page(search.build_query(["corridor"], "en"), kinds, [], year, [], 0, 20)[0],
            {"meeting": 31, "document": 1},
        )

    def test_a_search_counts_in_the_fts_table_and_ranks_from_the_index(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/search/", {"q": "corridor"})
        self.assertEqual(response.context["results"].count, 31)
        self.assertEqual(response.context["results"].counts, {"document": 1, "meeting": 30})
        sqls = [query["sql"] for query in queries]
        (counting,) = [sql for sql in sqls if "COUNT(" in sql and " MATCH " in sql]
        self.assertNotIn("JOIN", counting)
        (ranking,) = [sql for sql in sqls if "bm25(" in sql]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {ranking}")
            plan = " / ".join(row[-1] for row in cursor.fetchall())
        self.assertIn("USING COVERING INDEX search_entry_rank", plan)


class PreparedReadsTests(TestCase):
    """What the search reads of the documents' table by SQL compiled once (the scheduled documents,
    a page's documents) is what the ORM reads, on either database."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        for n in range(3):
            make_meeting(f"Corridor meeting {n}", start_date=timezone.localdate() - days(200 * n))
        cls.later = make_meeting("Corridor meeting to come", publish_at=timezone.now() + days(1))
        make_founding_document(title="Transport corridors agreement")

    def test_a_pages_documents_are_those_in_bulk_reads(self):
        ids = list(SearchDocument.objects.order_by("-pk").values_list("pk", flat=True))
        self.assertGreater(len(ids), 12)
        for some in (ids, ids[3:5], ids[:1], []):
            with self.subTest(count=len(some)):
                found = search_backend.documents_by_id(some)
                expected = SearchDocument.objects.in_bulk(some)
                self.assertEqual(sorted(found), sorted(expected))
                for pk, document in found.items():
                    fields = {
                        field.attname: getattr(document, field.attname) for field in document._meta.fields
                    }
                    stored = {
                        field.attname: getattr(expected[pk], field.attname) for field in document._meta.fields
                    }
                    self.assertEqual(fields, stored)
                    self.assertFalse(document._state.adding)
        dated = search_backend.documents_by_id(ids)
        self.assertTrue(any(isinstance(document.date, datetime.date) for document in dated.values()))

    def test_what_is_scheduled_is_what_the_orm_finds_at_each_moment(self):
        backend = get_search_backend()
        for moment in (timezone.now(), self.later.publish_at - days(1) / 24, self.later.publish_at + days(1)):
            with self.subTest(moment=moment):
                scheduled = SearchDocument.objects.filter(public_from__gt=moment).values_list("pk", flat=True)
                self.assertEqual(bool(backend.not_yet_public(moment)), bool(list(scheduled)))
        self.assertEqual(len(backend.not_yet_public(timezone.now())), 3)  # In three languages.
        self.assertEqual(backend.not_yet_public(self.later.publish_at + days(1)), [])


@unittest.skipUnless(connection.vendor == "sqlite", "SQLite's queries of the FTS5 index")
class PreparedQueriesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_meeting("Corridor meeting held")
        make_founding_document(title="Transport corridors agreement")

    def test_a_search_builds_its_queries_once_whatever_its_words(self):
        """The ORM builds and compiles what is scheduled, the count, the ranking and the results'
        read on the first search of their shape; a search for other words runs the same SQL with
        other parameters."""
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        compiled = []
        compile_sql = SQLCompiler.as_sql

        def as_sql(compiler, *args, **kwargs):
            compiled.append(compiler.query.model)
            return compile_sql(compiler, *args, **kwargs)

        searches = {}
        with mock.patch.dict(prepared._prepared, clear=True):
            for words, first in (("transport agreement", True), ("meeting held", False)):
                compiled.clear()
                with mock.patch.object(SQLCompiler, "as_sql", as_sql):
                    searches[words] = self.client.get("/en/search/", {"q": words}).context["results"]
                self.assertEqual(
                    (SearchDocument in compiled, SQLiteFTSIndexEntry in compiled), (first, first)
                )
        self.assertEqual([hit.title for hit in searches["meeting held"].hits], ["Corridor meeting held"])
        self.assertEqual(searches["meeting held"].counts, {"meeting": 1})
        self.assertEqual(searches["transport agreement"].counts, {"document": 1})

    @override_settings(FRAGMENT_CACHE_ENTRIES=0)
    def test_a_search_with_nothing_scheduled_needs_three_queries_of_its_own(self):
        # What is scheduled (nothing), the counts with the page, the page's documents; then the
        # layout's profile and footer pages, with every cache off.
        read_schedule()
        self.client.get("/en/search/", {"q": "corridor"})
        with self.assertNumQueries(5):
            response = self.client.get("/en/search/", {"q": "transport"})
        self.assertEqual(
            [hit.title for hit in response.context["results"].hits], ["Transport corridors agreement"]
        )

    def test_a_page_and_the_counts_are_read_in_one_query_from_the_index(self):
        """The matches are ranked once, then counted by type and a page of them read: the index
        is read by one query, which reads the entries through the covering index."""
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/search/", {"q": "corridor"})
        self.assertEqual(response.context["results"].counts, {"document": 1, "meeting": 1})
        self.assertEqual(len(response.context["results"].hits), 2)
        (ranking,) = [query["sql"] for query in queries if " MATCH " in query["sql"]]
        self.assertIn("bm25(", ranking)
        self.assertIn("COUNT(*)", ranking)
        self.assertIn("LIMIT 20 OFFSET 0", ranking)  # The first page.
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {ranking}")
            plan = " / ".join(row[-1] for row in cursor.fetchall())
        self.assertIn("USING COVERING INDEX search_entry_rank", plan)


@pytest.mark.page_cache
class PreparedQueryTagsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_meeting("Corridor meeting held")
        make_founding_document(title="Transport corridors agreement")

    def test_a_search_page_carries_the_documents_list_tag_from_its_prepared_queries(self):
        """The scheduled documents' query is prepared on every database; the page still carries the
        documents' list tag it gave when built by the ORM, so that any publication retires it."""
        self.client.get("/en/search/", {"q": "corridor"})
        response = self.client.get("/en/search/", {"q": "transport"})
        self.assertIn("searchdocument:list", response["Surrogate-Key"].split())
        later = make_meeting("Transport meeting to come", publish_at=timezone.now() + days(1))
        found = search.search("transport", "en", now=later.publish_at + days(1))
        self.assertEqual(found.count, 2)
        self.assertEqual(search.search("transport", "en").count, 1)


class ScheduledEntriesTests(TestCase):
    """What is scheduled but not yet public is left out of every search by its entries' ids, which
    are looked for on every search: through the documents' table, so that when nothing is scheduled
    (nearly always) no entry is read but the matches."""

    @classmethod
    def setUpTestData(cls):
        make_organisation()
        make_meeting("Corridor meeting held")

    def entry_queries(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/search/", {"q": "corridor"})
        self.assertEqual([hit.title for hit in response.context["results"].hits], ["Corridor meeting held"])
        return [query["sql"] for query in queries if "modelsearch_indexentry" in query["sql"]]

    def test_with_nothing_scheduled_no_entry_is_read_but_the_matches(self):
        match = " MATCH " if connection.vendor == "sqlite" else " @@ "
        entries = self.entry_queries()
        self.assertTrue(entries)
        for sql in entries:
            self.assertIn(match, sql)

    def test_a_scheduled_meeting_is_left_out_until_its_time(self):
        meeting = make_meeting("Corridor meeting to come", publish_at=timezone.now() + days(1))
        self.entry_queries()  # Not found yet.
        self.assertEqual(search.search("corridor", "en", now=meeting.publish_at + days(1)).count, 2)
