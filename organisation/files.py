"""What uploads of every kind share: the size of an uploaded file, and its check against a limit.

organisation.images (photos, flags, logos) and organisation.documents (PDFs) check the content;
both start here.
"""

import io

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "empty": _("The file is empty."),
}


def file_size(file):
    """The size in bytes of an uploaded or stored file, without reading it when the size is known."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


def check_size(file, limit, too_big_message):
    """Refuse an empty file, or one larger than `limit` bytes (`too_big_message` takes %(size)s and
    %(limit)s)."""
    size = file_size(file)
    if size == 0:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if size > limit:
        raise ValidationError(
            too_big_message,
            code="too_big",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
