"""Sorting names by each language's alphabet, in the database, on PostgreSQL and SQLite alike.

Each language has a collation named `cica_<language>`. On PostgreSQL it is an ICU collation,
created by a migration (organisation/migrations/0013_collations.py); on SQLite it is the Python
function below, registered on every connection. Both follow the Unicode Collation Algorithm's
levels: letters first (in Azerbaijani Ç after C, Ə after E, X after H, I before İ, Q after K …;
in Russian Ё with Е), then accents (Е before Ё when the words are otherwise equal), then case.

`collated(field)` is the expression that orders by a name in the visitor's language: the querysets'
`order_by_name()` use it, and through them every list of names, the filter choices and the API.
"""

import functools
import unicodedata

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language

# Each alphabet in order; a letter's primary weight is its position. Letters not listed (foreign
# letters in a name) keep their Unicode order after the listed ones of the same script.
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    # Azerbaijani: A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z (W for foreign names).
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvwyz",
    # Russian, with Ё sorting as Е at the first level (as ICU and glibc do), Latin letters before.
    "ru": "abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюя",
}
# Letters that count as another at the first level, told apart at the second (accent) level.
SECONDARY = {"ru": {"ё": "е"}, "en": {}, "az": {}}
# Lower case of upper-case letters that Python's str.lower() gets wrong for the language.
LOWER = {"az": {"I": "ı", "İ": "i"}, "ru": {}, "en": {}}


def _primary_and_secondary(language, char):
    alphabet = ALPHABETS[language]
    lower = LOWER[language].get(char) or char.lower()
    base = SECONDARY[language].get(lower, lower)
    accent = 1 if base != lower else 0
    if base not in alphabet:
        # Accented Latin letters outside the alphabet sort with their base letter (é with e).
        decomposed = unicodedata.normalize("NFD", base)
        if decomposed[0] in alphabet:
            accent, base = 1 + sum(ord(c) for c in decomposed[1:]), decomposed[0]
    if base in alphabet:
        return 1000 + alphabet.index(base), accent
    if not char.isalnum():
        return ord(char) % 1000, 0  # Spaces and punctuation before every letter and digit.
    return 2000 + ord(base), 0


@functools.lru_cache(maxsize=4096)
def sort_key(language, text):
    """The key by which `text` sorts in `language`: letters, then accents, then case (lower first)."""
    weights = [_primary_and_secondary(language, char) for char in text]
    return (
        tuple(primary for primary, _ in weights),
        tuple(secondary for _, secondary in weights),
        tuple(0 if char == (LOWER[language].get(char) or char.lower()) else 1 for char in text),
        text,
    )


def _compare(language):
    def compare(a, b):
        key_a, key_b = sort_key(language, a), sort_key(language, b)
        return (key_a > key_b) - (key_a < key_b)

    return compare


def collation_name(language):
    return f"cica_{language}"


def register_sqlite_collations(sender, connection, **kwargs):
    """connection_created receiver (organisation/apps.py): the collations on each SQLite connection."""
    if connection.vendor == "sqlite":
        for code, _name in settings.LANGUAGES:
            connection.connection.create_collation(collation_name(code), _compare(code))


def collated(field, language=None):
    """An expression ordering by the translated field `field` (a path such as "country__name") in
    `language` (the active one by default), by that language's alphabet. An empty translation
    sorts as the English text that the page shows in its place."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language not in ALPHABETS:
        language = settings.LANGUAGE_CODE
    source = F(f"{field}_{settings.LANGUAGE_CODE}")
    text = (
        source
        if language == settings.LANGUAGE_CODE
        else Coalesce(NullIf(F(f"{field}_{language}"), Value("")), source)
    )
    return Collate(text, collation_name(language))
