"""History of content, with django-reversion: registration, revisions for writes outside the admin,
who changed an object last, and the field-by-field comparison of two revisions.

Every save through the admin (reversion.admin.VersionAdmin) or the API (organisation.api.SaveMixin)
makes a revision: who, when, a comment, and a copy of the object with the inlines it follows.
"""

import difflib
import re
from contextlib import contextmanager

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.db.models.signals import post_delete
from django.utils import formats, timezone
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from organisation.models import PendingVersion, translated_field_names

# Bookkeeping that changes with every save or is derived from another field: not worth comparing.
NOT_COMPARED = {
    "version",
    "created_at",
    "updated_at",
    "text_changed_at",
    "translation_state",
    "renditions",
    "image_width",
    "image_height",
    "file_size",
    "page_count",
}


def register(model, follow=()):
    """Register `model` for revisions, with the relations whose rows are restored along with it.

    This replaces the registration VersionAdmin made when the admin was loaded: that one follows
    only the inlines an admin class declares, not those it adds per request (change notes).
    """
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, follow=follow)


def watch_renditions(*image_models):
    """Delete the renditions of an image whose row is deleted (cascades included), after the commit."""
    for model in image_models:
        post_delete.connect(_delete_renditions, sender=model, dispatch_uid=f"renditions-{model._meta.label}")


def _delete_renditions(sender, instance, **kwargs):
    instance.delete_renditions_on_commit()


@contextmanager
def revision(user, comment):
    """A revision around the saves inside the block, by `user` with `comment`."""
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def record_deletion(objects, user, comment):
    """A last revision of each object before it is deleted, so it can be recovered with its inlines."""
    objects = [obj for obj in objects if reversion.is_registered(type(obj))]
    if not objects:
        return
    with revision(user, comment):
        for obj in objects:
            reversion.add_to_revision(obj)


def restore_renditions(revision_obj):
    """Make again the renditions that a restored revision's images are missing."""
    for version in revision_obj.version_set.all():
        obj = version.object
        if obj is not None and hasattr(obj, "ensure_renditions"):
            obj.ensure_renditions()


def last_change(obj):
    """(user, time) of the last recorded change of `obj`: its pending version's last save, else its
    latest revision, else the admin log."""
    pending = PendingVersion.objects.for_object(obj).select_related("updated_by").first()
    if pending is not None:
        return pending.updated_by, pending.updated_at
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is not None:
        return version.revision.user, version.revision.date_created
    entry = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("user")
        .first()
    )
    if entry is not None:
        return entry.user, entry.action_time
    return None, None


def display_user(user):
    if user is None:
        return _("someone else")
    return user.get_full_name() or user.get_username()


def conflict_message(obj, opened=None):
    """What to tell the second of two people who saved the same object from the same version.

    `opened` says what the refused change was made from, when not the object's own form: "this list
    was shown"."""
    user, when = last_change(obj)
    values = {
        "item": capfirst(obj._meta.verbose_name),
        "name": obj,
        "user": display_user(user),
        "time": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else "",
    }
    if opened is not None:
        values["opened"] = opened
        if when:
            return _("%(item)s “%(name)s” was changed by %(user)s at %(time)s, after %(opened)s.") % values
        return _("%(item)s “%(name)s” was changed by %(user)s after %(opened)s.") % values
    if when:
        changed = _("%(item)s “%(name)s” was changed by %(user)s at %(time)s, after you opened it.") % values
    else:
        changed = _("%(item)s “%(name)s” was changed by %(user)s after you opened it.") % values
    return (
        changed
        + " "
        + _(
            "Your changes have not been saved, so that theirs are not overwritten: what you typed is "
            "still here. Open the page again in another tab to see the latest version, and make your "
            "changes there."
        )
    )


# --- Comparing two revisions ----------------------------------------------------------------------


def compared_fields(model):
    """The fields compared for `model`: the per-language ones, not the column modeltranslation mirrors."""
    mirrored = set(translated_field_names(model))
    options = reversion.revisions._get_options(model)
    fields = []
    for name in options.fields:
        field = model._meta.get_field(name)
        if name in NOT_COMPARED or name in mirrored or field.primary_key or field.many_to_many:
            continue
        fields.append(field)
    return fields


def _display(field, value):
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


