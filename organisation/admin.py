from django import forms
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from organisation.admin_base import (
    HTTPS_URL_FIELDS,
    PUBLISHING_FIELDSET,
    RECORD_FIELDSET,
    EditingAdmin,
    PublishingAdminMixin,
    TranslatableAdmin,
    VersionCheckedForm,
)
from organisation.models import (
    Body,
    ChangeNote,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    Organisation,
    PolicyPage,
    PreviewLink,
    Relation,
)

admin.site.site_header = _("Website administration")
admin.site.site_title = _("Website administration")
admin.site.index_title = _("Content and registry")


@admin.register(Organisation)
class OrganisationAdmin(PublishingAdminMixin, TranslatableAdmin):
    list_display = ["name", "acronym", "is_published", "status", "updated_at"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["secretariat_country"]
    formfield_overrides = HTTPS_URL_FIELDS
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "acronym", "slug", "purpose", "history"],
                "description": _("The site presents one organisation: this is its profile."),
            },
        ),
        (_("Initiative"), {"fields": ["initiative_date", "initiative_by", "initiative_event"]}),
        (_("Secretariat"), {"fields": ["secretariat_city", "secretariat_country"]}),
        PUBLISHING_FIELDSET,
        (_("Logo and website"), {"classes": ["collapse"], "fields": ["logo", "website"]}),
        RECORD_FIELDSET,
    ]


class MembershipFormSet(forms.BaseInlineFormSet):
    """Refuses periods of one country that overlap each other within one submission.

    Membership.clean() compares each row with the stored periods only, and the rows of an inline
    are validated one by one: two new overlapping rows would each pass. The rule is the model's
    (Membership.overlap_error), applied here between the rows.
    """

    def clean(self):
        super().clean()
        kept = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self._should_delete_form(form) or form.errors:
                continue
            error = next(filter(None, (form.instance.overlap_error(other.instance) for other in kept)), None)
            if error:
                form.add_error(None, error)
            else:
                kept.append(form)


class MembershipInline(TranslationTabularInline):
    model = Membership
    form = VersionCheckedForm
    formset = MembershipFormSet
    fields = ["status", "joined_on", "left_on", "note", "version"]
    extra = 0

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # Observer organisations are not countries: they are entered in the registry itself.
            kwargs["choices"] = [
                choice
                for choice in db_field.get_choices(include_blank=True)
                if choice[0] != Membership.Status.OBSERVER_ORGANISATION
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class StatusTodayFilter(admin.SimpleListFilter):
    title = _("status today")
    parameter_name = "status_today"

    def lookups(self, request, model_admin):
        return [
            (Membership.Status.MEMBER, Membership.Status.MEMBER.label),
            (Membership.Status.OBSERVER_STATE, Membership.Status.OBSERVER_STATE.label),
            ("none", _("Neither")),
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        current = Membership.objects.as_of().filter(country__isnull=False).values("country_id")
        if self.value() == "none":
            return queryset.exclude(pk__in=current)
        return queryset.filter(pk__in=current.filter(status=self.value()))


@admin.register(Country)
class CountryAdmin(TranslatableAdmin):
    list_display = ["name", "code", "status_today"]
    list_filter = [StatusTodayFilter]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "code", "slug", "flag"]}),
    ]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.as_of(), to_attr="memberships_today")
            )
        )

    @admin.display(description=_("status today"))
    def status_today(self, country):
        return ", ".join(m.get_status_display() for m in country.memberships_today) or None


@admin.register(Membership)
class MembershipAdmin(EditingAdmin, TranslationAdmin):
    list_display = ["participant", "status", "joined_on", "left_on", "note"]
    list_filter = ["status"]
    list_select_related = ["country"]
    search_fields = ["country__name", "organisation_name", "note"]
    autocomplete_fields = ["country"]
    fields = ["status", "country", "organisation_name", "joined_on", "left_on", "note"]

    @admin.display(description=_("participant"), ordering="country__name")
    def participant(self, membership):
        return membership.participant_name


