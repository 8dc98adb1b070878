"""modelsearch's SQLite and PostgreSQL backends, with what the site search needs and they lack.

1. A query word matched as the start of a word (`Prefix`): modelsearch has prefixes only in
   `.autocomplete()`, for the last word, on a column of its own.
2. Titles ranked above the body on SQLite: modelsearch ranks with `bm25()`, every column alike.
3. A search that reads its matches and nothing else, found, counted and ranked in the index's own
   tables. Its terms carry their language (organisation.search_text.term), so the index holds each
   language's matches apart; the entry of a match holds its document's kind (in its
   `autocomplete` column, SearchDocument.kind_tag) and, for a meeting, its date (in its
   `title_norm`: see `set_dates`). Measured at 100,000 meetings, a word in a tenth of them: with the
   language in a column beside the terms instead, a search read the matches of all three languages,
   and took eight times as long as at 1,000 meetings.

Set as MODELSEARCH_BACKENDS["default"]["BACKEND"] = "organisation.search_backend". organisation.search
makes its queries through the backend's `matches()`, `counts_and_page()`, `count_by_kind()` and
`ranked_ids()`.
"""

import functools
import logging

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.sql.datastructures import Join
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from organisation.models.prepared import Parameter, Slot, now_parameter, now_value, prepared, prepared_objects
from organisation.models.search import SearchDocument, kind_tag

logger = logging.getLogger(__name__)

# SQLite's column weights for bm25(); PostgreSQL's ts_rank() weights A (title), B (keywords),
# C (text) and D (unused) to the same effect.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
POSTGRES_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A

# SQLite: the index of the columns the ranking reads of each match's entry (migration 0021).
RANK_INDEX = "search_entry_rank"

# A meeting of this year ranks up to (1 + RECENCY_BOOST) times above the same match RECENCY_YEARS old
# or older; other documents rank as the oldest meetings.
RECENCY_YEARS = 10
RECENCY_BOOST = 1.0


class Prefix(PlainText):
    """One folded word, matched as the start of a word: "transp" finds "transport"."""


class Recency(Func):
    """1 for a document RECENCY_YEARS old or more, or without a date (`title_norm` 1.0, modelsearch's
    default), up to 1 + RECENCY_BOOST for one of `year`: one expression, as the ranked query is
    compiled on every search."""

    output_field = FloatField()

    def __init__(self, title_norm, year):
        since = float(year - RECENCY_YEARS)
        super().__init__(title_norm)
        self.template = (
            f"(1.0 + {RECENCY_BOOST / RECENCY_YEARS} * (CASE WHEN %(expressions)s <= {since} THEN 0.0 "
            f"WHEN %(expressions)s >= {since + RECENCY_YEARS} THEN {float(RECENCY_YEARS)} "
            f"ELSE %(expressions)s - {since} END))"
        )


def _date_number(date_field):
    """A date as a year with a fraction (2024.5 for mid-2024): what `title_norm` holds."""
    return (
        Cast(ExtractYear(date_field), FloatField())
        + Cast(ExtractMonth(date_field) - 1, FloatField()) / Value(12.0)
        + Cast(ExtractDay(date_field) - 1, FloatField()) / Value(372.0)
    )


class DatedIndexMixin:
    """An index whose entries carry their document's date in `title_norm`, modelsearch's title-length
    factor, which the ranking here does not use."""

    def _refresh_title_norms(self, full=False):
        # It would overwrite the dates.
        pass

    def set_dates(self, model, objs):
        """Write the `date` of each of `objs` (documents just added) into its entry's `title_norm`."""
        from modelsearch.models import IndexEntry
        from modelsearch.utils import get_content_type_pk

        ids = [str(obj.pk) for obj in objs if obj.date]
        date = Subquery(
            model.objects.filter(pk=Cast(OuterRef("object_id"), BigIntegerField()))
            .annotate(number=_date_number("date"))
            .values("number")[:1]
        )
        for start in range(0, len(ids), 500):
            IndexEntry.objects.filter(
                content_type_id=get_content_type_pk(model), object_id__in=ids[start : start + 500]
            ).update(title_norm=date)


