"""Queries built and compiled by the ORM once per process, then run with new values: for the few
queries every request makes (the layout's, the search's), whose building by the ORM costs more than
running them.

    rows = prepared(shape, build, values)

`build()` returns a QuerySet whose changing values are Slots (in expressions of the site's own, as
`Parameter(Slot("now"), field)` in a filter); `shape` names whatever else makes its SQL differ (the
active language, when its fields are translated). The SQL is the ORM's; every value, user input
included, is a parameter. The page gets the cache tags the ORM's query would have given it.
"""

import functools

from django.db import connection
from django.db.models import DateTimeField, Expression
from django.utils import timezone

from organisation.models import cache_tags


class Slot:
    """A value left out of a query's SQL compiled once (see prepared()), filled in from `name`."""

    def __init__(self, name):
        self.name = name


class Parameter(Expression):
    """A Slot where a query compares a field with a value: `filter(public_from__gt=Parameter(...))`.
    Its value is given to prepared() as the database takes it (the field's get_db_prep_value())."""

    def __init__(self, slot, output_field):
        super().__init__(output_field=output_field)
        self.slot = slot

    def as_sql(self, compiler, connection):
        return "%s", [self.slot]


# The queries prepared() runs, by shape, in this process: a few (the kinds a search is limited to,
# the year, the number of results on a page, the language), at most PREPARED_SHAPES.
PREPARED_SHAPES = 100
_prepared = {}


class Prepared:
    """A query built and compiled by the ORM once, run by prepared() and prepared_objects()."""

    def __init__(self, queryset, around=None):
        self.model = queryset.model
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, self.params = self.compiler.as_sql()
        if around is not None:  # SQL around the ORM's: around(its SQL, its columns' names).
            names = [alias for _column, _sql, alias in self.compiler.select]
            self.sql, params = around(self.sql, names)
            self.params = (*self.params, *params)
        # The cache tags the ORM gives the page that runs it. A Slot's value selects no list: a
        # condition on one gives the model's list tag, as a condition on any expression does.
        watched = cache_tags.watched(self.model)
        self.tags = frozenset(cache_tags.query_tags(queryset.query)) if watched else frozenset()

    @functools.cached_property
    def columns(self):
        """The attnames of whole rows' fields, and each column's converters (SQLite's dates)."""
        select = [column for column, _sql, _alias in self.compiler.select]
        return [column.target.attname for column in select], self.compiler.get_converters(select)

    def rows(self, values, start=0, stop=None):
        cache_tags.add(self.tags)
        sql = self.sql
        params = [values[param.name] if isinstance(param, Slot) else param for param in self.params]
        if stop is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params += [stop - start, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _compiled(shape, build, around=None):
    found = _prepared.get(shape)
    if found is None:
        found = Prepared(build(), around)
        if len(_prepared) >= PREPARED_SHAPES:
            _prepared.clear()
        _prepared[shape] = found
    return found


def prepared(shape, build, values, start=0, stop=None, around=None):
    """The rows of the query `build()` builds, run with its Slots filled in from `values`, from
    `start` to `stop` (by LIMIT and OFFSET parameters: the same SQL for every page).

    The ORM builds and compiles it once in this process for each `shape` (whatever makes its SQL
    differ but the slots' values): building the queries of a search took more than running them
    (at 10,000 meetings, the count by kind 2.9 ms against 1.0 ms for its SQL, the ranking 2.5
    against 1.7), and so did the layout's. The page gets the cache tags the query gives
    (Prepared). `around`, if given, makes the SQL run of the ORM's (see Prepared).
    """
    if stop is not None and stop <= start:  # Paginator asks for the page of no results.
        return []
    return _compiled(shape, build, around).rows(values, start, stop)


def prepared_objects(shape, build, values):
    """The model instances of the rows of `build()`, a queryset of whole rows (no values(), no
    select_related()), run as prepared() runs it: what iterating the queryset gives."""
    query = _compiled(shape, build)
    fields, converters = query.columns
    objects = []
    for row in query.rows(values):
        if converters:
            row = list(row)
            for index, (functions, expression) in converters.items():
                for function in functions:
                    row[index] = function(row[index], expression, connection)
        objects.append(query.model.from_db(connection.alias, fields, row))
    return objects


def now_parameter():
    """The present in a prepared query, `published(now=now_parameter())`: run with now_value()."""
    return Parameter(Slot("now"), DateTimeField())


def now_value(now=None):
    """{"now": `now` (the present by default)} as a query with now_parameter() takes it."""
    return {"now": DateTimeField().get_db_prep_value(now or timezone.now(), connection)}


def prepared_first(shape, build, values):
    """The first object prepared_objects() reads, or None: `build()` is limited to one row."""
    return next(iter(prepared_objects(shape, build, values)), None)
