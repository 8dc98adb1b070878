"""The site search: plain ORM look-ups over each language's columns, ranked and highlighted in Python.

Portable by design: the same code runs on SQLite and PostgreSQL, needs no index to keep up to
date, and the content is small (hundreds of meetings, dozens of pages). Each kind of content is a
`Source`; the URL configuration passes the list of sources to the search view, so this app never
imports `events` (see events/search.py for the meetings').

A visitor's words are looked for in the page's language and in English, the source language, so a
page not yet translated is still found.
"""

import html
import re

from django.conf import settings
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisation.models import FoundingDocument, Organisation, PolicyPage, Relation, untranslated_fields

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Candidates read per kind of content: enough for any query on a site of this size.
MAX_CANDIDATES = 200
SNIPPET_WORDS = 30


def parse_query(query):
    """The words (and "quoted phrases") of a query, as the visitor typed them."""
    words = []
    for word in smart_split((query or "")[:MAX_QUERY_LENGTH]):
        if word[0] in "\"'" and word[-1] == word[0] and len(word) > 1:
            word = unescape_string_literal(word)
        word = word.strip()
        if word and word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
    return words[:MAX_WORDS]


def _case_variants(word):
    # SQLite's LIKE ignores case for ASCII letters only: "баку" would not find "Баку". Asking for
    # the usual spellings of a non-ASCII word finds them on SQLite; PostgreSQL needs only the first.
    if word.isascii():
        return {word}
    return {word, word.lower(), word.upper(), word.capitalize()}


def plain_text(text):
    """Rich text as words: no tags, no character references."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


class Result:
    """One match, ranked by `score`. What only a shown result needs (its address, highlighted title
    and snippet, date and description) is worked out when the page asks for it: a query may match
    hundreds of candidates, of which one page is shown."""

    def __init__(self, source, obj, title, score, words, snippet_text, snippet_lang):
        self.source = source
        self.object = obj
        self.title = title
        self.score = score
        self.words = words
        self.snippet_text = snippet_text
        self.snippet_lang = snippet_lang
        self.title_lang = None

    @property
    def label(self):
        return self.source.label

    @cached_property
    def url(self):
        return self.source.get_url(self.object)

    @cached_property
    def title_html(self):
        return highlight(self.title, self.words)

    @cached_property
    def snippet_html(self):
        return snippet(self.snippet_text, self.words)

    @cached_property
    def date(self):
        return self.source.get_date(self.object)

    @cached_property
    def description(self):
        return self.source.describe(self.object)


class Source:
    """One kind of content the search looks through.

    `fields` maps each translated field to its weight; `related_fields` are translated fields
    reached through a relation (`country__name`), matched but not quoted in the snippet.
    """

    label = ""
    fields = {}
    related_fields = {}
    title_field = "title"

    def get_queryset(self):
        raise NotImplementedError

    def get_title(self, obj, context):
        return getattr(obj, self.title_field)

    def get_url(self, obj):
        return obj.get_absolute_url()

    def get_date(self, obj):
        return None

    def describe(self, obj):
        """A short line under the result's title, such as the meeting a document belongs to."""
        return ""

    def columns(self, language):
        """The database columns a word is looked for in: the language's and English's."""
        languages = dict.fromkeys([language, settings.LANGUAGE_CODE])
        names = [*self.fields, *self.related_fields]
        return [f"{name}_{code}" for name in names for code in languages]

    def search(self, words, language, context):
        columns = self.columns(language)
        condition = Q()
        for word in words:
            any_column = Q()
            for column in columns:
                for variant in _case_variants(word):
                    any_column |= Q(**{f"{column}__icontains": variant})
            condition &= any_column
        objects = self.get_queryset().filter(condition)[:MAX_CANDIDATES]
        return [self.result(obj, words, language, context) for obj in objects]

    def result(self, obj, words, language, context):
        pattern = highlight_pattern(words)
        score = 0
        best = (0, "", None)  # matches, text, its language (None: the page's)
        for name, weight in [*self.fields.items(), *self.related_fields.items()]:
            for code in dict.fromkeys([language, settings.LANGUAGE_CODE]):
                text = self._text(obj, name, code, pattern)
                matches = len(pattern.findall(text)) if text else 0
                # The page's language counts fully; English counts when no translation says the same.
                score += weight * matches * (1 if code == language else 0.5)
                if name in self.fields and name != self.title_field and matches > best[0]:
                    best = (matches, text, None if code == language else code)
        title = str(self.get_title(obj, context))
        if all(re.search(re.escape(word), title, re.IGNORECASE) for word in words):
            score += 10  # Every word in the title: most likely what the visitor looks for.
        if not best[1]:
            best = (0, self._first_text(obj, language), None)
        result = Result(self, obj, title, score, words, snippet_text=best[1], snippet_lang=best[2])
        if self.title_field in untranslated_fields(obj, language):
            result.title_lang = settings.LANGUAGE_CODE  # Shown in English for want of a translation.
        return result

    def _text(self, obj, name, code, pattern=None):
        """The field's plain text; with `pattern`, "" when it cannot match, unread (rich text is
        slow to strip, and most fields of most candidates do not match)."""
        target = obj
        *path, field = name.split("__")
        for step in path:
            target = getattr(target, step, None)
            if target is None:
                return ""
        text = getattr(target, f"{field}_{code}", "") or ""
        if pattern is not None and "&" not in text and not pattern.search(text):
            return ""  # Neither tags nor character references can hide a match in this text.
        return plain_text(text)

    def _first_text(self, obj, language):
        for name in self.fields:
            if name != self.title_field:
                text = self._text(obj, name, language) or self._text(obj, name, settings.LANGUAGE_CODE)
                if text:
                    return text
        return ""


