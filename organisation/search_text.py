"""Text as the site search sees it: folded, split into words and stemmed, the same on every database.

The database engines disagree on all three: SQLite's tokenizer keeps "ı", PostgreSQL's `simple`
configuration keeps it and lower-cases by the server's locale, its `russian` configuration stems
"Саммит" to "самм" but "саммита" to "саммит", and SQLite has no Russian stemmer at all. So the words
are made here, and the engine is only asked to split them on spaces: the same query then finds the
same things on SQLite and on PostgreSQL.
"""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Folded text is split into runs of letters and digits (not underscores, which PostgreSQL's parser
# splits on and Python's \w does not).
WORD = re.compile(r"[^\W_]+")

# The combining marks of Latin, Cyrillic and Greek letters, which NFKD splits off. Measured: a loop
# over characters, or str.translate() with a table, made indexing several times slower.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

# Snowball has no Azerbaijani stemmer: prefixes do its work ("bakı" finds "Bakıda").
STEMMERS = {"en": "english", "ru": "russian"}
# A query word shorter than this is matched as a whole word only: "ci" never finds "CICA".
MIN_PREFIX = 3
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# Longer "words" are not words (a pasted hash, a run of letters): they are not offered as spellings.
MAX_TERM_LENGTH = 100


class QueryError(ValueError):
    """A query that cannot be searched for; its message is for the visitor."""


def fold(text):
    """Lower case without marks: "Bakı", "BAKI" and "Baki" give "baki"; "Ёлка" gives "елка"."""
    # "I" case-folds to "i", and "İ" (capital dotted I) to "i" and U+0307, whose dot goes with the
    # other marks; "ı" (dotless i) and "ə" (schwa) have no decomposition, and Azerbaijani readers
    # type them as "i" and "e". So BAKI, baki, Bakı and BAKİ all give "baki"; Əliyev gives "eliyev".
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ə", "e"))
    # The breve makes "й" a letter of its own in Russian (мой, мои): it stays.
    text = text.replace("и\u0306", "й")
    # No NFC needed: without their marks, the letters of these scripts are single code points.
    return _MARKS.sub("", text)


def words(text):
    """The folded words of `text`."""
    return WORD.findall(fold(text or ""))


@lru_cache(maxsize=8)
def _stemmer(language):
    # Imported here, for the workers that search or save content only.
    import Stemmer

    name = STEMMERS.get(language)
    return Stemmer.Stemmer(name) if name else None


@lru_cache(maxsize=100_000)
def stem(word, language):
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def term(word, language):
    """A word as the index holds it: behind its language's code ("enbaku", "azbaki", "ruбаку").

    Each language's words are then terms of their own, so the index's list of the documents that
    hold a term is that language's only: a search reads the matches in its language and no others,
    and ranks them by how rare a word is in that language.
    """
    return f"{language}{word}"


def index_text(text, language):
    """What the index stores for `text`: each folded word, and its stem where that differs, as
    terms of `language`.

    The word itself, so that its start ("transp", "саммит") finds it; its stem, so that another
    form of the word ("summits", "саммиты") finds it.
    """
    out = []
    for word in words(text):
        out.append(term(word, language))
        stemmed = stem(word, language)
        if stemmed != word:
            out.append(term(stemmed, language))
    return " ".join(out)


def plain_text(text):
    """Rich text as words: no tags, no character references."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def query_words(query):
    """The folded words of a visitor's query, at most MAX_QUERY_WORDS; QueryError when none is left.

    Words shorter than MIN_QUERY_LENGTH are left out ("a", "и"). Anything but letters and digits
    (punctuation, control characters, markup) separates words and is otherwise ignored, so no input
    reaches the index's query syntax.
    """
    found = [
        word
        for word in dict.fromkeys(words((query or "")[:MAX_QUERY_LENGTH]))
        if len(word) >= MIN_QUERY_LENGTH
    ][:MAX_QUERY_WORDS]
    if not found:
        raise QueryError(
            _("Type at least %(count)d letters or digits to search.") % {"count": MIN_QUERY_LENGTH}
        )
    return found


# A snippet looks at the words of a text one by one this far; further on (a PDF's text may hold
# 100,000 characters, and match nowhere: a title found in another language), only at its distinct
# words that begin with the first letter of a query word.
SCAN_WORDS = 300


class Highlighter:
    """Marks a word of the shown text when the index matched it, by the same rules: the whole folded
    word, its stem, or the start of a word for a query word of MIN_PREFIX letters or more."""

    _SPLIT = re.compile(r"([^\W_]+)")

    def __init__(self, terms, language):
        self.language = language
        self.exact = set(terms)
        self.stems = {stem(term, language) for term in terms}
        self.prefixes = tuple(term for term in terms if len(term) >= MIN_PREFIX)
        # Every word a query word matches begins with its letter: the stemmers change only the
        # ends of words.
        self.initials = {term[:1] for term in terms}
        self._seen = {}  # A page's results repeat their words: each is looked at once.
        self._initial = {}

    def may_match(self, word):
        """False when `word` cannot match: it begins with no query word's letter."""
        letter = word[:1]
        folded = self._initial.get(letter)
        if folded is None:
            folded = self._initial[letter] = fold(letter)[:1]
        return folded in self.initials

    def matches(self, word):
        found = self._seen.get(word)
        if found is None:
            folded = fold(word)
            found = self._seen[word] = (
                folded in self.exact
                or stem(folded, self.language) in self.stems
                or bool(self.prefixes and folded.startswith(self.prefixes))
            )
        return found

    def highlight(self, text):
        """`text`, escaped, with each matching whole word in <mark>."""
        parts = self._SPLIT.split(text or "")
        # The odd parts are words, of letters and digits only: nothing in them to escape.
        return mark_safe(
            "".join(
                (f"<mark>{part}</mark>" if self.matches(part) else part) if index % 2 else html.escape(part)
                for index, part in enumerate(parts)
            )
        )

    def snippet(self, text, size=30):
        """About `size` words of `text` around the first match (or from its start), highlighted."""
        tokens = (text or "").split()
        if not tokens:
            return ""
        first = self.first_match(tokens)
        start = max(0, (first or 0) - size // 3)
        end = min(len(tokens), start + size)
        marked = self.highlight(" ".join(tokens[start:end]))
        return mark_safe(("… " if start else "") + marked + (" …" if end < len(tokens) else ""))

    def first_match(self, tokens):
        """The index of the first of `tokens` (a text split on spaces) that holds a matching word,
        or None."""
        for index, token in enumerate(tokens[:SCAN_WORDS]):
            if any(self.matches(word) for word in WORD.findall(token)):
                return index
        rest = " ".join(tokens[SCAN_WORDS:])
        found = {word for word in set(WORD.findall(rest)) if self.may_match(word) and self.matches(word)}
        if not found:
            return None
        # Where the first of them is, as a whole word; the spaces before it count the tokens.
        alternatives = "|".join(re.escape(word) for word in sorted(found, key=len, reverse=True))
        position = re.search(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", rest).start()
        return SCAN_WORDS + rest.count(" ", 0, position)
