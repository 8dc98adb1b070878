"""The site search: each app's public content as search documents, kept in step with it, and found
by what visitors type.

- **Sources.** Each kind of content is a `Source`: which objects may be found, and what their
  documents hold in each language (organisation.models.SearchDocument). The organisation's sources
  are at the end of this module, the meetings' in events/search.py; cica_site/apps.py registers
  them all with `register()`, so this app never imports `events`.
- **Keeping in step.** Every save or delete of a source's model, or of a model whose text its
  documents show (`Source.depends_on`: a country's names are in the documents of the meetings it
  hosted), by any path (admin, API, seed loader, revert, shell), replaces the documents concerned, in
  the same transaction. Not in a review sandbox (organisation.models.review.sandbox()), whose saves
  are undone. Bulk inserts send no signal: `index_missing()`
  indexes what has no documents (generate_data calls it); `manage.py rebuild_search_index` makes
  everything again.
- **Searching.** `search()` for the search page; `matching_objects()` for the API's `?search=`.
  The words are folded and stemmed in organisation.search_text, matched and ranked by modelsearch's
  database index (organisation.search_backend).
"""

import difflib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.models import IndexEntry
from modelsearch.query import And, Or, PlainText

from organisation.models import (
    Body,
    ChairTerm,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    Organisation,
    PolicyPage,
    Publishable,
    Relation,
    SearchDocument,
    SearchTerm,
    untranslated_fields,
)
from organisation.models.review import in_sandbox
from organisation.pagination import page_or_404
from organisation.search_backend import Prefix, documents_by_id
from organisation.search_text import (
    MAX_QUERY_LENGTH,
    MAX_TERM_LENGTH,
    MIN_PREFIX,
    Highlighter,
    QueryError,
    plain_text,
    query_words,
    stem,
    term,
    words,
)

__all__ = ["MAX_QUERY_LENGTH", "QueryError", "plain_text", "query_words"]

RESULTS_PER_PAGE = 20
# Objects indexed in one go: their documents are made, deleted and inserted together.
CHUNK_SIZE = 500


def languages():
    return [code for code, _name in settings.LANGUAGES]


def all_names(obj, field="name"):
    """The field in every language: a country is found by any of its names, whatever the page's language."""
    values = (getattr(obj, f"{field}_{code}", None) for code in languages())
    return " ".join(dict.fromkeys(value for value in values if value))


def compact(symbol):
    """A document's symbol without its punctuation ("CICA/SUM/6/1" → "cicasum61"), as people type it."""
    return "".join(words(symbol))


class Source:
    """One kind of content the site search finds.

    A subclass sets `model`, `kind` (the type a visitor may filter by; several sources may share
    one), `label` (what one result is called) and `kind_label` (the type's name in the filter), and
    writes `fields()`. Register it with `register()`.
    """

    model = None
    kind = ""
    label = ""
    kind_label = ""
    # The translated fields shown as the title and the text: when they have no translation, the
    # result says the English shown is English.
    title_field = "title"
    text_fields = ()
    # Rank recent ones higher, by their date().
    recency = False

    def queryset(self):
        """The objects that may be found, now or at their publication time: never drafts."""
        return self.model.objects.all()

    def fields(self, obj):
        """The document's title, and any of aliases, keywords, text and description, in the active
        language: a dict of SearchDocument's fields."""
        raise NotImplementedError

    def depends_on(self):
        """{model: function of an instance → the pks (or a queryset) of this source's objects whose
        documents show its text}: a save or delete of such an instance reindexes them."""
        return {}

    def date(self, obj):
        return None

    def public_from(self, obj):
        """When the object becomes public (None: as long as it is indexed)."""
        return None

    def documents(self, obj, content_type):
        for language in languages():
            with translation.override(language):
                fields = self.fields(obj)
                url = obj.get_absolute_url()
            # One space between words (the snippet is cut by words), and a description that fits.
            fields = {name: " ".join(str(value).split()) for name, value in fields.items()}
            fields["description"] = fields.get("description", "")[:500]
            untranslated = set(untranslated_fields(obj, language))
            written = [
                name for name in self.text_fields if getattr(obj, f"{name}_{settings.LANGUAGE_CODE}", None)
            ]
            yield SearchDocument(
                content_type=content_type,
                object_id=obj.pk,
                language=language,
                kind=self.kind,
                url=url,
                date=self.date(obj),
                public_from=self.public_from(obj),
                title_language=settings.LANGUAGE_CODE if self.title_field in untranslated else "",
                text_language=settings.LANGUAGE_CODE if written and untranslated.issuperset(written) else "",
                **fields,
            )