class SiteSearchMixin:
    """The site search's queries on both backends. A query's terms carry their language
    (organisation.search_text.term), so the index's matches are those of that language only. Each
    backend says how it matches (`_match()`) and how it reaches the entry of a match, whose
    autocomplete column holds the document's kind (`entry`, a lookup prefix)."""

    entry = ""

    def matches(self, query, kinds=(), hidden=()):
        """The index's matches of `query`, of `kinds` (of any kind if none), but the entries `hidden`
        (see not_yet_public())."""
        matches, _rank = self._match(query)
        return self._filter(matches, kinds, hidden)

    def count_by_kind(self, query, kinds, hidden=()):
        """{kind: number of matches} for the kinds that have any, in one query."""
        column = f"{self.entry}autocomplete"
        rows = self.matches(query, hidden=hidden).values(column).annotate(n=Count("pk")).order_by()
        counts = {row[column]: row["n"] for row in rows}
        return {kind: counts[kind_tag(kind)] for kind in kinds if counts.get(kind_tag(kind))}

    def counts_and_page(self, query, kinds, page_kinds, year, hidden, start, stop):
        """count_by_kind(query, kinds) and ranked_ids(query, page_kinds, ...) from `start` to `stop`:
        what a page of results shows."""
        counts = self.count_by_kind(query, kinds, hidden)
        return counts, self.ranked_ids(query, page_kinds, year, hidden, start, stop)

    def ranked(self, query, kinds, year, hidden=()):
        """The matches with `rank` (higher is better) and `document_id`, best first."""
        matches, rank = self._match(query)
        return self._ranked(matches, rank, kinds, year, hidden)

    def _ranked(self, matches, rank, kinds, year, hidden):
        rank = rank * Recency(F(f"{self.entry}title_norm"), year)
        return (
            self._filter(matches, kinds, hidden)
            .annotate(rank=rank, document_id=self.document_id)
            .order_by("-rank", "pk")
        )

    def ranked_ids(self, query, kinds, year, hidden, start, stop):
        """The document ids of the matches from `start` to `stop` in ranked()'s order."""
        ranked = self.ranked(query, kinds, year, hidden).values_list("document_id", flat=True)
        return list(ranked[start:stop])

    def not_yet_public(self, now):
        """The index entries of the documents whose publication time has not come by `now`: few or
        none (scheduled content), left out of every search by id. The documents are read first, in
        a query of their own table: on every search, and nearly always empty."""
        from modelsearch.models import IndexEntry

        rows = prepared(
            ("scheduled",),
            lambda: SearchDocument.objects.filter(public_from__gt=now_parameter()).values_list("pk"),
            now_value(now),
        )
        scheduled = [str(pk) for (pk,) in rows]
        if not scheduled:
            return []
        return list(
            IndexEntry.objects.filter(
                content_type_id=get_content_type_pk(SearchDocument), object_id__in=scheduled
            ).values_list("pk", flat=True)
        )

    def _filter(self, matches, kinds, hidden):
        # The kinds are compared on the entry rather than matched in the index: a kind's word is in
        # a large share of all entries, which FTS5 would read for every search (and its bm25()
        # would count, for ranking).
        if kinds:
            matches = matches.filter(**{f"{self.entry}autocomplete__in": [kind_tag(kind) for kind in kinds]})
        return matches.exclude(pk__in=hidden) if hidden else matches


def documents_by_id(ids):
    """{id: SearchDocument} of the documents of `ids` (a page of results), as in_bulk() reads them:
    the query prepared once for each number of ids."""
    if not ids:
        return {}
    pk = SearchDocument._meta.pk
    found = prepared_objects(
        ("documents", len(ids)),
        lambda: SearchDocument.objects.filter(pk__in=[Parameter(Slot(n), pk) for n in range(len(ids))]),
        {n: pk.get_db_prep_value(value, connection) for n, value in enumerate(ids)},
    )
    return {document.pk: document for document in found}


