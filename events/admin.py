from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from timezone_field import TimeZoneField

from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto
from organisation.admin_base import (
    HTTPS_URL_FIELDS,
    PUBLISHING_FIELDSET,
    RECORD_FIELDSET,
    PublishingAdminMixin,
    TranslatableAdmin,
)
from organisation.admin_filters import EditorialStateFilter
from organisation.dashboard import ATTENTION_LISTS, AttentionList


class TimeZoneInput(forms.TextInput):
    """A time zone typed by name, the names suggested as one types (a <datalist>: no script needed).

    The form field checks what is typed against the zones it knows, as a list of choices would."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.choices = []

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        # Each zone's label is its offset from GMT now and its name ("GMT+04:00 Asia/Baku"):
        # the offset alone beside the name.
        options = format_html_join(
            "",
            '<option value="{}">{}</option>',
            ((str(zone), label.split(" ", 1)[0]) for zone, label in self.choices if zone),
        )
        return field + format_html('<datalist id="{}">{}</datalist>', list_id, options)


# Documents, photos and announced changes have too many fields, and text in each language, for a
# row of a table: each is a block of its own, its text in the same language tabs as the meeting's.
class MeetingChangeInline(TranslationStackedInline):
    model = MeetingChange
    fields = [
        "changed_at",
        "previous_status",
        ("previous_start_date", "previous_end_date"),
        ("previous_start_time", "previous_end_time"),
        "previous_format",
        "previous_city",
        "previous_host_country",
        "note",
    ]
    autocomplete_fields = ["previous_host_country"]
    extra = 0


class MeetingDocumentInline(TranslationStackedInline):
    model = MeetingDocument
    fields = ["title", "symbol", "kind", "date", "file", "url", "order"]
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0


class MeetingPhotoFormSet(BaseInlineFormSet):
    """The photos edited on their meeting's page. Each row is checked against the meeting as the
    form would save it (MeetingPhoto.clean: described, if the meeting is published), so the
    meeting's own check of its stored photos steps aside (Meeting.clean)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.photos_checked_by_form = True


class MeetingPhotoInline(TranslationStackedInline):
    model = MeetingPhoto
    formset = MeetingPhotoFormSet
    fields = ["preview", "image", "alt_text", "decorative", "caption", "credit", "order"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, photo):
        if not photo.renditions:
            return None
        smallest = photo.renditions[0]
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}">',
            photo.image.storage.url(smallest["jpeg"]),
            80,
            max(1, round(80 * smallest["height"] / smallest["width"])),
        )


@admin.register(Meeting)
class MeetingAdmin(PublishingAdminMixin, TranslatableAdmin):
    # What staff look for first: which meeting, whether the public sees it, and when it is.
    list_display = [
        "title",
        "is_published",
        "status",
        "meeting_status",
        "start_date",
        "kind",
        "city",
        "host_country",
        "updated_at",
    ]
    list_filter = [EditorialStateFilter, "meeting_status", "kind", "format", "body"]
    list_select_related = ["host_country"]
    search_fields = ["title", "city", "theme", "host_country__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["body", "host_country", "organising_country", "measure"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "body", "meeting_status"]}),
        (
            _("When"),
            {
                "fields": ["start_date", "end_date", "start_time", "end_time", "time_zone"],
                "description": _(
                    "Times are local to the time zone. Once the meeting is published, a change of "
                    "dates, times, format or place is kept below as an announced change, so the "
                    "public sees what was announced before."
                ),
            },
        ),
        (_("Where"), {"fields": ["format", "city", "host_country"]}),
        (_("Content"), {"fields": ["theme", "summary", "description"]}),
        PUBLISHING_FIELDSET,
        (
            _("More details"),
            {"classes": ["collapse"], "fields": ["ordinal", "organising_country", "measure"]},
        ),
        RECORD_FIELDSET,
    ]
    inlines = [MeetingDocumentInline, MeetingPhotoInline, MeetingChangeInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Not formfield_overrides: Django gives a field with choices its select before looking there.
        if isinstance(db_field, TimeZoneField):
            kwargs["widget"] = TimeZoneInput
            kwargs["error_messages"] = {
                "invalid_choice": _("“%(value)s” is not a time zone: choose one of the names suggested.")
            }
        return super().formfield_for_dbfield(db_field, request, **kwargs)


ATTENTION_LISTS.append(
    AttentionList(
        _("Meetings past but still planned or confirmed"),
        Meeting,
        lambda model: model.objects.status_overdue().order_by("-end_date"),
        "end_date",
    )
)
