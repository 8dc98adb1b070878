"""Uploaded files: which row holds each stored file, and whether a request may fetch it.

Decided when the file is asked for, from the row that holds it, never from where the file is: a
file is public exactly when its content is. A draft meeting's photos and documents are visible to
those who may see the draft (organisation.permissions, or a preview link of it); once the meeting
is published, by a save or by its publication time coming, they are public, with nothing moved.

- The row holding a file is found by its name in the models' file fields; a rendition by the name
  of its original (organisation.images.rendition_of).
- Its content is the row itself when publishable (a founding document, the profile's logo), else
  the publishable row it belongs to (a meeting's photo or document: its foreign key to one), else
  none: reference data (a country's flag) is public.
- A file only a pending version holds (uploaded with an Editor's change to live content, organisation
  review) is private like a draft's, to those who may see the content's drafts, until it goes live.
- A file no row holds (one replaced or deleted, kept for the history) is served to nobody.
"""

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from organisation import images, permissions
from organisation.models import PendingVersion, PreviewLink, Publishable

# The cookie a preview link sets, for the files of the draft it shows (path: the media address).
PREVIEW_COOKIE = "cica_preview"


def holder_of(name):
    """The row whose file field holds the stored file `name` (or the original of the rendition
    `name`), or None."""
    original = images.rendition_of(name)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            directory = field.upload_to if isinstance(field.upload_to, str) else ""
            if not name.startswith(directory):
                continue
            lookup = {f"{field.name}__startswith": original} if original else {field.name: name}
            holder = model._base_manager.filter(**lookup).first()
            if holder is not None:
                return holder
    return None


def pending_version_of(name):
    """The pending version whose snapshot holds the stored file `name` (or its original), or None.
    Names are random (organisation.uploads), so one found in a snapshot's text is that file."""
    original = images.rendition_of(name) or name
    return (
        PendingVersion.objects.annotate(text=Cast("snapshot", models.TextField()))
        .filter(text__contains=original)
        .select_related("content_type")
        .first()
    )


def content_of(holder):
    """The publishable content `holder` belongs to: itself, the publishable row it points to, or
    None for reference data."""
    if isinstance(holder, Publishable):
        return holder
    for field in holder._meta.concrete_fields:
        if field.many_to_one and issubclass(field.related_model, Publishable):
            return getattr(holder, field.name)
    return None


def may_fetch(request, name):
    """(whether the maker of `request` may fetch the stored file `name`, whether it is public)."""
    holder = holder_of(name)
    if holder is None:
        pending = pending_version_of(name)
        if pending is None:
            return False, False
        return permissions.can_see_unpublished(request.user, pending.content_type.model_class()), False
    content = content_of(holder)
    if content is None or content.is_published():
        return True, True
    if not hasattr(request, "preview_link"):
        token = request.COOKIES.get(PREVIEW_COOKIE)
        request.preview_link = PreviewLink.from_token(token) if token else None
    visible = type(content)._default_manager.visible_to(request).filter(pk=content.pk).exists()
    return visible, False
