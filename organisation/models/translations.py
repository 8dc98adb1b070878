"""Translation status: content with text per language whose translations staff keep up to date.

The per-language columns themselves come from django-modeltranslation (each app's translation.py);
this module records when each language's text changed, for the translation overview.
"""

import functools

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from organisation.models.text import clean_text_fields


def translated_field_names(model):
    """The fields of `model` that have a version per language (see translation.py)."""
    try:
        return sorted(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


@functools.cache
def translated_columns(model):
    """The per-language columns of `model`'s translated fields (`title_en`, `title_ru`, ...).

    Read for every object loaded, so worked out once per model."""
    return tuple(
        f"{name}_{code}" for name in translated_field_names(model) for code, _name in settings.LANGUAGES
    )


def untranslated_fields(obj, language=None):
    """The translated fields of `obj` that have English text but none in `language`.

    The page shows the English text for these, marked as English.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return []
    return [
        name
        for name in translated_field_names(type(obj))
        if obj.__dict__.get(f"{name}_{settings.LANGUAGE_CODE}") and not obj.__dict__.get(f"{name}_{language}")
    ]


class Translatable(models.Model):
    """Content with text per language whose translations staff keep up to date.

    Each save compares the stored text with the new one, so that the translation overview can
    tell which translations are older than the last change to the English text.
    """

    class TranslationStatus(models.TextChoices):
        MISSING = "missing", _("Missing")
        PARTIAL = "partial", _("Partly translated")
        OUTDATED = "outdated", _("Older than the English text")
        REVIEW = "review", _("To be reviewed")
        CURRENT = "current", _("Up to date")

    text_changed_at = models.DateTimeField(_("English text last changed"), null=True, editable=False)
    # {"ru": {"changed_at": ISO datetime, "review": bool}, ...}
    translation_state = models.JSONField(_("translation state"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Compared as it will be stored: a form sending CR LF for a stored LF changes nothing.
        clean_text_fields(self)
        # Bookkeeping like auto_now: every path that saves (admin, API, seed, import) records
        # which languages' text changed, so nothing can bypass the translation overview.
        changed = self.record_text_changes()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and changed:
            kwargs["update_fields"] = {*update_fields, "text_changed_at", "translation_state"}
        super().save(*args, **kwargs)
        self._stored_text = self._text_values()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_text = instance._text_values()
        return instance

    def _text_values(self):
        values = self.__dict__
        return {column: values[column] for column in translated_columns(type(self)) if column in values}

    def record_text_changes(self):
        """Note the time of change of the English text and of each translation that changed."""
        stored = getattr(self, "_stored_text", {})
        current = self._text_values()
        changed_languages = {
            key.rsplit("_", 1)[1]
            for key, value in current.items()
            if stored.get(key) != value and (value or stored)
        }
        now = timezone.now()
        if settings.LANGUAGE_CODE in changed_languages:
            self.text_changed_at = now
        for language in changed_languages - {settings.LANGUAGE_CODE}:
            self.translation_state = {
                **self.translation_state,
                language: {"changed_at": now.isoformat(), "review": False},
            }
        return bool(changed_languages)

    def translation_status(self, language):
        fields = [
            name
            for name in translated_field_names(type(self))
            if self.__dict__.get(f"{name}_{settings.LANGUAGE_CODE}")
        ]
        translated = [name for name in fields if self.__dict__.get(f"{name}_{language}")]
        if not translated:
            return self.TranslationStatus.MISSING
        state = self.translation_state.get(language, {})
        changed_at = parse_datetime(state.get("changed_at") or "")
        if changed_at is None or (self.text_changed_at and changed_at < self.text_changed_at):
            return self.TranslationStatus.OUTDATED
        if len(translated) < len(fields):
            return self.TranslationStatus.PARTIAL
        if state.get("review"):
            return self.TranslationStatus.REVIEW
        return self.TranslationStatus.CURRENT

    def mark_restored(self, before):
        """After a revision was restored over `before` (the object as it was): each translation
        the restore changed is marked to be reviewed, never up to date — a revision's status is as
        old as its text, and nobody has reviewed the restored text since."""
        changed = {
            column.rsplit("_", 1)[1]
            for column, value in self._text_values().items()
            if before is None or before.__dict__.get(column) != value
        }
        now = timezone.now()
        if settings.LANGUAGE_CODE in changed:
            self.text_changed_at = now
        for language in changed - {settings.LANGUAGE_CODE}:
            self.translation_state = {
                **self.translation_state,
                language: {"changed_at": now.isoformat(), "review": True},
            }
        if changed:
            type(self)._base_manager.filter(pk=self.pk).update(
                text_changed_at=self.text_changed_at, translation_state=self.translation_state
            )

    def set_translation_review(self, language, review):
        """Mark the translation into `language` as one to be reviewed by staff, or as reviewed."""
        state = self.translation_state.get(language)
        if state is not None:
            self.translation_state = {**self.translation_state, language: {**state, "review": review}}
            type(self)._default_manager.filter(pk=self.pk).update(translation_state=self.translation_state)
