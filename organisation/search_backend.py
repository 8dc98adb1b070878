"""modelsearch's SQLite and PostgreSQL backends, with what the site search needs and they lack.

1. A query word matched as the start of a word (`Prefix`): modelsearch has prefixes only in
   `.autocomplete()`, for the last word, on a column of its own.
2. Titles ranked above the body on SQLite: modelsearch ranks with `bm25()`, every column alike.
3. The documents of one language and kind found, counted and ranked in the index's own tables, so
   that a search reads its matches and no other table: their language and kind are in the entry's
   `autocomplete` column (SearchDocument.tags), and a meeting's date in its `title_norm` (see
   `set_dates`). Each match is otherwise a look-up in the document table.

Set as MODELSEARCH_BACKENDS["default"]["BACKEND"] = "organisation.search_backend". The queries
themselves are made by organisation.search through the backend's `matches()` and `ranked()`.
"""

import functools

from django.db import connection
from django.db.models import BigIntegerField, Count, F, FloatField, Value
from django.db.models.functions import Cast, ExtractDay, ExtractMonth, ExtractYear, Greatest, Least
from modelsearch.query import PlainText

from organisation.models.search import SearchDocument, kind_tag, tags

# SQLite's column weights for bm25(); PostgreSQL's ts_rank() weights A (title), B (keywords),
# C (text) and D (unused) to the same effect.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
POSTGRES_WEIGHTS = [0.0, 0.2, 0.4, 1.0]  # D, C, B, A

# A meeting of this year ranks up to (1 + RECENCY_BOOST) times above the same match RECENCY_YEARS old
# or older; other documents rank as the oldest meetings.
RECENCY_YEARS = 10
RECENCY_BOOST = 1.0


class Prefix(PlainText):
    """One folded word, matched as the start of a word: "transp" finds "transport"."""


def _recency(title_norm, year):
    """1 for a document RECENCY_YEARS old or more, or without a date (`title_norm` 1.0, modelsearch's
    default), up to 1 + RECENCY_BOOST for one of `year`."""
    age_left = Least(
        Greatest(title_norm - Value(float(year - RECENCY_YEARS)), Value(0.0)), Value(float(RECENCY_YEARS))
    )
    return Value(1.0) + Value(RECENCY_BOOST / RECENCY_YEARS) * age_left


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
        # Would overwrite the dates; and on SQLite, each update of an entry used to tokenise it again.
        pass

    def set_dates(self, model, objs):
        """Write the `date` of each of `objs` (documents just added) into its entry's `title_norm`."""
        from django.db.models import OuterRef, Subquery
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

    class WeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            # The columns of modelsearch's FTS table, in order: autocomplete, body, title.
            return f"bm25({fts_table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []

    class Compiler(base.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.query_string, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            # One bm25() for the whole MATCH, lower (more negative) is better: modelsearch combines
            # the parts of a query as products of (1 + score), which orders negative scores wrongly.
            return WeightedBM25()

        def get_search_vectors(self):
            return [(None, 1.0)]  # One bm25() over the whole row (see build_tsrank).

    class Index(DatedIndexMixin, base.SQLiteIndex):
        pass

    class Backend(base.SQLiteSearchBackend):
        query_compiler_class = Compiler
        index_class = Index
        # The pk of a match's document (modelsearch keeps it as text).
        document_id = Cast("index_entry__object_id", BigIntegerField())

        def matches(self, query, language, kinds=()):
            """The entries of the documents in `language`, of `kinds` (of any kind if none), that match
            `query`: rows whose pk is the entry's."""
            compiler = self.query_compiler_class(SearchDocument.objects.none(), query)
            matches = base.SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(["title", "body"], compiler.build_search_query(normalize(query)))
            )
            # The tags are compared on the entry, not matched: FTS5's bm25() counts the rows of
            # every phrase of the MATCH, and a language's tag is in a third of all rows.
            if kinds:
                return matches.filter(index_entry__autocomplete__in=[tags(language, kind) for kind in kinds])
            return matches.filter(index_entry__autocomplete__startswith=f"{language} ")

        def count_by_kind(self, query, language, kinds, hidden):
            """{kind: number of matches in `language`}, leaving out the entries `hidden`."""
            rows = (
                self.matches(query, language)
                .exclude(pk__in=hidden)
                .values("index_entry__autocomplete")
                .annotate(n=Count("pk"))
                .order_by()
            )
            by_tags = {tags(language, kind): kind for kind in kinds}
            return {by_tags[row["index_entry__autocomplete"]]: row["n"] for row in rows}

        def ranked(self, query, language, kinds, year):
            """matches() with `rank` (higher is better) and `document_id`, best first."""
            rank = -WeightedBM25() * _recency(F("index_entry__title_norm"), year)
            return (
                self.matches(query, language, kinds)
                .annotate(rank=rank, document_id=self.document_id)
                .order_by("-rank", "pk")
            )

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
        # The expression of migration 0013's GIN index, which the match must repeat to use it.
        return CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())

    class Backend(base.PostgresSearchBackend):
        query_compiler_class = Compiler
        index_class = Index
        document_id = Cast("object_id", BigIntegerField())

        def matches(self, query, language, kinds=()):
            return self._matches(query, language, kinds)[0]

        def ranked(self, query, language, kinds, year):
            matches, tsquery = self._matches(query, language, kinds)
            rank = SearchRank(document_vector(), tsquery, weights=POSTGRES_WEIGHTS) * _recency(
                F("title_norm"), year
            )
            return matches.annotate(rank=rank, document_id=self.document_id).order_by("-rank", "pk")

        def count_by_kind(self, query, language, kinds, hidden):
            counts = [
                self.matches(query, language, [kind])
                .exclude(pk__in=hidden)
                .annotate(kind=Value(kind))
                .values("kind")
                .annotate(n=Count("pk"))
                for kind in kinds
            ]
            if not counts:
                return {}
            return {row["kind"]: row["n"] for row in counts[0].union(*counts[1:], all=True) if row["n"]}

        def _matches(self, query, language, kinds):
            from modelsearch.utils import get_content_type_pk

            compiler = self.query_compiler_class(SearchDocument.objects.none(), query)
            tsquery = compiler.build_tsquery(query, config=self.config)
            tags = f"'{language}'"
            if kinds:
                tags += " & (" + " | ".join(f"'{kind_tag(kind)}'" for kind in kinds) + ")"
            matches = (
                base.IndexEntry.objects.filter(content_type_id=get_content_type_pk(SearchDocument))
                .alias(document=document_vector())
                .filter(
                    document=tsquery,
                    autocomplete=SearchQuery(tags, search_type="raw", config=self.autocomplete_config),
                )
            )
            return matches, tsquery

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
