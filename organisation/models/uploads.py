"""Uploaded files: images stored clean with their renditions, PDFs with their size and page count,
each under a random name (who may fetch a file is organisation.media's to say).

What an upload must be to be accepted is checked in organisation.images and organisation.documents.
"""

import posixpath
import secrets

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisation import documents, images


def random_name(filename):
    """A stored file's name: random, with the extension of `filename` (lower-cased), so that nobody
    can guess the address of a file from the name it was uploaded under."""
    extension = posixpath.splitext(filename)[1].lower()
    return secrets.token_hex(16) + (extension if extension[1:].isalnum() else "")


class ImageUploadField(models.ImageField):
    """An image field whose form field checks the upload by its content (organisation.images).

    Django's own forms.ImageField opens the upload first and answers anything it cannot read
    with one generic message, which would hide ours (too many pixels, animated, damaged…).
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": images.ImageFormField, **kwargs})

    def generate_filename(self, instance, filename):
        return super().generate_filename(instance, random_name(filename))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class PdfUploadField(models.FileField):
    """A file field whose form field accepts only a sound PDF within the size limit."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": documents.PdfFormField, **kwargs})

    def generate_filename(self, instance, filename):
        return super().generate_filename(instance, random_name(filename))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class WithRenditions(models.Model):
    """An image stored clean (upright, without metadata) with its web renditions.

    When a new image is saved, by any path, it is re-encoded (organisation.images.clean_image),
    stored, and resized once into WebP and JPEG renditions, whose names and sizes are kept in
    `renditions`: pages build <picture> from them without opening a file. The renditions of a
    replaced or deleted image are deleted once the transaction commits; the original stays, so
    that a revision restored from the history still has its file (see ensure_renditions()).
    """

    image_field_name = "image"
    rendition_widths = images.RENDITION_WIDTHS

    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    image_width = models.PositiveIntegerField(_("image width"), null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        file = self.stored_image
        previous = getattr(self, "_stored_image_name", None)
        update_fields = kwargs.get("update_fields")
        if file and not file._committed:
            cleaned = images.clean_image(file)
            self.image_width, self.image_height = images.dimensions(cleaned)
            file.save(cleaned.name, cleaned, save=False)
            self.renditions = images.make_renditions(file.name, self.rendition_widths, storage=file.storage)
        elif not file:
            self.renditions, self.image_width, self.image_height = [], None, None
        if update_fields is not None and self.image_field_name in update_fields:
            kwargs["update_fields"] = {*update_fields, "renditions", "image_width", "image_height"}
        super().save(*args, **kwargs)
        self._stored_image_name = file.name if file else ""
        if previous and previous != self._stored_image_name:
            self.delete_renditions_on_commit(previous)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_image_name = instance.__dict__.get(cls.image_field_name)
        return instance

    @property
    def stored_image(self):
        return getattr(self, self.image_field_name)

    def delete_renditions_on_commit(self, name=None):
        name = name or getattr(self, "_stored_image_name", None) or self.stored_image.name
        if name:
            storage = self.stored_image.storage
            transaction.on_commit(lambda: images.delete_renditions(name, storage=storage))

    def ensure_renditions(self):
        """Make the renditions again where their files are missing (after a revision is restored)."""
        file = self.stored_image
        if not file or not file.storage.exists(file.name):
            return
        renditions = images.make_renditions(file.name, self.rendition_widths, storage=file.storage)
        if renditions != self.renditions:
            self.renditions = renditions
            type(self)._base_manager.filter(pk=self.pk).update(renditions=renditions)

    def picture(self):
        """What templates/includes/picture.html needs, or None when there are no renditions."""
        if not self.renditions:
            return None
        storage = self.stored_image.storage
        # The fallback <img> is the rendition nearest 800 pixels wide, not wider.
        fallback = [r for r in self.renditions if r["width"] <= 800][-1:] or self.renditions[:1]
        return {
            "webp": images.srcset(self.renditions, "webp", storage=storage),
            "jpeg": images.srcset(self.renditions, "jpeg", storage=storage),
            "src": storage.url(fallback[0]["jpeg"]),
            "width": fallback[0]["width"],
            "height": fallback[0]["height"],
            "largest": {
                "url": storage.url(self.renditions[-1]["jpeg"]),
                "width": self.renditions[-1]["width"],
                "height": self.renditions[-1]["height"],
            },
        }


class WithPdfDetails(models.Model):
    """A PDF file stored without its metadata, with its size, page count and text, read once when a
    new file is saved, by any path."""

    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    # What the site search finds in the file (organisation.search): extracted once, not on each reindex.
    file_text = models.TextField(_("text of the file"), blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Stored without its metadata, as images are (organisation.documents.clean_pdf).
            cleaned = documents.clean_pdf(self.file)
            self.file.save(cleaned.name, cleaned, save=False)
            info = documents.pdf_info(self.file)
            self.file_size, self.page_count = info["size"], info["pages"]
            self.file_text = documents.pdf_text(self.file)
        elif not self.file:
            self.file_size = self.page_count = None
            self.file_text = ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "file" in update_fields:
            kwargs["update_fields"] = {*update_fields, "file_size", "page_count", "file_text"}
        super().save(*args, **kwargs)

    def file_details(self):
        """ "PDF, 1.2 MB, 14 pages" for the download link, from what was stored with the file."""
        parts = ["PDF"]
        if self.file_size:
            parts.append(documents.human_size(self.file_size))
        if self.page_count:
            parts.append(ngettext("%(n)d page", "%(n)d pages", self.page_count) % {"n": self.page_count})
        return ", ".join(str(part) for part in parts)
