"""Cache tags: what a rendered page (or API response, feed, fragment) showed, as short names, so that
a change invalidates exactly the cached responses that showed what changed.

Tags are collected while rendering, never listed by hand: every read of a watched model records them
(install() hooks QuerySet evaluation), into the collector of the current context (collect()).

- **Objects.** `meeting:42`: a row read by its primary key, or a related row that select_related
  brought along (`country:7`).
- **Lists.** A query is tagged by the rows it could have returned, from its filters on the fields
  that select lists: foreign keys, unique fields, fields with a few choices (and a generic relation's
  object id). `meeting:list:host_country:7` for the meetings of country 7, `meeting:list:slug:x` for
  the meeting whose slug is x (found or not), `meeting:list:status:published` for every published
  meeting; `meeting:list` when no filter selects (every meeting, or a range of dates). Of several
  filters the most selective one is enough: a row in the result matches all of them. Subqueries,
  unions and the tables a query filters or orders by are tagged the same way.
- **Changes.** A save or delete of a row gives its object tag, `<model>:list`, and the list tags of
  its selecting fields' values before and after (changes_tags()). A row a list query returned
  matched the query's filter when it was read, so any later change to it gives that query's tag;
  a row that comes to match gives it through its new values. That is why a list needs no tag per
  row, and why tags of many rows of one model may be replaced by `<model>:list` (compact()).

What is read through QuerySet.update() or raw SQL is not seen; time does not save anything either
(scheduled publications, upcoming meetings becoming past ones): the page cache bounds an entry's
life by the next such moment (cica_site.pagecache).

`shared()` keeps a value computed from the database (the organisation's profile) per process until
one of the tags it was read with changes: the store that knows tag versions is plugged in by the
site (install(store=…)); without one, nothing is kept.
"""

import contextlib
import contextvars
import functools
import hashlib
import re
import threading
import time

from django.apps import apps
from django.db.models import Model, QuerySet
from django.db.models.lookups import Lookup
from django.db.models.sql.query import Query
from django.db.models.sql.where import WhereNode

from organisation.models.review import in_sandbox

# The tags of the response being rendered: a set, or None when nothing collects.
_collector = contextvars.ContextVar("cache_tags", default=None)
# The tags of the shared values (shared()) read while rendering it: see shared_tags().
_shared_read = contextvars.ContextVar("cache_tags_shared", default=None)

# More tags than this in one response: each model's are replaced by its list tag (see compact()).
MAX_TAGS = 300
# An `in` filter with more values than this selects no list tag of its own.
MAX_IN_VALUES = 50
# A field with more choices than this (a time zone) does not select lists.
MAX_CHOICES = 20

_watched = set()  # app labels whose models are tagged
_store = None  # the site's tag store: seq(), valid(tags, seq), expires_at(tags); see shared()


# --- Collecting ---------------------------------------------------------------------------------


@contextlib.contextmanager
def collect():
    """Collect the tags of what is read inside the block; yields the set. Nested blocks add theirs
    to the enclosing one too (a fragment's tags are the page's)."""
    outer = _collector.get()
    tags = set()
    token = _collector.set(tags)
    shared_token = _shared_read.set(set()) if outer is None else None
    try:
        yield tags
    finally:
        _collector.reset(token)
        if shared_token is not None:
            _shared_read.reset(shared_token)
        if outer is not None:
            outer.update(tags)


def add(tags):
    """Add tags to the response being rendered (what a cached fragment or value showed)."""
    collector = _collector.get()
    if collector is not None:
        collector.update(tags)


def shared_tags():
    """The tags of the shared values read so far for the response being rendered.

    A shared value (the organisation's profile) is read once, often before the fragment that
    shows it: a fragment adds these to its own tags, so that it is made again when they change.
    They are few, and the same on every page."""
    return frozenset(_shared_read.get() or ())


def compact(tags, limit=MAX_TAGS):
    """At most about `limit` tags: when there are more, each model's become its list tag, which every
    change to the model gives (see the module docstring), so nothing is missed."""
    if len(tags) <= limit:
        return set(tags)
    return {tag.split(":", 1)[0] + ":list" for tag in tags}


