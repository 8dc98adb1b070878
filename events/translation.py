"""The fields that have a version per language (django-modeltranslation adds one column each)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ["title", "city", "theme", "summary", "description"]


@register(MeetingChange)
class MeetingChangeTranslation(TranslationOptions):
    fields = ["previous_city", "note"]


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ["title"]


@register(MeetingPhoto)
class MeetingPhotoTranslation(TranslationOptions):
    fields = ["alt_text", "caption", "credit"]