class PublishableSource(Source):
    """Content that is a draft until published: found from its publication time."""

    def queryset(self):
        return self.model.objects.filter(status=Publishable.Status.PUBLISHED)

    def public_from(self, obj):
        return obj.publish_at


# The registered sources, and for each model the (source, affected objects) whose documents change
# with it (None: the instance's own).
_sources = []
_watchers = {}


def register(*sources):
    """Add sources to the site search, and keep their documents in step with the content."""
    for source in sources:
        _sources.append(source)
        for model, affected in [(source.model, None), *source.depends_on().items()]:
            _watchers.setdefault(model, []).append((source, affected))
            uid = f"search-index-{model._meta.label}"
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def sources():
    return list(_sources)


def kinds():
    """{kind: its name in the type filter}, in the order the sources were registered."""
    found = {}
    for source in _sources:
        found.setdefault(source.kind, source.kind_label)
    return found


def source_of(content_type_id):
    """The source of the documents of this content type."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return next(source for source in _sources if source.model is model)


def _saved(sender, instance, raw=False, **kwargs):
    if raw or in_sandbox():  # loaddata (restore runs a rebuild after it); a rolled-back preview.
        return
    for source, affected in _watchers[sender]:
        reindex(source, [instance.pk] if affected is None else affected(instance))


def _deleted(sender, instance, **kwargs):
    if in_sandbox():
        return
    for source, affected in _watchers[sender]:
        if affected is None:
            remove(source.model, [instance.pk])
        else:
            reindex(source, affected(instance))


# Indexing


def reindex(source, pks):
    """Replace the documents of `source`'s objects of `pks` (a list or a queryset of pks): those
    no longer in source.queryset() (made drafts) lose them."""
    if hasattr(pks, "values_list"):
        pks = pks.values_list("pk", flat=True)
    pks = list(pks)
    count = 0
    for start in range(0, len(pks), CHUNK_SIZE):
        chunk = pks[start : start + CHUNK_SIZE]
        count += _replace(source, chunk, list(source.queryset().filter(pk__in=chunk)))
    return count


def remove(model, pks):
    """Delete the documents of `model`'s objects of `pks`, and their index entries."""
    content_type = ContentType.objects.get_for_model(model)
    documents = SearchDocument.objects.filter(content_type=content_type, object_id__in=list(pks))
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument),
        object_id__in=documents.annotate(entry_id=Cast("pk", CharField())).values("entry_id"),
    )
    # Without signals: a document has no receivers of its own, and the page cache's receiver,
    # listening to every model, would otherwise make Django load and signal each row.
    entries._raw_delete(entries.db)
    documents._raw_delete(documents.db)


@transaction.atomic
def _replace(source, pks, objs):
    remove(source.model, pks)
    content_type = ContentType.objects.get_for_model(source.model)
    documents = SearchDocument.objects.bulk_create(
        [document for obj in objs for document in source.documents(obj, content_type)]
    )
    if documents:
        index = get_search_backend().get_index_for_model(SearchDocument)
        index.add_items(SearchDocument, documents)
        if source.recency:
            index.set_dates(SearchDocument, documents)
        _add_terms(documents)
    return len(documents)


