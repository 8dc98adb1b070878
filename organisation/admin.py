from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from organisation import permissions
from organisation.admin_base import (
    HTTPS_URL_FIELDS,
    PUBLISHING_FIELDSET,
    RECORD_FIELDSET,
    EditingAdmin,
    PublishingAdminMixin,
    TranslatableAdmin,
    VersionCheckedForm,
)
from organisation.admin_filters import EditorialStateFilter
from organisation.dashboard import ATTENTION_LISTS, AttentionList
from organisation.models import (
    ApiToken,
    AuditEvent,
    Body,
    ChairTerm,
    ChangeNote,
    ContactMessage,
    Coordinator,
    Country,
    FactCheck,
    FactSource,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    OfficeHolder,
    Organisation,
    PendingVersion,
    Place,
    PlaceName,
    PolicyPage,
    PreviewLink,
    Relation,
)


@admin.register(Organisation)
class OrganisationAdmin(PublishingAdminMixin, TranslatableAdmin):
    list_display = ["name", "is_published", "status", "acronym", "updated_at"]
    list_filter = [EditorialStateFilter]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["secretariat_country", "secretariat_place"]
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
        (_("Secretariat"), {"fields": ["secretariat_place", "secretariat_country"]}),
        (
            _("Contact details"),
            {
                "fields": ["contact_address", "contact_telephone", "contact_email", "contact_hours"],
                "description": _("Shown on the Contact page; leave unknown details empty."),
            },
        ),
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


# Stacked, as the meeting's inlines: a row of dates and a note in three languages does not fit a
# tablet's width.
class MembershipInline(TranslationStackedInline):
    model = Membership
    form = VersionCheckedForm
    formset = MembershipFormSet
    fields = ["status", ("joined_on", "left_on"), "note", "version"]
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
    list_display = ["title", "is_published", "status", "adopted_on", "adopted_in", "updated_at"]
    list_filter = [EditorialStateFilter]
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


class CoordinatorInline(admin.StackedInline):
    model = Coordinator
    form = VersionCheckedForm
    fields = [("country", "role"), ("since", "until"), "version"]
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


class RelationForm(VersionCheckedForm):
    """The title's help text names the title that an empty one stands for, once the country is known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relation = self.instance
        organisation = Organisation.objects.profile() if relation.country_id else None
        for code, _name in settings.LANGUAGES:
            field = self.fields.get(f"title_{code}")
            if field is None:
                continue
            if code != settings.LANGUAGE_CODE:
                # An empty translation shows the title of the source language.
                field.help_text = _("The heading in this language. Leave empty to show the English one.")
            elif organisation is not None:
                field.help_text = _("The page's heading. Leave empty for “%(title)s”.") % {
                    "title": relation.default_title(organisation)
                }


@admin.register(Relation)
class RelationAdmin(PublishingAdminMixin, TranslatableAdmin):
    form = RelationForm
    list_display = ["__str__", "is_published", "status", "country", "updated_at"]
    list_filter = [EditorialStateFilter]
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
    list_display = ["title", "is_published", "status", "in_footer", "order", "updated_at"]
    list_filter = [EditorialStateFilter, "in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        PUBLISHING_FIELDSET,
        (_("Display"), {"classes": ["collapse"], "fields": ["in_footer", "order"]}),
        RECORD_FIELDSET,
    ]


class ReviewRecordAdmin(admin.ModelAdmin):
    """The review's records, read-only: each lists what concerns the kinds of content the viewer
    may see, and links to the item."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def visible_content_types(self, request):
        return [
            content_type.pk
            for content_type in ContentType.objects.filter(app_label__in=["organisation", "events"])
            if content_type.model_class() is not None
            and permissions.can_view(request.user, content_type.model_class())
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(content_type__in=self.visible_content_types(request))
            .select_related("content_type")
        )


@admin.register(AuditEvent)
class AuditEventAdmin(ReviewRecordAdmin):
    """The audit trail: who submitted, sent back, approved, published, scheduled, unpublished,
    restored, deleted or recovered what, when, with which message."""

    list_display = ["time", "item", "kind", "action", "user", "message"]
    list_filter = ["action", "content_type", "user"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "message"]
    date_hierarchy = "time"

    @admin.display(description=_("item"), ordering="object_repr")
    def item(self, event):
        model = event.content_type.model_class()
        if model is None or not model._base_manager.filter(pk=event.object_id).exists():
            return event.object_repr
        url = reverse(admin_urlname(model._meta, "change"), args=[quote(event.object_id)])
        return format_html('<a href="{}">{}</a>', url, event.object_repr)

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, event):
        model = event.content_type.model_class()
        return model._meta.verbose_name if model is not None else event.content_type.model