# --- Tags of a model, a value, a query -----------------------------------------------------------

_TAG_SAFE = re.compile(r"^[a-z0-9_.-]{1,64}$")
_selectors = {}  # model -> {attname: (rank, name)}


def label(model):
    return model._meta.model_name


def value_token(value):
    """A value as it appears in a tag: lower case, [a-z0-9_.-], or a short hash of it."""
    if isinstance(value, Model):
        value = value.pk
    if value is None:
        return "null"
    value = getattr(value, "value", value)  # Choices members
    text = str(value).lower()
    if _TAG_SAFE.match(text):
        return text
    return "h" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def selectors(model):
    """{attname: (rank, name)} of the fields whose values select lists of `model`. A lower rank
    selects fewer rows: 0 the primary key, 1 unique fields and a generic relation's object id,
    2 foreign keys, 3 fields with a few choices."""
    found = _selectors.get(model)
    if found is None:
        found = {}
        generic_ids = {getattr(field, "fk_field", None) for field in model._meta.private_fields}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                found[field.attname] = (0, field.name)
            elif field.unique or field.name in generic_ids:
                found[field.attname] = (1, field.name)
            elif field.is_relation:
                found[field.attname] = (2, field.name)
            elif field.choices and len(field.choices) <= MAX_CHOICES:
                found[field.attname] = (3, field.name)
        _selectors[model] = found
    return found


def field_tag(model, attname, value):
    """`meeting:42` for the primary key, else `meeting:list:host_country:7`."""
    rank, name = selectors(model)[attname]
    if rank == 0:
        return f"{label(model)}:{value_token(value)}"
    return f"{label(model)}:list:{name}:{value_token(value)}"


def list_tag(model):
    return f"{label(model)}:list"


def object_tag(obj):
    return f"{label(type(obj))}:{value_token(obj.pk)}"


def _is_constant(value):
    return not hasattr(value, "resolve_expression") and not isinstance(value, Query)


def _lookup_cover(lookup):
    """(alias, rank, tags) when this condition selects a list by a field's value, else None."""
    column = lookup.lhs
    alias, target = getattr(column, "alias", None), getattr(column, "target", None)
    if alias is None or target is None or getattr(target, "model", None) is None:
        return None
    model = target.model._meta.concrete_model
    rank, _name = selectors(model).get(target.attname, (None, None))
    if rank is None:
        return None
    name, rhs = lookup.lookup_name, lookup.rhs
    if name in ("exact", "iexact") and _is_constant(rhs):
        return alias, rank, {field_tag(model, target.attname, rhs)}
    if name == "isnull" and rhs is True:
        return alias, rank, {field_tag(model, target.attname, None)}
    if name == "in":
        if isinstance(rhs, Query) and rank == 0 and _same_model(rhs, model):
            # The rows of a subquery of the same model, which query_tags() tags in turn.
            return alias, rank, set()
        values = rhs if isinstance(rhs, list | tuple | set | frozenset) else ()
        if 0 < len(values) <= MAX_IN_VALUES and all(_is_constant(value) for value in values):
            return alias, rank, {field_tag(model, target.attname, value) for value in values}
    return None


def _same_model(query, model):
    queries = query.combined_queries if query.combinator else [query]
    return all(part.model is not None and part.model._meta.concrete_model is model for part in queries)


def _covers(node):
    """{alias: (rank, tags)}: for each table a WHERE node selects rows of, the most selective cover."""
    found = {}
    if isinstance(node, Lookup):
        cover = _lookup_cover(node)
        if cover:
            found[cover[0]] = cover[1:]
        return found
    if not isinstance(node, WhereNode) or node.negated:
        return found
    if node.connector == "AND":
        for child in node.children:
            for alias, (rank, tags) in _covers(child).items():
                if alias not in found or (rank, len(tags)) < (found[alias][0], len(found[alias][1])):
                    found[alias] = (rank, tags)
        return found
    # OR: a table is covered only if every branch covers it; its tags are all the branches'.
    branches = [_covers(child) for child in node.children]
    if not branches:
        return found
    for alias in set.intersection(*(set(branch) for branch in branches)):
        found[alias] = (
            max(branch[alias][0] for branch in branches),
            set().union(*(branch[alias][1] for branch in branches)),
        )
    return found


