"""Review: nothing goes live without a Publisher.

A published item keeps serving its live version (the stored rows the public site reads) while
staff prepare the next one. An edit of a live item by someone who may not publish it, or by a
Publisher who chooses to keep it pending, is made as any edit is, inside a savepoint that is then
rolled back: what the edit saved (the item and the rows it follows: documents, photos, announced
changes, change notes, every language) is kept as a snapshot in a PendingVersion, and the live rows
are left exactly as they were. The next edit applies the snapshot inside a savepoint first, so the
admin's forms and inlines, every model's validation and the API work on a pending version as on any
other; a preview renders the public page the same way. Publishing applies the snapshot for good.

Why a savepoint rather than a second copy of the rows: the content machinery (uploads cleaned and
resized, translation bookkeeping, the version check, each model's rules) runs unchanged for
pending versions, and the public site, its caches and its search index never see one, because the
live rows change only when a version is published. Receivers of save signals that reach beyond
the database (the page cache, the search index) ask in_sandbox() and do nothing meanwhile.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.revisions import _follow_relations_recursive, _get_options

_IN_SANDBOX = contextvars.ContextVar("review_sandbox", default=False)
# (model label, pk) -> the live object as it was before a pending version was applied over it.
_LIVE_BEFORE = contextvars.ContextVar("review_live_before", default=None)


def in_sandbox():
    """Whether the code runs inside sandbox(): what it saves will be undone."""
    return _IN_SANDBOX.get()


@contextmanager
def sandbox():
    """Everything saved inside the block is undone at its end, whatever happens (a savepoint
    rolled back). Files written meanwhile stay: an upload to a pending version is kept for it."""
    token = _IN_SANDBOX.set(True)
    try:
        with transaction.atomic():
            savepoint = transaction.savepoint()
            try:
                yield
            finally:
                transaction.savepoint_rollback(savepoint)
                # Back at a known good point: a failed statement inside no longer dooms the transaction.
                transaction.set_rollback(False)
    finally:
        _IN_SANDBOX.reset(token)


def live_before(obj):
    """The live version of `obj` as it was before a pending version was applied over it, while
    that version goes live (see remembering_live), or None: what a published change compares with
    (a meeting's announced changes)."""
    return (_LIVE_BEFORE.get() or {}).get((obj._meta.label, str(obj.pk)))


@contextmanager
def remembering_live(live):
    """Within the block, live_before() answers `live` for its item."""
    token = _LIVE_BEFORE.set({(live._meta.label, str(live.pk)): live} if live is not None else {})
    try:
        yield
    finally:
        _LIVE_BEFORE.reset(token)


def _followed(obj):
    """The object and every row it follows for revisions (its inlines), the object first."""
    rows = _follow_relations_recursive(obj)
    rows.discard(obj)
    return [obj, *sorted(rows, key=lambda row: (row._meta.label, str(row.pk)))]


def _serialize(row):
    return {
        "model": row._meta.label_lower,
        "pk": str(row.pk),
        "data": serializers.serialize("json", [row], fields=_get_options(type(row)).fields),
    }


def _reserve_primary_keys(snapshot):
    """Make sure no later insert takes the primary key a pending row was given in a rolled-back
    savepoint. PostgreSQL's sequences never hand a number out twice; SQLite's AUTOINCREMENT counter
    is rolled back with the savepoint, so it is moved on past them."""
    if connection.vendor != "sqlite":
        return
    highest = {}
    for item in snapshot["objects"]:
        if item["pk"].isdigit():
            table = _model(item["model"])._meta.db_table
            highest[table] = max(highest.get(table, 0), int(item["pk"]))
    with connection.cursor() as cursor:
        for table, pk in highest.items():
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [pk, table])
            if not cursor.rowcount:
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, pk])


def _model(label_lower):
    return ContentType.objects.get_by_natural_key(*label_lower.split(".")).model_class()


class PendingVersionQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)

    def awaiting_review(self):
        """Submitted and not yet answered, the longest-waiting first."""
        return self.filter(state=PendingVersion.State.SUBMITTED).order_by("submitted_at", "pk")

    def due(self, now=None):
        """Approved versions whose publication time has come."""
        return self.filter(state=PendingVersion.State.SCHEDULED, publish_at__lte=now or timezone.now())


