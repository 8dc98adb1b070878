from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto
from organisation.admin_base import (
    HTTPS_URL_FIELDS,
    PUBLISHING_FIELDSET,
    RECORD_FIELDSET,
    PublishingAdminMixin,
    TranslatableAdmin,
)
from organisation.dashboard import ATTENTION_LISTS, AttentionList


class MeetingChangeInline(TranslationTabularInline):
    model = MeetingChange
    fields = [
        "changed_at",
        "previous_status",
        "previous_start_date",
        "previous_end_date",
        "previous_start_time",
        "previous_end_time",
        "previous_format",
        "previous_city",
        "previous_host_country",
        "note",
    ]
    autocomplete_fields = ["previous_host_country"]
    extra = 0


class MeetingDocumentInline(TranslationTabularInline):
    model = MeetingDocument
    fields = ["title", "kind", "date", "file", "url", "order"]
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0


class MeetingPhotoInline(TranslationTabularInline):
    model = MeetingPhoto
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
    list_display = [
        "title",
        "start_date",
        "kind",
        "city",
        "host_country",
        "meeting_status",
        "is_published",
        "status",
        "updated_at",
    ]
    list_filter = ["status", "meeting_status", "kind", "format", "body"]
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

    def publishing_problems(self, meeting):
        missing = [photo for photo in meeting.photos.all() if photo.needs_alt_text()]
        if not missing:
            return []
        return [
            ngettext(
                "%(count)d photo has no description: describe it, or tick “decorative”, before publishing.",
                "%(count)d photos have no description: describe them, or tick “decorative”, "
                "before publishing.",
                len(missing),
            )
            % {"count": len(missing)}
        ]

    def save_model(self, request, obj, form, change):
        # The form has already copied the new values onto obj: the stored row still has the old.
        previous = Meeting.objects.get(pk=obj.pk) if obj.pk else None
        super().save_model(request, obj, form, change)
        announced_change = obj.change_from(previous)
        if announced_change:
            announced_change.save()


ATTENTION_LISTS.append(
    AttentionList(
        _("Meetings past but still planned or confirmed"),
        Meeting,
        lambda model: model.objects.status_overdue().order_by("-end_date"),
        "end_date",
    )
)
