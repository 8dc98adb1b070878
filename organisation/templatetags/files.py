"""What a download link says about an external link's file. Uploaded documents describe themselves
from what was stored with the file ("PDF, 1.2 MB, 14 pages": WithPdfDetails.file_details), so no
page opens a file to say it."""

from django import template

register = template.Library()


@register.filter
def link_type(url):
    """ "PDF" for a link whose address ends in .pdf, else "" (a web page says nothing)."""
    return "PDF" if str(url or "").lower().split("?")[0].endswith(".pdf") else ""