@admin.register(PendingVersion)
class PendingVersionAdmin(ReviewRecordAdmin):
    """Every pending version and where its review stands; each opens on its review page."""

    list_display = ["item", "kind", "state", "updated_by", "updated_at", "submitted_at", "publish_at"]
    list_filter = ["state", "content_type"]
    list_select_related = ["updated_by", "content_type"]
    search_fields = ["object_repr", "message", "comment"]
    fields = []

    def has_view_permission(self, request, obj=None):
        return bool(self.visible_content_types(request))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def visible_content_types(self, request):
        # Pending versions are worked on by those who may change their kind of content.
        return [
            content_type.pk
            for content_type in ContentType.objects.filter(app_label__in=["organisation", "events"])
            if content_type.model_class() is not None
            and permissions.can_change(request.user, content_type.model_class())
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pending = self.get_object(request, unquote(object_id))
        if pending is None:
            raise Http404
        model = pending.content_type.model_class()
        return redirect(reverse(admin_urlname(model._meta, "pending"), args=[quote(pending.object_id)]))

    @admin.display(description=_("item"), ordering="object_repr")
    def item(self, pending):
        model = pending.content_type.model_class()
        url = reverse(admin_urlname(model._meta, "pending"), args=[quote(pending.object_id)])
        return format_html('<a href="{}">{}</a>', url, pending.object_repr)

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, pending):
        return pending.content_type.model_class()._meta.verbose_name


@admin.register(ChangeNote)
class ChangeNoteAdmin(TranslationAdmin):
    """Every public change note, to read: each is written on its item's page, in the “Public change
    notes”, where it is part of the item's version (a note on a published page waits for review
    with the rest of the change)."""

    list_display = ["note", "date", "content_type", "item"]
    list_filter = ["content_type"]
    search_fields = ["note"]
    fields = ["note", "date", "item"]
    readonly_fields = ["item"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
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


class ApiTokenForm(forms.ModelForm):
    days = forms.TypedChoiceField(
        label=_("works for"),
        coerce=int,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("a year"))],
        initial=90,
        help_text=_("After that the client must be given a new token."),
    )

    class Meta:
        model = ApiToken
        fields = ["name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: each staff member makes and revokes their own; Publishers may revoke anyone's.

    A token is shown once, on the page that follows its creation, and never again: only its hash
    is stored (organisation.models.tokens)."""

    form = ApiTokenForm
    list_display = ["name", "user", "created", "expiry"]
    search_fields = ["name", "user__username"]
    list_select_related = ["user"]

    def may_revoke_any(self, request):
        return permissions.has(request.user, ApiToken, "revoke")

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if self.may_revoke_any(request) else tokens.filter(user=request.user)

    def get_list_filter(self, request):
        return ["user"] if self.may_revoke_any(request) else []

    def get_fields(self, request, obj=None):
        return ["name", "days"] if obj is None else ["name", "user", "created", "expiry"]

    def has_change_permission(self, request, obj=None):
        return False  # A token is made, used and revoked; never edited.

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.user_id == request.user.pk or self.may_revoke_any(request))

    def save_model(self, request, obj, form, change):
        expiry = timezone.timedelta(days=form.cleaned_data["days"])
        token, request.new_api_token = ApiToken.objects.create(request.user, expiry=expiry, name=obj.name)
        obj.__dict__.update(token.__dict__)

    def response_add(self, request, obj, post_url_continue=None):
        # The one time the token is shown: on this page only, never stored, never cached.
        response = TemplateResponse(
            request,
            "admin/api_token_created.html",
            {
                **self.admin_site.each_context(request),
                "title": _("API token made"),
                "opts": self.opts,
                "token": obj,
                "secret": request.new_api_token,
                "changelist_url": reverse(admin_urlname(self.opts, "changelist")),
            },
        )
        add_never_cache_headers(response)
        return response


class PlaceNameInline(TranslationStackedInline):
    model = PlaceName
    fields = ["name", "used_from", "used_until"]
    extra = 0


@admin.register(Place)
class PlaceAdmin(EditingAdmin):
    """A city and its names over time: pages show the name in use today."""

    list_display = ["__str__", "slug", "country"]
    search_fields = ["slug", "names__name"]
    autocomplete_fields = ["country"]
    fields = ["slug", "country"]
    inlines = [PlaceNameInline]


class EditedOnItsItemAdmin(TranslationAdmin):
    """Rows that are part of another item's version (a place's names, a fact check's sources), to
    read; each is added, changed and deleted on its item's page.

    There the rows are part of the item's version: its review (an Editor's change waits for a
    Publisher), its check against lost edits and its history (organisation.apps follows them). A row
    has no version of its own (not Versioned): an EditingAdmin here could not make its form, and a
    change made here would bypass all three."""

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlaceName)
class PlaceNameAdmin(EditedOnItsItemAdmin):
    """Every name of every place; each is edited on its place's page."""

    list_display = ["name", "place", "used_from", "used_until"]
    list_select_related = ["place"]
    search_fields = ["name"]
    fields = ["place", "name", "used_from", "used_until"]