def _add_terms(documents):
    terms = {
        (document.language, word)
        for document in documents
        for word in words(f"{document.title} {document.aliases} {document.keywords} {document.text}")
        if MIN_PREFIX <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()
    }
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(language=language, word=word, first=word[0], length=len(word))
            for language, word in terms
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def index_missing():
    """Index the objects that have no documents yet (after bulk inserts, or on a database made before
    the site search): quick when there are none. The number of documents made."""
    count = 0
    for source in _sources:
        content_type = ContentType.objects.get_for_model(source.model)
        indexed = SearchDocument.objects.filter(content_type=content_type).values("object_id")
        count += reindex(source, source.queryset().exclude(pk__in=indexed).order_by("pk"))
    return count


def rebuild():
    """Make every document and the whole index again, and the words offered as spellings. The
    number of documents made."""
    with transaction.atomic():
        get_search_backend().reset_indexes()
        for model in (SearchDocument, SearchTerm):
            queryset = model.objects.all()
            queryset._raw_delete(queryset.db)
        return sum(reindex(source, source.queryset().order_by("pk")) for source in _sources)


# Searching


def build_query(terms, language):
    """Every word must match, among the terms of `language`: as a whole word, by its stem, or
    (MIN_PREFIX letters or more) as the start of a word."""
    parts = []
    for word in terms:
        if len(word) < MIN_PREFIX:
            parts.append(PlainText(term(word, language)))
            continue
        options = [Prefix(term(word, language))]
        stemmed = stem(word, language)
        if stemmed != word:
            options.append(PlainText(term(stemmed, language)))
        parts.append(Or(options) if len(options) > 1 else options[0])
    return And(parts) if len(parts) > 1 else parts[0]


class Hit:
    """One result: a document, with its title and snippet highlighted."""

    def __init__(self, document, highlighter):
        self.document = document
        self.highlighter = highlighter

    def __getattr__(self, name):  # url, date, description, title_language, text_language...
        return getattr(self.document, name)

    @property
    def label(self):
        return source_of(self.document.content_type_id).label

    @cached_property
    def title_html(self):
        return self.highlighter.highlight(self.document.title)

    @cached_property
    def description_html(self):
        return self.highlighter.highlight(self.document.description)

    @cached_property
    def snippet_html(self):
        return self.highlighter.snippet(self.document.text)


class Ranked:
    """The public matches, best first, as Paginator reads them: the number is known beforehand
    (counted by kind), and a page is one ranked query with OFFSET and LIMIT."""

    def __init__(self, query, terms, language, kinds, year, hidden, count, first=None):
        self.query, self.terms, self.language, self.kinds = query, terms, language, kinds
        self.year, self.hidden = year, hidden
        self._count = count
        self._first = first  # (start, ids): the page read with the counts.

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("Ranked matches are read a page at a time, as a slice.")
        start = key.start or 0
        if self._first is not None and self._first[0] == start and key.stop is not None:
            rows = self._first[1][: key.stop - start]
        else:
            rows = get_search_backend().ranked_ids(
                self.query, self.kinds, self.year, self.hidden, start, key.stop
            )
        documents = documents_by_id(rows)
        highlighter = Highlighter(self.terms, self.language)
        return [Hit(documents[pk], highlighter) for pk in rows if pk in documents]


class SearchResults:
    def __init__(self, terms, kind, counts, page, suggestion):
        self.terms, self.kind, self.counts = terms, kind, counts
        self.page = page
        self.hits = page.object_list
        self.count = page.paginator.count
        self.suggestion = suggestion


