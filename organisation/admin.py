import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    Organisation,
    PolicyPage,
    Publishable,
    Relation,
)

admin.site.site_header = _("Website administration")
admin.site.site_title = _("Website administration")
admin.site.index_title = _("Content and registry")

# Links typed without a scheme are secure ones (Django 6's default; 5.2 warns and assumes http).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": ["status", "publish_at"],
        "description": _(
            "Publishers set the status and the publication time. What others add starts as a draft."
        ),
    },
)
RECORD_FIELDSET = (_("Record"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]})


class PublishingAdminMixin:
    """Admin for a Publishable model: only users with its `publish_<model>` permission publish.

    Without the permission the status and the publication time are read-only, so what such a
    user adds stays a draft, and the publishing actions are not offered.
    """

    actions = ["publish_selected", "unpublish_selected"]

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "created_at", "updated_at"]
        if not self.has_publish_permission(request):
            # The publication time is read-only too: moving a scheduled item's time to now
            # would publish it.
            fields += ["status", "publish_at"]
        return fields

    @admin.action(permissions=["publish"], description=_("Publish selected %(verbose_name_plural)s"))
    def publish_selected(self, request, queryset):
        changed = self._set_status(request, queryset, Publishable.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d %(items)s published.", "%(count)d %(items)s published.", len(changed))
            % {"count": len(changed), "items": model_ngettext(self.opts, len(changed))},
        )
        scheduled = [obj for obj in changed if obj.is_scheduled()]
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them has a publication time in the future: it appears then.",
                    "%(count)d of them have a publication time in the future: they appear then.",
                    len(scheduled),
                )
                % {"count": len(scheduled)},
                messages.WARNING,
            )

    @admin.action(
        permissions=["publish"], description=_("Unpublish selected %(verbose_name_plural)s (back to draft)")
    )
    def unpublish_selected(self, request, queryset):
        changed = self._set_status(request, queryset, Publishable.Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d %(items)s set back to draft.",
                "%(count)d %(items)s set back to draft.",
                len(changed),
            )
            % {"count": len(changed), "items": model_ngettext(self.opts, len(changed))},
        )

    def _set_status(self, request, queryset, status):
        """Give the selected objects `status`, logging each as a form save would; return those changed."""
        changed = list(queryset.exclude(status=status))
        label = str(capfirst(self.opts.get_field("status").verbose_name))
        for obj in changed:
            obj.status = status
            obj.save(update_fields=["status", "updated_at"])
            self.log_change(request, obj, [{"changed": {"fields": [label]}}])
        return changed


@admin.register(Organisation)
class OrganisationAdmin(PublishingAdminMixin, admin.ModelAdmin):
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


def _period(membership):
    """A membership's period as comparable dates; an unknown end is open on that side."""
    return membership.joined_on or datetime.date.min, membership.left_on or datetime.date.max


class MembershipFormSet(forms.BaseInlineFormSet):
    """Refuses periods of one country that overlap each other within one submission.

    Membership.clean() compares each row with the stored periods only, and the rows of an inline
    are validated one by one: two new overlapping rows would each pass.
    """

    def clean(self):
        super().clean()
        kept = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self._should_delete_form(form) or form.errors:
                continue
            start, end = _period(form.instance)
            for other in kept:
                other_start, other_end = _period(other.instance)
                if start < other_end and other_start < end:
                    form.add_error(
                        None,
                        ValidationError(
                            _(
                                "This period overlaps another entry for %(country)s (%(other)s). "
                                "Give the earlier one a leaving date first."
                            )
                            % {"country": self.instance, "other": other.instance.get_status_display()}
                        ),
                    )
                    break
            else:
                kept.append(form)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = ["status", "joined_on", "left_on", "note"]
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
class CountryAdmin(admin.ModelAdmin):
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
class MembershipAdmin(admin.ModelAdmin):
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
class BodyAdmin(admin.ModelAdmin):
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
class FoundingDocumentAdmin(PublishingAdminMixin, admin.ModelAdmin):
    list_display = ["title", "adopted_on", "adopted_in", "is_published", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "adopted_in"]
    date_hierarchy = "adopted_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["adopted_at"]
    formfield_overrides = HTTPS_URL_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "slug", "adopted_on", "adopted_in", "adopted_at", "summary"]}),
        (
            _("Text"),
            {"fields": ["file", "url"], "description": _("Upload the PDF, give a link to it, or both.")},
        ),
        PUBLISHING_FIELDSET,
        (_("Display"), {"classes": ["collapse"], "fields": ["order"]}),
        RECORD_FIELDSET,
    ]


@admin.register(MeasureArea)
class MeasureAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "order"]


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    fields = ["country", "role", "since", "until"]
    autocomplete_fields = ["country"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
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
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["country", "role", "measure", "since", "until"]
    list_filter = ["role", "measure"]
    list_select_related = ["country", "measure"]
    search_fields = ["country__name", "measure__name"]
    autocomplete_fields = ["measure", "country"]
    fields = ["measure", "country", "role", "since", "until"]


@admin.register(Relation)
class RelationAdmin(PublishingAdminMixin, admin.ModelAdmin):
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
class PolicyPageAdmin(PublishingAdminMixin, admin.ModelAdmin):
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