def _subqueries(expression, depth=0):
    """The queries inside an expression or WHERE node (Exists, Subquery, `in` a queryset)."""
    if expression is None or depth > 20:
        return
    if isinstance(expression, Query):
        yield expression
        return
    inner = getattr(expression, "query", None)
    if isinstance(inner, Query):
        yield inner
    children = getattr(expression, "children", None)
    if isinstance(expression, Lookup):
        children = [expression.lhs, expression.rhs]
    elif children is None and hasattr(expression, "get_source_expressions"):
        children = expression.get_source_expressions()
    for child in children or ():
        if hasattr(child, "resolve_expression") or isinstance(child, WhereNode | Lookup):
            yield from _subqueries(child, depth + 1)


def query_tags(query, tags=None, depth=0):
    """The list tags of a query (see the module docstring); `tags` is added to and returned."""
    tags = set() if tags is None else tags
    if depth > 10 or query.model is None:
        return tags
    if query.combinator:
        for part in query.combined_queries:
            query_tags(part, tags, depth + 1)
        return tags
    model = query.model._meta.concrete_model
    covers = _covers(query.where)
    # The queried table (its alias is made when the query is compiled, if not before; not through
    # Query.base_table, which would keep None once asked too early)...
    base = next(iter(query.alias_map), None)
    tags.update(covers[base][1] if base in covers else {list_tag(model)})
    # ... and the tables it joins to filter (those select_related joins come at compilation).
    for alias, count in query.alias_refcount.items():
        if not count or alias == base or alias not in query.alias_map:
            continue
        if alias in covers:
            tags.update(covers[alias][1])
            continue
        table_model = _model_of_table(query.alias_map[alias].table_name)
        if table_model is not None:
            tags.add(list_tag(table_model))
    # Ordering by a related table's field: any change there may reorder the list.
    for ordering in query.order_by or ():
        name = ordering if isinstance(ordering, str) else ""
        first = name.lstrip("-").split("__", 1)[0] if "__" in name else ""
        if first:
            try:
                field = query.model._meta.get_field(first)
            except Exception:  # An annotation's name, not a field.
                continue
            if field.is_relation and field.related_model is not None:
                tags.add(list_tag(field.related_model))
    for expression in [query.where, *query.annotations.values()]:
        for subquery in _subqueries(expression):
            query_tags(subquery, tags, depth + 1)
    return {tag for tag in tags if tag.split(":", 1)[0] in _watched_labels()}


_table_models = {}
_labels = set()