def _page_start(number, per_page):
    """The index of the first result of page `number` (a query string value, None for the first),
    as Paginator reads it; None when it is no page number."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        return None
    # Past SQL's 64-bit integers there is no page: Paginator says so.
    return (number - 1) * per_page if number >= 1 and number * per_page < 2**63 else None


def search(query, language, kind=None, page_number=1, per_page=RESULTS_PER_PAGE, now=None):
    """What the search page shows for `query` in `language`: the public documents that match, of
    `kind` or of every kind, best first, a page at a time; the number of results of each kind; a
    spelling that finds something when nothing does. Raises QueryError (for the visitor) when the
    query has no word to look for."""
    terms = query_words(query)
    now = now or timezone.now()
    backend = get_search_backend()
    search_query = build_query(terms, language)
    hidden = backend.not_yet_public(now)
    page_kinds = [kind] if kind else []
    start = _page_start(page_number, per_page)
    if start is None:  # Not a page number: counted only, for page_or_404()'s message.
        counts, first = backend.count_by_kind(search_query, list(kinds()), hidden), None
    else:  # The page asked for is read with the counts; Paginator then reads it from Ranked.
        counts, rows = backend.counts_and_page(
            search_query, list(kinds()), page_kinds, now.year, hidden, start, start + per_page
        )
        first = (start, rows)
    total = counts.get(kind, 0) if kind else sum(counts.values())
    ranked = Ranked(search_query, terms, language, page_kinds, now.year, hidden, total, first)
    page = page_or_404(ranked, per_page, page_number)
    suggestion = None if counts else suggest(terms, language, hidden)
    return SearchResults(terms, kind, counts, page, suggestion)


def suggest(terms, language, hidden=()):
    """The query with each word that finds nothing replaced by the nearest word of the index that
    does, if the whole then finds something public; else None."""
    backend = get_search_backend()

    def finds(some_terms):
        return backend.matches(build_query(some_terms, language), hidden=hidden).exists()

    changed = False
    suggestion = []
    for word in terms:
        if len(word) < MIN_PREFIX or finds([word]):
            suggestion.append(word)
            continue
        candidates = SearchTerm.objects.filter(
            language=language, first=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2
        ).values_list("word", flat=True)
        close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.7)
        best = next((nearest for nearest in close if finds([nearest])), None)
        if best is None:
            return None
        suggestion.append(best)
        changed = True
    if changed and finds(suggestion):
        return " ".join(suggestion)
    return None


def matching_objects(terms, language, model):
    """A subquery of the pks of `model`'s objects whose document in `language` matches `terms`: for
    filtering a queryset that decides itself what may be shown (the API's `?search=`)."""
    backend = get_search_backend()
    entries = (
        backend.matches(build_query(terms, language))
        .annotate(found_id=backend.document_id)
        .values("found_id")
    )
    return SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(model), pk__in=entries
    ).values("object_id")


# The organisation's content


class OrganisationSource(PublishableSource):
    model = Organisation
    kind = "about"
    label = _("About")
    kind_label = _("About")
    title_field = "name"
    text_fields = ("purpose", "history")

    def fields(self, obj):
        return {
            "title": obj.name,
            "aliases": obj.acronym,
            "keywords": obj.secretariat_city,
            "text": " ".join([obj.purpose, plain_text(obj.history), obj.initiative_by, obj.initiative_event]),
        }


class BodySource(Source):
    model = Body
    kind = "about"
    label = _("Decision-making body")
    kind_label = _("About")
    title_field = "name"
    text_fields = ("role", "description")

    def fields(self, obj):
        return {
            "title": obj.name,
            "aliases": obj.short_name,
            "text": " ".join([obj.role, obj.frequency_note, plain_text(obj.description)]),
            "description": obj.short_name,
        }


class ChairTermSource(Source):
    """The chairmanship: each term, found by the country's names and "Chair", on the About page."""

    model = ChairTerm
    kind = "about"
    label = _("Chairmanship")
    kind_label = _("About")
    title_field = None  # Made of the country's name and the term's dates, in the page's language.
    text_fields = ("note",)

    def queryset(self):
        return ChairTerm.objects.select_related("country")

    def fields(self, obj):
        profile = Organisation.objects.profile()
        chair = _("Chair of the %(acronym)s, %(period)s") % {
            "acronym": profile.acronym if profile else "",
            "period": obj.period_display(),
        }
        return {
            "title": f"{obj.country.name}: {chair}",
            "aliases": f"{all_names(obj.country)} {obj.country.code}",
            "text": f"{obj.note} {obj.decided_by}",
        }

    def date(self, obj):
        return obj.start

    def depends_on(self):
        return {
            Country: lambda country: ChairTerm.objects.filter(country=country),
            # The title names the organisation by its acronym.
            Organisation: lambda organisation: ChairTerm.objects.all(),
        }