@admin.register(Body)
class BodyAdmin(TranslatableAdmin):
    list_display = ["name", "short_name", "frequency", "order"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "role", "description"]}),
        (
            _("How often it meets"),
            {
                "fields": ["meets_every_months", "meets_at_least", "frequency_note"],
                "description": _("Shown in words, for example “every 4 years”."),
            },
        ),
        (_("Display"), {"classes": ["collapse"], "fields": ["order"]}),
    ]


@admin.register(FoundingDocument)
class FoundingDocumentAdmin(PublishingAdminMixin, TranslatableAdmin):
    preview_links = False  # It has no page of its own: staff see a draft on the About page.
    list_display = ["title", "adopted_on", "adopted_in", "is_published", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "symbol", "summary", "adopted_in"]
    date_hierarchy = "adopted_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["adopted_at"]
    formfield_overrides = HTTPS_URL_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "symbol", "slug", "adopted_on", "adopted_in", "adopted_at", "summary"]}),
        (
            _("Text"),
            {"fields": ["file", "url"], "description": _("Upload the PDF, give a link to it, or both.")},
        ),
        PUBLISHING_FIELDSET,
        (_("Display"), {"classes": ["collapse"], "fields": ["order"]}),
        RECORD_FIELDSET,
    ]


@admin.register(MeasureArea)
class MeasureAreaAdmin(TranslatableAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "order"]


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    form = VersionCheckedForm
    fields = ["country", "role", "since", "until", "version"]
    autocomplete_fields = ["country"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(TranslatableAdmin):
    list_display = ["name", "area", "order"]
    list_filter = ["area"]
    list_select_related = ["area"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "area", "description"]}),
        (_("Display"), {"classes": ["collapse"], "fields": ["order"]}),
    ]
    inlines = [CoordinatorInline]


@admin.register(Coordinator)
class CoordinatorAdmin(EditingAdmin):
    list_display = ["country", "role", "measure", "since", "until"]
    list_filter = ["role", "measure"]
    list_select_related = ["country", "measure"]
    search_fields = ["country__name", "measure__name"]
    autocomplete_fields = ["measure", "country"]
    fields = ["measure", "country", "role", "since", "until"]


@admin.register(Relation)
class RelationAdmin(PublishingAdminMixin, TranslatableAdmin):
    list_display = ["__str__", "country", "is_published", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["country"]
    search_fields = ["title", "country__name", "lead"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["country", "title", "slug"]}),
        (
            _("Text"),
            {
                "fields": ["lead", "body"],
                "description": _(
                    "Membership periods, coordinator roles and meetings appear on the page by "
                    "themselves, from the registry and the meeting table."
                ),
            },
        ),
        PUBLISHING_FIELDSET,
        RECORD_FIELDSET,
    ]


@admin.register(PolicyPage)
class PolicyPageAdmin(PublishingAdminMixin, TranslatableAdmin):
    list_display = ["title", "in_footer", "order", "is_published", "status", "updated_at"]
    list_filter = ["status", "in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        PUBLISHING_FIELDSET,
        (_("Display"), {"classes": ["collapse"], "fields": ["in_footer", "order"]}),
        RECORD_FIELDSET,
    ]


@admin.register(ChangeNote)
class ChangeNoteAdmin(TranslationAdmin):
    """Every public change note; each is written on its item's page, in the “Public change notes”."""

    list_display = ["note", "date", "content_type", "item"]
    list_filter = ["content_type"]
    search_fields = ["note"]
    fields = ["note", "date", "item"]
    readonly_fields = ["item"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("item"))
    def item(self, note):
        if note.content_object is None:
            return "–"
        url = reverse(admin_urlname(note.content_object._meta, "change"), args=[quote(note.object_id)])
        return format_html('<a href="{}">{}</a>', url, note.content_object)


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every preview link, to revoke those that should stop working; each item's page makes them."""

    list_display = ["__str__", "created_by", "created_at", "expires_at", "revoked_at", "is_active"]
    list_filter = ["content_type", "revoked_at", "expires_at"]
    list_select_related = ["created_by", "content_type"]
    fields = ["content_type", "object_id", "created_by", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(permissions=["change"], description=_("Revoke selected preview links"))
    def revoke_selected(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d preview link revoked.", "%(count)d preview links revoked.", count)
            % {"count": count},
        )
