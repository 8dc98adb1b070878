"""Text as it is stored: no control characters, and line breaks as LF, whatever the path it came by.

Browsers send a textarea's line breaks as CR LF, word processors paste vertical tabs for line
breaks, and an API client may send any character: NUL, which PostgreSQL refuses; other controls,
which no format the site writes (XML feeds, HTML) may carry. Every save of every model, by any path
(the admin, the API, the seed loader, the shell), stores its text cleaned by clean_text(): a
`pre_save` receiver (organisation/apps.py) is the one hook that sees them all, new models included.
Raw saves (loaddata, `restore`, reverting a revision) put back what was stored, as it was.
QuerySet.update() and bulk_create() send no signal: code using them passes clean text.
"""

import re

from django.db import models

# Line breaks of every kind but LF: CR LF, a lone CR, vertical tab, form feed, NEL (C1's "next line").
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85]")
# The C0 controls but tab and LF, DEL, the C1 controls, lone surrogates (no encoding can store
# them), and the two non-characters XML refuses.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# In a one-line field a line break or a tab is a space.
_ONE_LINE = re.compile("[\t\n]")


def clean_text(value, multiline=True):
    """`value` without control characters (tab and LF kept where the text has lines), its line
    breaks as LF, or in one-line text as spaces."""
    value = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))
    return value if multiline else _ONE_LINE.sub(" ", value)


def clean_text_fields(instance):
    """Clean, in place, every text column of `instance` that is loaded: a TextField's keeps its lines,
    any other's (CharField, SlugField, URLField…) is one line. The per-language columns of translated
    fields are columns of their own, cleaned like the others."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = instance.__dict__.get(field.attname)
        if isinstance(value, str):
            # Through __dict__: a translated field's own attribute would write the active language.
            instance.__dict__[field.attname] = clean_text(
                value, multiline=isinstance(field, models.TextField)
            )


def clean_text_on_save(sender, instance, raw=False, **kwargs):
    """pre_save receiver, for every model (organisation/apps.py)."""
    if not raw:
        clean_text_fields(instance)
