"""Uploaded PDF documents: checked by content and size, described for download links, and served
as downloads."""

import io
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from organisation.files import MESSAGES as FILE_MESSAGES
from organisation.files import check_size, file_size

logger = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 20 * 1024 * 1024  # bytes
# The text of a PDF kept for the site search: a long report's first forty pages or so.
MAX_TEXT_LENGTH = 100_000

# A PDF starts with its version line and ends with %%EOF; readers allow that marker anywhere in
# the last 1024 bytes, as some producers append a few bytes after it.
PDF_HEADER = b"%PDF-"
PDF_EOF = b"%%EOF"
EOF_WINDOW = 1024

MESSAGES = {
    "too_big": _("The document is %(size)s; the limit is %(limit)s. Save it smaller and upload it again."),
    "not_pdf": _("The file is not a PDF. Save or export the document as PDF and upload it again."),
    "incomplete": _("The PDF is incomplete: the upload or an earlier copy was cut short. Upload it again."),
    "broken": _(
        "The PDF is damaged and cannot be read. "
        "Open it, save or export it as PDF again and upload the new file."
    ),
    "encrypted": _(
        "The PDF is password-protected or encrypted, so not everyone could open it. "
        "Save a copy without protection and upload that."
    ),
    "no_pages": _("The PDF has no pages."),
    "active": _(
        "The PDF contains JavaScript or an action that starts a program, which a reader's PDF viewer "
        "could run. Save a copy without them (for example with “Print to PDF”) and upload that."
    ),
}

# Actions a PDF viewer runs by itself or on a click that can do more than show a page or a link.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}


def max_document_size():
    return getattr(settings, "MAX_DOCUMENT_UPLOAD_SIZE", DEFAULT_MAX_SIZE)


def validate_pdf(file):
    """Field validator: accept only a complete, readable, unencrypted PDF within the size limit,
    without JavaScript or launch actions."""
    check_size(file, max_document_size(), MESSAGES["too_big"])
    _read(file)


def clean_pdf(file):
    """The file to store instead of the upload: the same pages, without the document's metadata
    (its information dictionary and XMP: author, software, dates, as images lose EXIF).

    Raises ValidationError like `validate_pdf` for anything it would refuse."""
    from pypdf import PdfWriter

    check_size(file, max_document_size(), MESSAGES["too_big"])
    writer = PdfWriter(clone_from=_read(file))
    writer.metadata = None
    writer.root_object.pop("/Metadata", None)
    for page in writer.pages:
        page.pop("/Metadata", None)
        page.pop("/PieceInfo", None)
    # What nothing refers to any more (the metadata just removed) is left out of the file.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name=getattr(file, "name", "") or "document.pdf")


class PdfFormField(forms.FileField):
    """The upload field for documents: a sound PDF within the size limit, by `validate_pdf`."""

    default_validators = [validate_pdf]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "application/pdf")


def pdf_info(file):
    """{"pages": page count, "size": bytes} of a PDF, for "PDF, 1.2 MB, 14 pages" on a link.

    Reading a PDF costs time: compute this when the file is saved, not on each page view.
    Raises ValidationError like `validate_pdf` for a file that is not a readable PDF.
    """
    return {"pages": len(_read(file).pages), "size": file_size(file)}


def pdf_text(file):
    """The text of a PDF, as far as it can be extracted ("" for a scan), at most MAX_TEXT_LENGTH
    characters: for the site search. Never raises: a file whose text cannot be read is still a
    sound PDF (validate_pdf decides that)."""
    from pypdf import PdfReader  # Only on uploads: see _read().

    parts, length = [], 0
    try:
        file.seek(0)
        for page in PdfReader(file).pages:
            text = " ".join((page.extract_text() or "").split())
            parts.append(text)
            length += len(text) + 1
            if length >= MAX_TEXT_LENGTH:
                break
    except Exception:  # pypdf raises many kinds on unusual input; the upload itself was accepted.
        logger.warning("Could not extract the text of %s", getattr(file, "name", "a PDF"), exc_info=True)
    finally:
        file.seek(0)
    return " ".join(part for part in parts if part)[:MAX_TEXT_LENGTH]


def human_size(n):
    """A byte count as people read it: "1.2 MB" (binary units, localised by Django)."""
    return filesizeformat(n)


def _read(file):
    """A PdfReader on the file, after the checks that need no parsing; the file is rewound."""
    # Imported here: pypdf is only needed on uploads, and would add 9 MB to every web worker.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if file_size(file) == 0:
        raise ValidationError(FILE_MESSAGES["empty"], code="empty")
    try:
        file.seek(0)
        if file.read(len(PDF_HEADER)) != PDF_HEADER:
            raise ValidationError(MESSAGES["not_pdf"], code="not_pdf")
        file.seek(max(0, file_size(file) - EOF_WINDOW))
        if PDF_EOF not in file.read():
            raise ValidationError(MESSAGES["incomplete"], code="incomplete")
        file.seek(0)
        try:
            reader = PdfReader(file)
            if reader.is_encrypted:
                raise ValidationError(MESSAGES["encrypted"], code="encrypted")
            # Counting the pages walks the whole page tree, which catches most damage.
            if len(reader.pages) == 0:
                raise ValidationError(MESSAGES["no_pages"], code="no_pages")
            if _has_active_content(reader):
                raise ValidationError(MESSAGES["active"], code="active")
        except ValidationError:
            raise
        except (DependencyError, FileNotDecryptedError) as exc:
            # pypdf needs an extra library to read AES-encrypted files at all: refused either way.
            raise ValidationError(MESSAGES["encrypted"], code="encrypted") from exc
        except Exception as exc:  # pypdf raises many kinds on damaged input; none may become a 500
            raise ValidationError(MESSAGES["broken"], code="broken") from exc
    finally:
        file.seek(0)
    return reader


def _has_active_content(reader):
    """Whether any object of the PDF reachable from its trailer is JavaScript or a launch action:
    document-level scripts (/Names /JavaScript), open actions, additional actions (/AA) of the
    document, pages, links and form fields all hold them as action dictionaries (/S, /JS)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen = set()
    pending = [reader.trailer]
    while pending:
        obj = pending.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if obj.get("/S") in ACTIVE_ACTIONS or "/JS" in obj or "/JavaScript" in obj:
                return True
            pending.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)
    return False


def serve_pdf(document):
    """An uploaded PDF as a download: a fixed, safe content type, never shown inline by the site."""
    try:
        file = document.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The file of this document is missing.") from exc
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"{slugify(document.title)[:80] or 'document'}.pdf",
        content_type="application/pdf",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
