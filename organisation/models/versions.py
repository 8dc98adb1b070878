"""No lost edits: a version number on every row staff edit, checked by every save."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionConflict(Exception):
    """A save that would overwrite a change made since the object was read (see Versioned)."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(f"{obj._meta.label} {obj.pk} changed after version {obj.version} was read.")


class Versioned(models.Model):
    """No lost edits: a save succeeds only if the row is still at the version that was read.

    Forms and API clients send back the `version` they were given; the save checks it and moves
    it on in one statement (UPDATE … SET version = version + 1 WHERE version = n), so of two
    saves of the same version only the first wins and the second raises VersionConflict, on
    any database and under any interleaving. Raw saves, which put back a stored copy
    (django-reversion's revert and recover, loaddata), are not checked but still move the
    version on: a form opened before a revert cannot then save over it.

    This hooks into Model._save_table() and _do_update(), private but stable Django API (what
    django-concurrency overrides too); tests/organisation/test_versions.py fails if it moves.
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Moves on with every save; a save from an out-of-date form is refused."),
    )

    class Meta:
        abstract = True

    def save_edit(self):
        """Save a change staff made, through the admin or the API: both save this way, and only
        this way. A model that keeps a public record of its changes (a meeting's announced
        changes) extends it, with record_published_change()."""
        self.save()

    def record_published_change(self, previous):
        """Keep what the public should know of the change from `previous`, the live version before
        it, now that the change is live. Nothing by default."""

    def _save_table(self, raw=False, *args, **kwargs):
        self._raw_save = raw
        try:
            return super()._save_table(raw, *args, **kwargs)
        finally:
            del self._raw_save

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        field = self._meta.get_field("version")
        values = [value for value in values if value[0] is not field]
        values.append((field, None, models.F("version") + 1))
        rows = base_qs.filter(pk=pk_val)
        if getattr(self, "_raw_save", False):
            if not rows._update(values):
                return False  # Not stored (any more): Django inserts it.
            self.version = rows.values_list("version", flat=True).get()
            return True
        if rows.filter(version=self.version)._update(values):
            self.version += 1
            return True
        if rows.exists():
            raise VersionConflict(self)
        return False
