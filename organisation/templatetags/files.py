"""What a download link says about its file: "PDF, 1.2 MB"."""

import posixpath

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()


@register.filter
def file_details(file):
    """The file's type and size, or its type alone when the size cannot be read (a lost file)."""
    name = getattr(file, "name", "") or str(file or "")
    kind = posixpath.splitext(name)[1].lstrip(".").upper()
    try:
        size = filesizeformat(file.size)
    except (OSError, ValueError, AttributeError):
        size = ""
    return ", ".join(part for part in (kind, size) if part)


@register.filter
def link_type(url):
    """ "PDF" for a link whose address ends in .pdf, else "" (a web page says nothing)."""
    return "PDF" if str(url or "").lower().split("?")[0].endswith(".pdf") else ""