def highlight_pattern(words):
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in longest_first), re.IGNORECASE)


def highlight(text, words):
    """`text`, escaped, with each occurrence of the words in <mark>."""
    if not words or not text:
        return escape(text)
    parts = []
    position = 0
    for match in highlight_pattern(words).finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def snippet(text, words):
    """About SNIPPET_WORDS words of `text` around the first match, highlighted."""
    tokens = text.split()
    if not tokens:
        return ""
    pattern = highlight_pattern(words) if words else None
    first = next((i for i, token in enumerate(tokens) if pattern and pattern.search(token)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    end = min(len(tokens), start + SNIPPET_WORDS)
    text = " ".join(tokens[start:end])
    marked = highlight(text, words)
    return mark_safe(("… " if start else "") + marked + (" …" if end < len(tokens) else ""))


def search(sources, query, context=None):
    """The results for `query` from every source, best first."""
    words = parse_query(query)
    if not words:
        return []
    language = get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    results = []
    for source in sources:
        results.extend(source.search(words, language, context or {}))
    results.sort(key=lambda result: (-result.score, result.title.casefold()))
    return results


class OrganisationSource(Source):
    label = _("About")
    fields = {
        "name": 5,
        "acronym": 5,
        "purpose": 2,
        "history": 1,
        "initiative_by": 1,
        "initiative_event": 1,
    }
    title_field = "name"

    def get_queryset(self):
        return Organisation.objects.published()


class RelationSource(Source):
    label = _("Relations page")
    fields = {"title": 5, "lead": 2, "body": 1}
    related_fields = {"country__name": 5}

    def get_queryset(self):
        return Relation.objects.published().select_related("country")

    def get_title(self, obj, context):
        return obj.display_title(context.get("organisation"))


class FoundingDocumentSource(Source):
    label = _("Founding document")
    fields = {"title": 5, "summary": 2, "adopted_in": 1}

    def get_queryset(self):
        return FoundingDocument.objects.published()

    def get_date(self, obj):
        return obj.adopted_on


class PolicyPageSource(Source):
    label = _("Policy page")
    fields = {"title": 5, "body": 1}

    def get_queryset(self):
        return PolicyPage.objects.published()


SOURCES = [OrganisationSource(), RelationSource(), FoundingDocumentSource(), PolicyPageSource()]