def _model_of_table(table):
    if not _table_models:
        _table_models.update(
            {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
        )
    return _table_models.get(table)


def _watched_labels():
    if not _labels:
        _labels.update(
            label(model)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in _watched
        )
    return _labels


def _related_tags(objects, spec, tags, depth=0):
    """Object tags of the rows select_related brought along with `objects` (spec: its dict, or True)."""
    if depth > 5:
        return
    for obj in objects:
        cache = obj._state.fields_cache
        names = cache if spec is True else spec
        for name in names:
            related = cache.get(name)
            if isinstance(related, Model):
                if related._meta.app_label in _watched:
                    tags.add(object_tag(related))
                sub = True if spec is True else spec[name]
                if sub:
                    _related_tags([related], sub, tags, depth + 1)


# --- The hooks ----------------------------------------------------------------------------------


def _record(queryset):
    collector = _collector.get()
    if collector is None or queryset.model._meta.app_label not in _watched:
        return None
    collector.update(query_tags(queryset.query))
    return collector


def install(watched_apps, store=None):
    """Tag every read of the models of `watched_apps`, from now on, in this process (idempotent).

    Wraps QuerySet evaluation: _fetch_all (iterating, list(), get(), first(), slicing, prefetching),
    count(), exists(), aggregate() and iterator(). With no collector active each costs one lookup
    of a context variable.
    """
    global _store
    _watched.update(watched_apps)
    _labels.clear()
    if store is not None:
        _store = store
    if getattr(QuerySet, "_cache_tags_installed", False):
        return
    QuerySet._cache_tags_installed = True

    fetch_all = QuerySet._fetch_all

    def _fetch_all(self):
        if self._result_cache is None:
            collector = _record(self)
            fetch_all(self)
            if collector is not None and self.query.select_related and self._result_cache:
                objects = [obj for obj in self._result_cache if isinstance(obj, Model)]
                _related_tags(objects, self.query.select_related, collector)
        else:
            fetch_all(self)

    QuerySet._fetch_all = _fetch_all

    for name in ("count", "exists", "aggregate", "iterator"):
        setattr(QuerySet, name, _recording(getattr(QuerySet, name)))


def _recording(method):
    # functools.wraps keeps the signature: Paginator asks whether count() takes arguments.
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self._result_cache is None:
            _record(self)
        return method(self, *args, **kwargs)

    return wrapper


def watched(model):
    return model._meta.app_label in _watched


# --- Changes ------------------------------------------------------------------------------------


def selecting_values(obj):
    """{attname: value} of the fields that select lists of obj's model, as stored on obj."""
    return {attname: getattr(obj, attname, None) for attname in selectors(type(obj)._meta.concrete_model)}


def stored_values(model, pk, using=None):
    """The same values as they are in the database now, or None for a row not stored (yet)."""
    model = model._meta.concrete_model
    rows = model._base_manager.using(using).filter(pk=pk).values(*selectors(model))
    with paused():
        return next(iter(rows), None)


@contextlib.contextmanager
def paused():
    """Read without tagging: what the caching machinery itself reads (a row's stored values, the
    schedule of publications) is no part of the page."""
    token = _collector.set(None)
    try:
        yield
    finally:
        _collector.reset(token)


def change_tags(model, pk, before=None, after=None):
    """The tags a change to one row gives: its object tag, its model's list tag, and the list tags
    of its selecting fields' values `before` and `after` ({attname: value}, None when the row did
    not exist or no longer does)."""
    model = model._meta.concrete_model
    tags = {f"{label(model)}:{value_token(pk)}", list_tag(model)}
    for values in (before, after):
        for attname, value in (values or {}).items():
            if attname in selectors(model):
                tags.add(field_tag(model, attname, value))
    return tags


# --- Values shared by every request, until their tags change ------------------------------------

_shared = {}
_shared_lock = threading.Lock()


def shared(key, compute):
    """`compute()`, kept in this process until a tag of what it read changes, or until the next
    moment it may change by itself (a scheduled publication, midnight); its tags are added to the
    response being rendered either way. Without a store (install()), computed every time."""
    store = _store
    # In a review sandbox (a pending version's preview) the rows read are undone afterwards: what is
    # computed from them is never kept, and what was kept is not what the preview shows.
    if store is None or not store.keeps_values() or in_sandbox():
        return compute()
    entry = _shared.get(key)
    now = time.time()
    try:
        if entry is not None and now < entry[3] and store.valid(entry[1], entry[2]):
            _used(entry[1])
            return entry[0]
        seq = store.seq()
    except Exception:  # The store cannot be read: compute, keep nothing.
        return compute()
    with collect() as tags:
        value = compute()
    tags = frozenset(tags)
    _used(tags)
    try:
        expires = store.expires_at(tags)
    except Exception:
        return value
    with _shared_lock:
        _shared[key] = (value, tags, seq, expires)
    return value


def _used(tags):
    add(tags)
    read = _shared_read.get()
    if read is not None:
        read.update(tags)


def forget_shared():
    """Drop every kept value (tests; the page cache turned off)."""
    _shared.clear()