class FoundingDocumentSource(PublishableSource):
    model = FoundingDocument
    kind = "document"
    label = _("Founding document")
    kind_label = _("Documents")
    text_fields = ("summary",)

    def fields(self, obj):
        return {
            "title": obj.title,
            "aliases": f"{obj.symbol} {compact(obj.symbol)}",
            "keywords": obj.adopted_in,
            "text": f"{obj.summary} {obj.file_text}",
            "description": obj.symbol,
        }

    def date(self, obj):
        return obj.adopted_on


class CountrySource(Source):
    model = Country
    kind = "member"
    label = _("Country")
    kind_label = _("Member states and observers")
    title_field = "name"

    def fields(self, obj):
        return {"title": obj.name, "aliases": f"{all_names(obj)} {obj.code}"}


class ObserverOrganisationSource(Source):
    model = Membership
    kind = "member"
    label = _("Observer organisation")
    kind_label = _("Member states and observers")
    title_field = "organisation_name"
    text_fields = ("note",)

    def queryset(self):
        return Membership.objects.filter(status=Membership.Status.OBSERVER_ORGANISATION)

    def fields(self, obj):
        return {
            "title": obj.organisation_name,
            "aliases": all_names(obj, "organisation_name"),
            "text": obj.note,
        }


class MeasureSource(Source):
    model = Measure
    kind = "measure"
    label = _("Confidence-building measure")
    kind_label = _("Confidence-building measures")
    title_field = "name"
    text_fields = ("description",)

    def queryset(self):
        return Measure.objects.select_related("area").prefetch_related("coordinators__country")

    def fields(self, obj):
        coordinators = " ".join(all_names(coordinator.country) for coordinator in obj.coordinators.all())
        area = obj.area.name if obj.area else ""
        return {
            "title": obj.name,
            "keywords": f"{area} {coordinators}",
            "text": plain_text(obj.description),
            "description": area,
        }

    def depends_on(self):
        return {
            Coordinator: lambda coordinator: [coordinator.measure_id],
            Country: lambda country: Measure.objects.filter(coordinators__country=country).distinct(),
            MeasureArea: lambda area: Measure.objects.filter(area=area),
        }


class RelationSource(PublishableSource):
    model = Relation
    kind = "relation"
    label = _("Relations page")
    kind_label = _("Relations pages")
    text_fields = ("lead", "body")

    def queryset(self):
        return super().queryset().select_related("country")

    def fields(self, obj):
        return {
            "title": obj.display_title(),
            "aliases": f"{all_names(obj.country)} {obj.country.code}",
            "text": f"{obj.lead} {plain_text(obj.body)}",
        }

    def depends_on(self):
        return {
            Country: lambda country: Relation.objects.filter(country=country),
            # The default title names the organisation by its acronym.
            Organisation: lambda organisation: Relation.objects.all(),
        }


class PolicyPageSource(PublishableSource):
    model = PolicyPage
    kind = "policy"
    label = _("Policy page")
    kind_label = _("Policy pages")
    text_fields = ("body",)

    def fields(self, obj):
        return {"title": obj.title, "text": plain_text(obj.body)}


SOURCES = [
    OrganisationSource(),
    BodySource(),
    ChairTermSource(),
    FoundingDocumentSource(),
    CountrySource(),
    ObserverOrganisationSource(),
    MeasureSource(),
    RelationSource(),
    PolicyPageSource(),
]