TERM_FIELDSET = (
    _("Term"),
    {
        "fields": [("start", "start_precision"), ("end", "end_precision"), "end_is_planned"],
        "description": _(
            "A date known only to the month or the year is shown that way: enter any day in it "
            "and say how precisely it is known."
        ),
    },
)


@admin.register(ChairTerm)
class ChairTermAdmin(TranslatableAdmin):
    list_display = ["country", "period_display", "start_meeting", "end_meeting"]
    list_select_related = ["country", "start_meeting", "end_meeting"]
    search_fields = ["country__name", "note"]
    autocomplete_fields = ["country", "start_meeting", "end_meeting"]
    fieldsets = [
        (None, {"fields": ["country", "note"]}),
        TERM_FIELDSET,
        (_("How it changed hands"), {"fields": ["decided_on", "decided_by", "start_meeting", "end_meeting"]}),
    ]

    @admin.display(description=_("term"), ordering="start")
    def period_display(self, term):
        return term.period_display()


@admin.register(OfficeHolder)
class OfficeHolderAdmin(TranslatableAdmin):
    list_display = ["person", "office", "country", "period_display"]
    list_filter = ["office"]
    search_fields = ["person", "office"]
    autocomplete_fields = ["country"]
    fieldsets = [(None, {"fields": ["office", "person", "country", "note"]}), TERM_FIELDSET]

    @admin.display(description=_("term"), ordering="start")
    def period_display(self, holder):
        return holder.period_display()


class FactSourceInline(TranslationStackedInline):
    model = FactSource
    fields = ["title", "url", "published_on", "order"]
    # The panel shows the check with its sources: a check without any is not shown.
    min_num = 1
    validate_min = True
    extra = 0


@admin.register(FactCheck)
class FactCheckAdmin(EditingAdmin):
    """When each facts panel was last checked, against which sources; past its review-by date it is
    listed on the admin's front page."""

    list_display = ["__str__", "checked_on", "review_by"]
    list_filter = ["panel"]
    list_select_related = ["relation__country"]
    autocomplete_fields = ["relation"]
    fields = ["panel", "relation", "checked_on", "review_by"]
    inlines = [FactSourceInline]


@admin.register(FactSource)
class FactSourceAdmin(EditedOnItsItemAdmin):
    """Every source of every fact check; each is edited on its check's page."""

    list_display = ["title", "fact_check", "published_on"]
    list_select_related = ["fact_check"]
    search_fields = ["title"]
    fields = ["fact_check", "title", "url", "published_on", "order"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages from the contact form: read, assign, close. Nobody adds one here; the form does."""

    list_display = ["subject", "name", "email", "received_at", "status", "assigned_to"]
    list_filter = ["status", "assigned_to"]
    list_select_related = ["assigned_to"]
    search_fields = ["subject", "name", "email", "message"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "name",
        "email",
        "subject",
        "message",
        "document",
        "language",
        "received_at",
        "closed_at",
    ]
    fieldsets = [
        (None, {"fields": ["subject", "name", "email", "received_at", "language", "document", "message"]}),
        (_("Handling"), {"fields": ["status", "assigned_to", "staff_note", "closed_at"]}),
    ]
    actions = ["close_selected"]

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=_("Close the selected messages"), permissions=["change"])
    def close_selected(self, request, queryset):
        count = queryset.open().update(status=ContactMessage.Status.CLOSED, closed_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d message closed.", "%(count)d messages closed.", count) % {"count": count},
        )


ATTENTION_LISTS.append(
    AttentionList(
        _("Facts past their review-by date"),
        FactCheck,
        lambda model: model.objects.review_due().order_by("review_by"),
        "review_by",
    )
)
ATTENTION_LISTS.append(
    AttentionList(
        _("New contact messages"),
        ContactMessage,
        lambda model: model.objects.filter(status=ContactMessage.Status.NEW).order_by("received_at"),
        "received_at",
    )
)