class PendingVersion(models.Model):
    """The next version of a published item, waiting for a Publisher (see the module docstring)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        SUBMITTED = "submitted", _("Awaiting review")
        SENT_BACK = "sent-back", _("Sent back")
        SCHEDULED = "scheduled", _("Approved, scheduled")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    snapshot = models.JSONField(_("snapshot"), editable=False)
    object_repr = models.CharField(_("item"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True)
    message = models.TextField(_("message to the reviewer"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)
    publish_at = models.DateTimeField(_("to be published at"), null=True)

    objects = PendingVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_version_per_item")
        ]
        indexes = [models.Index(fields=["state", "publish_at"])]
        verbose_name = _("pending version")
        verbose_name_plural = _("pending versions")

    def __str__(self):
        return _("Pending version of “%(item)s”") % {"item": self.object_repr}

    def get_absolute_url(self):
        """The item's public address: staff preview the pending version there (?pending)."""
        return self.content_object.get_absolute_url()

    @property
    def version(self):
        """The version number the pending item carries: forms and API clients send it back."""
        return self.snapshot["version"]

    # --- Taking and applying snapshots -------------------------------------------------------------

    @staticmethod
    def take_snapshot(obj):
        """The item as stored now, with the rows it follows: what apply() puts back."""
        stored = type(obj)._base_manager.get(pk=obj.pk)
        return {"version": stored.version, "objects": [_serialize(row) for row in _followed(stored)]}

    @staticmethod
    def changes_from_live(snapshot):
        """The snapshot with what it changes: the followed rows it adds or changes (`touched`) and
        the live ones it removes (`removed`), by (model, pk). apply() writes only those, so that
        rows the version left alone keep whatever they became since (a coordinator published on
        its own meanwhile)."""
        root = snapshot["objects"][0]
        live = _model(root["model"])._base_manager.filter(pk=root["pk"]).first()
        live_rows = {}
        if live is not None:
            live_rows = {
                (item["model"], item["pk"]): item["data"]
                for item in PendingVersion.take_snapshot(live)["objects"]
            }
        pending_rows = {(item["model"], item["pk"]): item["data"] for item in snapshot["objects"]}
        touched = [key for key, data in pending_rows.items() if live_rows.get(key) != data]
        removed = [key for key in live_rows if key not in pending_rows]
        return {
            **snapshot,
            "touched": [list(key) for key in touched],
            "removed": [list(key) for key in removed],
        }

    @classmethod
    def keep(cls, obj, snapshot, user, approved=False):
        """Store `snapshot` (taken inside a sandbox) as the item's pending version, saved by `user`.

        A version approved for a scheduled publication goes back to preparation when it changes,
        unless `approved` (the change is a Publisher's): what goes live is what was reviewed."""
        _reserve_primary_keys(snapshot)
        snapshot = cls.changes_from_live(snapshot)
        pending = cls.objects.for_object(obj).first() or cls(content_object=obj, created_by=user)
        pending.snapshot, pending.object_repr, pending.updated_by = snapshot, str(obj)[:300], user
        if pending.state == cls.State.SCHEDULED and not approved:
            pending.state, pending.publish_at = cls.State.DRAFT, None
        pending.save()
        return pending

    def apply(self):
        """Make the stored rows what the snapshot holds: the item as pending, and the rows it
        follows as they are in it (rows it no longer has are deleted, rows it has are put back).

        Returns the item. Inside a sandbox this is a preview; outside, the version goes live."""
        model = self.content_type.model_class()
        live = model._base_manager.filter(pk=self.object_id).first()  # None: an addition.
        removed = {tuple(key) for key in self.snapshot.get("removed", [])}
        touched = {tuple(key) for key in self.snapshot.get("touched", [])}
        for row in _followed(live)[1:] if live is not None else []:
            if (row._meta.label_lower, str(row.pk)) in removed:
                row.delete()
        root, *rows = self.snapshot["objects"]
        for item in [root, *(row for row in rows if (row["model"], row["pk"]) in touched)]:
            for restored in serializers.deserialize("json", item["data"], ignorenonexistent=True):
                restored.save()
        model._base_manager.filter(pk=self.object_id).update(version=self.version)
        return model._base_manager.get(pk=self.object_id)

    def preview(self):
        """A context manager: inside it, the stored rows are the pending version's; undone after."""

        @contextmanager
        def applied():
            with sandbox():
                yield self.apply()

        return applied()


class AuditEvent(models.Model):
    """One step in the life of an item: who did what, when, and with which message.

    Kept in backups; never deleted with the item, so that a deletion and a recovery stay on record."""

    class Action(models.TextChoices):
        SAVED_PENDING = "saved-pending", _("saved a pending version")
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent-back", _("sent back")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        UNPUBLISHED = "unpublished", _("unpublished")
        DISCARDED = "discarded", _("discarded the pending version")
        RESTORED = "restored", _("restored a revision")
        DELETED = "deleted", _("deleted")
        RECOVERED = "recovered", _("recovered")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("item id"))
    object_repr = models.CharField(_("item"), max_length=300)
    action = models.CharField(_("action"), max_length=15, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.object_repr}: {self.get_action_display()}"

    @classmethod
    def record(cls, obj, action, user=None, message="", time=None):
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            object_repr=str(obj)[:300],
            action=action,
            user=user if user is not None and user.is_authenticated else None,
            message=message,
            time=time or timezone.now(),
        )
