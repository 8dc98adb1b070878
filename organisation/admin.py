import datetime

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

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
    Translatable,
    translated_field_names,
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


class TranslatableAdmin(TranslationAdmin):
    """Admin for content with text per language: one field per language, English required.

    The change list and the change form say which translations exist and which are out of date.
    """

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translations"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translations"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            *fieldsets,
            (
                _("Translations"),
                {
                    "fields": ["translations"],
                    "description": _(
                        "A translation is out of date when the English text changed after it. "
                        "Saving a changed translation marks it up to date."
                    ),
                },
            ),
        ]

    @admin.display(description=_("translations"))
    def translations(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return "; ".join(
            f"{code}: {obj.translation_status(code).label}"
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        )


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


class MembershipInline(TranslationTabularInline):
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
class MembershipAdmin(TranslationAdmin):
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
class MeasureAreaAdmin(TranslatableAdmin):
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
class CoordinatorAdmin(admin.ModelAdmin):
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


def translation_overview(request):
    """For each public item: which translations exist, and which are older than the English text.

    Staff see the items of the models they may view, and mark a translation as reviewed where
    they may change the item.
    """
    languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    models_shown = [
        model
        for model in apps.get_models()
        if issubclass(model, Translatable) and request.user.has_perm(_permission(model, "view"))
    ]

    if request.method == "POST":
        label, pk, language = (request.POST.get(key, "") for key in ("model", "pk", "language"))
        model = next((m for m in models_shown if m._meta.label_lower == label), None)
        if model is None or not request.user.has_perm(_permission(model, "change")):
            raise PermissionDenied
        if language not in dict(languages):
            return HttpResponseBadRequest(_("Unknown language."))
        obj = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
        if obj is None:
            messages.error(request, _("That item no longer exists."))
        else:
            obj.set_translation_review(language, False)
            messages.success(
                request, _("The translation of “%(item)s” is marked as reviewed.") % {"item": obj}
            )
        return redirect(request.get_full_path())

    wanted = request.GET.get("status", "")
    rows = []
    for model in models_shown:
        fields = [
            f"{name}_{code}" for name in translated_field_names(model) for code, _n in settings.LANGUAGES
        ]
        can_change = request.user.has_perm(_permission(model, "change"))
        for obj in model._default_manager.only("pk", "text_changed_at", "translation_state", *fields):
            cells = [(code, obj.translation_status(code)) for code, _name in languages]
            if wanted and wanted not in (status for _code, status in cells):
                continue
            rows.append(
                {
                    "kind": capfirst(model._meta.verbose_name),
                    "label": model._meta.label_lower,
                    "object": obj,
                    "change_url": reverse(admin_urlname(model._meta, "change"), args=[obj.pk]),
                    "can_change": can_change,
                    "cells": cells,
                }
            )
    context = {
        **admin.site.each_context(request),
        "title": _("Translations"),
        "languages": languages,
        "statuses": Translatable.TranslationStatus.choices,
        "wanted": wanted,
        "page": Paginator(rows, 100).get_page(request.GET.get("page")),
    }
    return TemplateResponse(request, "admin/translation_overview.html", context)


def _permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"