@functools.cache  # One class, not a new one on each get_search_backend() call.
def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite as base
    from modelsearch.backends.database.sqlite.query import (
        BM25,
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
        normalize,
    )

    fts_table = base.SQLiteFTSIndexEntry._meta.db_table
    entry_table = base.IndexEntry._meta.db_table

    class WeightedBM25(BM25):
        def __init__(self, higher_is_better=False):
            # bm25() is lower (more negative) for a better match; the site's rank is higher.
            self.sign = "-" if higher_is_better else ""
            super().__init__()

        def as_sql(self, compiler, connection, function=None, template=None):
            # The columns of modelsearch's FTS table, in order: autocomplete, body, title.
            return f"({self.sign}bm25({fts_table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}))", []

    class Compiler(base.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.query_string, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            # One bm25() for the whole MATCH: modelsearch combines the parts of a query as products
            # of (1 + score), which orders SQLite's negative scores wrongly.
            return WeightedBM25()

        def get_search_vectors(self):
            return [(None, 1.0)]  # One bm25() over the whole row (see build_tsrank).

    class Index(DatedIndexMixin, base.SQLiteIndex):
        pass

    class IndexedJoin(Join):
        """A join to the index entries that reads them through RANK_INDEX (SQLite's INDEXED BY)."""

        @classmethod
        def of(cls, join):
            return cls(
                join.table_name,
                join.parent_alias,
                join.table_alias,
                join.join_type,
                join.join_field,
                join.nullable,
                join.filtered_relation,
            )

        def as_sql(self, compiler, connection):
            sql, params = super().as_sql(compiler, connection)
            alias = "" if self.table_alias == self.table_name else f" {self.table_alias}"
            table = f"{self.join_type} {compiler.quote_name_unless_alias(self.table_name)}{alias}"
            if not sql.startswith(f"{table} ON ("):  # Another Django writes joins otherwise.
                logger.warning("The search's ranking reads its entries' rows: %s", sql)
                return sql, params
            return f'{table} INDEXED BY "{RANK_INDEX}"{sql[len(table) :]}', params

    class TextMatch(MatchExpression):
        """The MATCH of a text given whole (see Backend._match_text), or of a Slot for it."""

        def __init__(self, text):
            self.text = text
            super().__init__([], None)

        def as_sql(self, compiler, connection):
            return self.template, [self.text]

    class Backend(SiteSearchMixin, base.SQLiteSearchBackend):
        query_compiler_class = Compiler
        index_class = Index
        # Matches are rows of the FTS table: their entry is the row of the same id.
        entry = "index_entry__"
        # The pk of a match's document (modelsearch keeps it as text).
        document_id = Cast("index_entry__object_id", BigIntegerField())

        def _match(self, query):
            match = MatchExpression(["title", "body"], self._search_query(query))
            return base.SQLiteFTSIndexEntry.objects.filter(match), WeightedBM25(higher_is_better=True)

        def _search_query(self, query):
            compiler = self.query_compiler_class(SearchDocument.objects.none(), query)
            return compiler.build_search_query(normalize(query))

        def _match_text(self, query):
            """The text of the MATCH of `query`'s words in the title and body, as _match() has it."""
            compiler = base.SQLiteFTSIndexEntry.objects.none().query.get_compiler(connection=connection)
            match = MatchExpression(["title", "body"], self._search_query(query))
            (text,) = match.as_sql(compiler, connection)[1]
            return text

        def ranked_ids(self, query, kinds, year, hidden, start, stop):
            if hidden:  # Rare (scheduled content): built each time, as the hidden ids vary.
                return list(self._ranked_ids(self._match(query)[0], kinds, year, hidden)[start:stop])
            matches = base.SQLiteFTSIndexEntry.objects.filter
            rows = prepared(
                ("ranked", tuple(kinds), year),
                lambda: self._ranked_ids(matches(TextMatch(Slot("match"))), kinds, year, ()),
                {"match": self._match_text(query)},
                start,
                stop,
            )
            return [document_id for (document_id,) in rows]

        def _ranked_ids(self, matches, kinds, year, hidden, columns=("document_id",)):
            # The entry of each match is read from migration 0021's index, which holds the columns
            # the ranking reads, rather than from its row, which holds the text too: measured at
            # 100,000 meetings ("Baku" in 10,000 of them), 29 ms with the rows, 22 ms with the
            # index. SQLite's planner prefers the rowid for `id = ?`: the join names the index.
            rank = WeightedBM25(higher_is_better=True)
            ranked = self._ranked(matches, rank, kinds, year, hidden).values_list(
                *columns, flat=len(columns) == 1
            )
            joins = ranked.query.alias_map
            # The ranking reads the entries' dates: they are always joined.
            (entry,) = [alias for alias, join in joins.items() if join.table_name == entry_table]
            joins[entry] = IndexedJoin.of(joins[entry])
            return ranked

        def counts_and_page(self, query, kinds, page_kinds, year, hidden, start, stop):
            # One query: the matches ranked once, then counted by kind and a page of them read.
            # Counted apart (count_by_kind()), the index was read twice; measured at 10,000
            # meetings ("Baku" in 992 of them), 2.1 ms where the two took 2.7.
            if hidden or not kinds:  # Rare (scheduled content): built each time, as the hidden ids vary.
                return super().counts_and_page(query, kinds, page_kinds, year, hidden, start, stop)
            if stop <= start:
                return self.count_by_kind(query, kinds), []

            def build():
                # The kind joined first: the ranking's join to the entries is that one.
                matches = base.SQLiteFTSIndexEntry.objects.filter(TextMatch(Slot("match"))).annotate(
                    kind=F(f"{self.entry}autocomplete"), match_id=F("pk")
                )
                columns = ("document_id", "kind", "rank", "match_id")
                return self._ranked_ids(matches, [], year, (), columns).order_by()

            def around(sql, names):
                columns = ", ".join(f'"{name}"' for name in names)
                where = f'WHERE "kind" IN ({", ".join(["%s"] * len(page_kinds))})' if page_kinds else ""
                return (
                    f'WITH "matches" ({columns}) AS ({sql}) '
                    'SELECT "kind", COUNT(*), NULL, NULL, NULL FROM "matches" GROUP BY "kind" UNION ALL '
                    'SELECT * FROM (SELECT NULL, NULL, "document_id", "rank", "match_id" FROM "matches" '
                    f'{where} ORDER BY "rank" DESC, "match_id" LIMIT %s OFFSET %s)'
                ), [*(kind_tag(kind) for kind in page_kinds), Slot("limit"), Slot("offset")]

            rows = prepared(
                ("counts and page", tuple(kinds), tuple(page_kinds), year),
                build,
                {"match": self._match_text(query), "limit": stop - start, "offset": start},
                around=around,
            )
            found = {kind: number for kind, number, *_page in rows if kind is not None}
            counts = {kind: found[kind_tag(kind)] for kind in kinds if found.get(kind_tag(kind))}
            # In ranked()'s order: the rank, best first, then the match's id.
            page = sorted((row for row in rows if row[0] is None), key=lambda row: (-row[3], row[4]))
            return counts, [document_id for _kind, _number, document_id, _rank, _id in page]

        def count_by_kind(self, query, kinds, hidden=()):
            # Counted in the FTS table alone, each kind by its word: FTS5 skips through the kind's
            # list of entries to the matches, where reading each match's entry (the join) took a
            # random read a match. Measured at 100,000 meetings, "Baku" in 10,000 of them: 17 ms
            # with the join, 4 ms for all the kinds this way.
            if not kinds:
                return {}
            text = self._match_text(query)
            texts = {kind: f"{text} AND autocomplete : {kind_tag(kind)}" for kind in kinds}
            if hidden:  # Rare (scheduled content): built each time, as the hidden ids vary.
                rows = self._counts({kind: TextMatch(texts[kind]) for kind in kinds}, hidden)
            else:
                build = functools.partial(self._counts, {kind: TextMatch(Slot(kind)) for kind in kinds}, ())
                rows = prepared(("count", tuple(kinds)), build, texts)
            found = dict(rows)
            return {kind: found[kind] for kind in kinds if found.get(kind)}

        def _counts(self, matches, hidden):
            """(kind, number of matches) for each kind: `matches` {kind: its TextMatch}."""
            count = Func(F("pk"), function="COUNT", output_field=IntegerField())
            counts = []
            for kind, match in matches.items():
                rows = base.SQLiteFTSIndexEntry.objects.filter(match)
                if hidden:
                    rows = rows.exclude(pk__in=hidden)
                counts.append(rows.annotate(kind=Value(kind), n=count).values_list("kind", "n"))
            return counts[0].union(*counts[1:], all=True)

    return Backend


@functools.cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models.expressions import CombinedExpression
    from modelsearch.backends.database.postgres import postgres as base
    from modelsearch.backends.database.postgres.query import Lexeme

    class Compiler(base.PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.query_string, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class Index(DatedIndexMixin, base.PostgresIndex):
        pass

    def document_vector():
        # The expression of migration 0009's GIN index, which the match repeats to use it.
        return CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())

    class Backend(SiteSearchMixin, base.PostgresSearchBackend):
        query_compiler_class = Compiler
        index_class = Index
        document_id = Cast("object_id", BigIntegerField())

        def _match(self, query):
            compiler = self.query_compiler_class(SearchDocument.objects.none(), query)
            tsquery = compiler.build_tsquery(query, config=self.config)
            matches = (
                base.IndexEntry.objects.filter(content_type_id=get_content_type_pk(SearchDocument))
                .alias(document=document_vector())
                .filter(document=tsquery)
            )
            return matches, SearchRank(document_vector(), tsquery, weights=POSTGRES_WEIGHTS)

        def count_by_kind(self, query, kinds, hidden=()):
            # The autocomplete column is a tsvector here: each kind is counted by its word.
            names = {f"kind_{index}": kind for index, kind in enumerate(kinds)}
            counts = self.matches(query, hidden=hidden).aggregate(
                **{name: Count("pk", filter=self._kinds([kind])) for name, kind in names.items()}
            )
            return {kind: counts[name] for name, kind in names.items() if counts[name]}

        def _filter(self, matches, kinds, hidden):
            return super()._filter(matches.filter(self._kinds(kinds)) if kinds else matches, (), hidden)

        def _kinds(self, kinds):
            tags = " | ".join(f"'{kind_tag(kind)}'" for kind in kinds)
            return Q(autocomplete=SearchQuery(tags, search_type="raw", config=self.autocomplete_config))

    return Backend


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks for in a backend's module)
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend()(params)
    raise NotImplementedError(
        f"The site search runs on SQLite or PostgreSQL, not {connection.vendor} "
        "(see organisation/search_backend.py)."
    )