_TOKEN = re.compile(r"\S+|\s+")


def inline_diff(old, new):
    """The change from `old` to `new` text, words removed in <del> and added in <ins>, escaped."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(a[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[b1:b2])))
    return mark_safe("".join(parts))


def field_changes(model, old_values, new_values):
    """[{"label", "old", "new", "diff"}] for each compared field whose value differs."""
    rows = []
    for field in compared_fields(model):
        old, new = old_values.get(field.attname), new_values.get(field.attname)
        if old == new:
            continue
        old_text, new_text = _display(field, old), _display(field, new)
        diff = None
        if isinstance(field, models.TextField):
            old_plain, new_plain = strip_tags(old_text), strip_tags(new_text)
            diff = inline_diff(old_plain, new_plain)
            if old_plain == new_plain:
                diff = format_html("{} <em>({})</em>", diff, _("formatting or links changed"))
        rows.append({"label": capfirst(field.verbose_name), "old": old_text, "new": new_text, "diff": diff})
    return rows


def compare(older, newer):
    """What changed between two revisions of one object: its fields, and the inlines it follows.

    Returns {"fields": [...], "related": [{"kind", "name", "change": "added"|"removed"|"changed",
    "fields": [...]}]}.
    """
    return compare_states(older._model, _version_state(older), _version_state(newer))


def compare_states(model, old, new):
    """compare() for any two states of an object of `model`: (its field values, {key: (model,
    field values, name)} of the rows it follows), or None for one that does not exist (yet)."""
    old_fields, old_related = old or ({}, {})
    new_fields, new_related = new or ({}, {})
    result = {"fields": field_changes(model, old_fields, new_fields), "related": []}
    for key in sorted(old_related.keys() | new_related.keys(), key=_inline_order):
        before, after = old_related.get(key), new_related.get(key)
        related_model, _values, name = after or before
        entry = {"kind": capfirst(related_model._meta.verbose_name), "name": name}
        if before is None:
            entry["change"] = "added"
        elif after is None:
            entry["change"] = "removed"
        else:
            entry["fields"] = field_changes(related_model, before[1], after[1])
            if not entry["fields"]:
                continue
            entry["change"] = "changed"
        result["related"].append(entry)
    return result


def _inline_order(key):
    label, pk = key
    return (label, int(pk) if pk.isdigit() else 0)


def _version_state(version):
    related = {}
    for other in _followed_versions(version).values():
        model = other.content_type.model_class()
        if model is not None:
            related[(model._meta.label_lower, other.object_id)] = (model, other.field_dict, other.object_repr)
    return version.field_dict, related


def snapshot_state(snapshot):
    """The state (see compare_states) a pending version's snapshot holds
    (organisation.models.review.PendingVersion.snapshot)."""
    root, *rows = snapshot["objects"]
    return _row_values(root)[1], {
        (row["model"], row["pk"]): (model, values, name)
        for row in rows
        for model, values, name in [_row_values(row)]
    }


def _row_values(row):
    obj = next(serializers.deserialize("json", row["data"], ignorenonexistent=True)).object
    return (
        type(obj),
        {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields},
        str(obj),
    )


def _followed_versions(version):
    """The versions in `version`'s revision of the inlines its object follows (its documents…), by key.

    A revision may hold other objects too (a bulk change): only rows that point to this object count.
    """
    model, pk = version._model, version.object_id
    content_type = ContentType.objects.get_for_model(model)
    belongs = {}
    for name in reversion.revisions._get_options(model).follow:
        field = model._meta.get_field(name)
        if isinstance(field, GenericRelation):
            ct_name, id_name = f"{field.content_type_field_name}_id", field.object_id_field_name
            belongs[field.related_model] = lambda values, ct_name=ct_name, id_name=id_name: (
                values.get(ct_name) == content_type.pk and str(values.get(id_name)) == pk
            )
        elif field.one_to_many:
            attname = field.field.attname
            belongs[field.related_model] = lambda values, attname=attname: str(values.get(attname)) == pk
    types = {ContentType.objects.get_for_model(related): related for related in belongs}
    found = {}
    for other in version.revision.version_set.filter(content_type__in=types).select_related("content_type"):
        if belongs[types[other.content_type]](other.field_dict):
            found[(other.content_type_id, other.object_id)] = other
    return found
