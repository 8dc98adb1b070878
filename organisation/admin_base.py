"""The base classes of every content admin: history and no lost edits (EditingAdmin), text per
language (TranslatableAdmin), publishing by Publishers only, preview links and change notes
(PublishingAdminMixin). organisation/admin.py and events/admin.py register the models with them.
"""

import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext, quote, unquote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationGenericTabularInline
from reversion.admin import VersionAdmin
from reversion.models import Version

from organisation import history, permissions, review
from organisation.models import (
    AuditEvent,
    ChangeNote,
    PendingVersion,
    PreviewLink,
    Publishable,
    Translatable,
    VersionConflict,
)

# Links typed without a scheme are secure ones (Django 6's default; 5.2 warns and assumes http).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": ["status", "publish_at", "review_by"],
        "description": _(
            "Publishers set the status and the publication time. What others add starts as a draft."
        ),
    },
)
RECORD_FIELDSET = (_("Record"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]})
VERSION_FIELDSET = (None, {"fields": ["version"], "classes": ["hidden"]})
# The change list's hidden "<id>:<version>" of each row, which its actions check.
SELECTED_VERSION = "_selected_version"


class VersionCheckedForm(forms.ModelForm):
    """Refuses the save of an object that someone else saved after this form was opened.

    The form carries the object's version as it was when the page was made; if the stored one
    has moved on since, the save is refused with a message saying who changed it and when, and
    the form comes back with everything that was typed. The save itself checks again, atomically
    (organisation.models.Versioned), for the two that pass this check at the same moment.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields and self.instance.pk is None:
            # A new object's form has no initial data from the model: start it at the default.
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        posted = cleaned_data.get("version")
        if posted is None:
            cleaned_data.pop("version", None)  # Not sent: the object keeps the version it has.
        elif self.instance.pk is not None:
            stored = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is not None and stored != posted:
                raise ValidationError(history.conflict_message(self.instance), code="edit_conflict")
        return cleaned_data


class VersionCheckedListForm(VersionCheckedForm):
    """A row of a change list with editable columns, checked like the change form.

    Only a row whose values changed is saved, and checked: a row someone else changed since the
    list was shown, left as it was, is neither (Django compares it with the stored values, so
    saving it would undo their change; it is a conflict only if it changed, and then it is one).
    The refusal is shown on the row's first changed column: Django shows no row's other errors.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list's form has only the editable columns' values from the model: the version too.
        self.initial["version"] = self.instance.version

    def has_changed(self):
        return any(name != "version" for name in self.changed_data)

    def clean(self):
        if not self.has_changed():
            return super(VersionCheckedForm, self).clean()
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            column = next(name for name in self.changed_data if name != "version")
            raise ValidationError({column: error.messages}) from error
        if cleaned_data.get("version") is not None:
            # Checked again by the save itself (Versioned), for two that pass this check at once.
            self.instance.version = cleaned_data["version"]
        return cleaned_data


class _IdWithVersion(forms.HiddenInput):
    """A change list row's hidden id, followed by the row's hidden version: Django's change list
    renders only the id of each row's form, and the version must travel with it."""

    def __init__(self, version):
        super().__init__()
        self.version = version

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(super().render(name, value, attrs, renderer) + str(self.version))


class VersionCheckedListFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].widget = _IdWithVersion(form["version"])


def _rendered(response):
    """The response with its template rendered now: inside a sandbox, the rows it shows exist
    only until the savepoint is rolled back."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _has_page(obj):
    """Whether the object has a page of its own, to preview a pending version on."""
    return isinstance(obj, Publishable) and "#" not in obj.get_absolute_url()


class ReviewForm(forms.Form):
    """One step of a review: submit, publish (now or at a time), send back or discard."""

    ACTIONS = ["submit", "publish", "send-back", "discard"]

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the reviewer when submitting; for the editor when sending back."),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Leave empty to publish now. A time in the future schedules it."),
    )


class EditingAdmin(VersionAdmin):
    """History and no lost edits, for every model staff edit.

    Every save makes a revision (django-reversion): the history page lists them, compares any two
    field by field, and restores one with its inlines; deleted objects can be recovered. Each
    object changed from the change list or by an action gets a revision of its own, so restoring
    it never restores others. Every save is checked against the version the form was made from.
    """

    form = VersionCheckedForm
    object_history_template = "admin/revision_history.html"
    change_form_template = "admin/editing_change_form.html"
    history_latest_first = True

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, VERSION_FIELDSET]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except VersionConflict:
            # Someone saved between this form's check and its save. Its transaction and revision
            # are undone; made again, the form fails the check and says who changed what, when.
            return super().change_view(request, object_id, form_url, extra_context)

    # --- Review: edits of what the public sees wait for a Publisher (organisation.review) ----------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._reviewed(request, object_id, super().changeform_view, object_id, form_url, extra_context)

    def _edited_object(self, object_id):
        """The live object, a stand-in for an addition that exists only as a pending version, or a
        new object for the add form."""
        if object_id is None:
            return self.model()
        try:
            pk = self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return None
        return self.model._base_manager.filter(pk=pk).first() or self.model(pk=pk)

    def _reviewed(self, request, object_id, view, *args):
        """Run an admin view that may save the object (the change form, a revision's restore) as
        organisation.review says: a save that must wait for review becomes the pending version.
        Staff who open an object with a pending version see and edit that version."""
        obj = self._edited_object(object_id)
        if obj is None:
            return view(request, *args)
        pending = PendingVersion.objects.for_object(obj).first() if obj.pk is not None else None
        request.pending_version = pending
        if request.method != "POST":
            if pending is None:
                return view(request, *args)
            with pending.preview():
                return _rendered(view(request, *args))
        keep = "_keep_pending" in request.POST
        request.saving_pending = review.goes_pending(obj, request.user, keep)

        def save():
            response = _rendered(view(request, *args))
            saved = response.status_code in (301, 302) and getattr(request, "saved_object", None)
            return response, saved or None

        return review.edit(obj, request.user, save, keep_pending=keep)[0]

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "saving_pending", False) and level == messages.SUCCESS:
            # The edit was kept as the pending version: say so, not "changed successfully".
            message = _(
                "Saved as a pending version: the public site shows the published version until a "
                "Publisher publishes this one. Submit it for review when it is ready."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        pending = getattr(request, "pending_version", None)
        may_publish = permissions.can_publish(request.user, self.model)
        context.update(
            {
                "pending_version": pending,
                "pending_url": reverse(admin_urlname(self.opts, "pending"), args=[quote(pending.object_id)])
                if pending is not None
                else None,
                # A Publisher may keep a change to live content for review instead of publishing it.
                "can_keep_pending": may_publish and obj is not None and review.is_public(obj),
                "saves_pending": obj is not None and review.goes_pending(obj, request.user),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def pending_view(self, request, object_id):
        """A pending version against the live one, field by field and inline by inline, with the
        review's actions: submit it, publish it (now or at a time), send it back, or discard it."""
        obj = self._edited_object(object_id)
        pending = PendingVersion.objects.for_object(obj).first() if obj is not None else None
        if pending is None:
            raise Http404(_("This item has no pending version."))
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return self._review_action(request, pending, form)
        live = self.model._base_manager.filter(pk=pending.object_id).first()
        live_state = history.snapshot_state(PendingVersion.take_snapshot(live)) if live is not None else None
        pending_state = history.snapshot_state(pending.snapshot)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pending version of “%(name)s”") % {"name": pending.object_repr},
            "subtitle": None,
            "opts": self.opts,
            "object": live,
            "pending": pending,
            "changes": history.compare_states(self.model, live_state, pending_state),
            "form": form,
            "can_publish": permissions.can_publish(request.user, self.model),
            "change_url": reverse(admin_urlname(self.opts, "change"), args=[quote(pending.object_id)]),
            "preview_url": pending.get_absolute_url() + "?pending"
            if live is not None and _has_page(live)
            else None,
            "audit": AuditEvent.objects.filter(
                content_type=pending.content_type, object_id=pending.object_id
            ).select_related("user")[:20],
        }
        return TemplateResponse(request, "admin/pending_version.html", context)

    def _review_action(self, request, pending, form):
        action, user = form.cleaned_data["action"], request.user
        change_url = reverse(admin_urlname(self.opts, "change"), args=[quote(pending.object_id)])
        try:
            if action == "submit":
                review.submit(pending, user, form.cleaned_data["message"])
                messages.success(request, _("Submitted for review: the Publishers are told."))
            elif action == "publish":
                at = form.cleaned_data.get("publish_at")
                obj = review.publish(pending, user, at=at, message=form.cleaned_data["message"])
                if obj is None:
                    messages.success(
                        request,
                        _("Approved: it goes live on %(date)s.")
                        % {"date": formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")},
                    )
                else:
                    messages.success(request, _("Published: the public site shows this version now."))
            elif action == "send-back":
                review.send_back(pending, user, form.cleaned_data["message"])
                messages.success(request, _("Sent back, with your comment."))
            elif action == "discard":
                review.discard(pending, user)
                messages.success(request, _("The pending version is discarded: the live version stays."))
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        return redirect(change_url)

    def changelist_view(self, request, extra_context=None):
        # Not VersionAdmin's one revision for everything changed from the list: see save_model().
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        try:
            return super(VersionAdmin, self).changelist_view(request, context)
        except VersionConflict:
            # As in change_view: the list's save is undone; made again, the rows fail the check.
            return super(VersionAdmin, self).changelist_view(request, context)

    # --- No lost edits from the change list: its editable columns and its actions ---

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, **{"form": VersionCheckedListForm, **kwargs})

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, **{"formset": VersionCheckedListFormSet, **kwargs})

    def action_checkbox(self, obj):
        # Each row's version goes with the list, so that an action refuses what changed since.
        return format_html(
            '{}<input type="hidden" name="{}" value="{}:{}">',
            super().action_checkbox(obj),
            SELECTED_VERSION,
            obj.pk,
            obj.version,
        )

    def response_action(self, request, queryset):
        stale = self.stale_selection(request, queryset)
        if stale:
            for obj in stale:
                messages.error(request, history.conflict_message(obj, _("this list was shown")))
            messages.error(request, _("Nothing was done. Look at the list as it is now, and choose again."))
            return redirect(request.get_full_path())
        return super().response_action(request, queryset)

    def stale_selection(self, request, queryset):
        """The selected objects changed after the list that sent their versions was shown."""
        sent = {}
        for value in request.POST.getlist(SELECTED_VERSION):
            pk, _sep, version = value.rpartition(":")
            if version.isdigit():
                sent[pk] = int(version)
        if not sent:
            return []  # Not from the list (the confirmation page of a deletion): nothing to compare.
        if not request.POST.get("select_across"):
            queryset = queryset.filter(pk__in=request.POST.getlist(ACTION_CHECKBOX_NAME))
        return [obj for obj in queryset.filter(pk__in=sent) if sent[str(obj.pk)] != obj.version]

    def save_model(self, request, obj, form, change):
        # The model's own save for an edit (Versioned.save_edit), as the API's.
        request.saved_object = obj  # For the review of the edit (_reviewed).
        if reversion.is_active():
            obj.save_edit()
            return
        with history.revision(request.user, _("Changed from the list.")):
            obj.save_edit()

    def delete_model(self, request, obj):
        history.record_deletion([obj], request.user, _("Deleted."))
        AuditEvent.record(obj, AuditEvent.Action.DELETED, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One revision each, so that each can be recovered on its own.
        for obj in queryset:
            history.record_deletion([obj], request.user, _("Deleted."))
            AuditEvent.record(obj, AuditEvent.Action.DELETED, request.user)
        super().delete_queryset(request, queryset)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._restoring(
            request, object_id, super().revision_view, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        return self._restoring(request, None, super().recover_view, version_id, extra_context)

    def _restoring(self, request, object_id, view, *args):
        """Restore a revision (or recover a deleted object) as an edit: what would change what the
        public sees waits for review, as any edit does. The restored translations are marked to be
        reviewed: a revision's translation status is as old as its text."""
        version_id = args[1] if object_id is not None else args[0]
        version = get_object_or_404(Version.objects.select_related("revision"), pk=version_id)
        refusal = self.restore_refusal(request, version)
        if refusal:
            messages.error(request, refusal)
            return redirect(self._history_or_changelist(object_id))
        before = self.model._base_manager.filter(pk=version.object_id).first()

        def restore(request, *args):
            response = view(request, *args)
            if request.method == "POST" and response.status_code == 302:
                restored = self.model._base_manager.filter(pk=version.object_id).first()
                if isinstance(restored, Translatable):
                    restored.mark_restored(before)
            return response

        try:
            response = self._reviewed(request, version.object_id, restore, *args)
        except VersionConflict as conflict:
            messages.error(request, history.conflict_message(conflict.obj))
            return redirect(self._history_or_changelist(object_id))
        if request.method == "POST" and response.status_code == 302:
            history.restore_renditions(version.revision)
            action = AuditEvent.Action.RESTORED if before is not None else AuditEvent.Action.RECOVERED
            item = self.model._base_manager.filter(pk=version.object_id).first() or before
            if item is not None:
                AuditEvent.record(item, action, request.user, version.revision.get_comment())
        return response

    def restore_refusal(self, request, version):
        """Why `request.user` may not restore `version`, or "" (see PublishingAdminMixin)."""
        return ""

    def history_view(self, request, object_id, extra_context=None):
        # VersionAdmin's list, with each version's id for the compare form.
        versions = Version.objects.get_for_object_reference(self.model, unquote(object_id)).select_related(
            "revision__user"
        )
        action_list = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "url": reverse(
                    admin_urlname(self.opts, "revision"), args=[quote(version.object_id), version.pk]
                ),
            }
            for version in self._reversion_order_version_queryset(request, versions)
        ]
        audit = AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=unquote(object_id)
        ).select_related("user")
        context = {"action_list": action_list, "audit": audit, **(extra_context or {})}
        return super(VersionAdmin, self).history_view(request, object_id, context)

    def _history_or_changelist(self, object_id):
        if object_id is None:
            return reverse(admin_urlname(self.opts, "changelist"))
        return reverse(admin_urlname(self.opts, "history"), args=[quote(unquote(object_id))])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/pending/",
                self.admin_site.admin_view(self.pending_view),
                name="{}_{}_pending".format(*info),
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        """Two revisions of one object side by side: the fields that differ, and its inlines."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = Version.objects.get_for_object_reference(self.model, object_id).select_related(
            "revision__user"
        )
        chosen = sorted(
            versions.filter(pk__in=[v for v in request.GET.getlist("version") if v.isdigit()]),
            key=lambda version: version.pk,
        )
        if len(chosen) != 2:
            messages.warning(request, _("Choose two revisions to compare."))
            return redirect(self._history_or_changelist(object_id))
        older, newer = chosen
        obj = self.get_object(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare revisions of “%(name)s”") % {"name": obj or newer.object_repr},
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "object_id": object_id,
            "older": older,
            "newer": newer,
            "changes": history.compare(older, newer),
            "revert_url": reverse(admin_urlname(self.opts, "revision"), args=[quote(object_id), older.pk])
            if obj is not None and self.has_change_permission(request, obj)
            else None,
        }
        return TemplateResponse(request, "admin/revision_compare.html", context)


class TranslatableAdmin(EditingAdmin, TranslationAdmin):
    """Admin for content with text per language: one field per language, English required.

    The change list and the change form say which translations exist and which are out of date.
    """

    class Media:
        js = ["js/admin-translation-tabs.js"]
        css = {"all": ["css/admin-translation-tabs.css"]}

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


class ChangeNoteInline(TranslationGenericTabularInline):
    model = ChangeNote
    fields = ["date", "note"]
    extra = 0
    verbose_name_plural = _("public change notes")


class PreviewLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(label=_("revoke"), required=False)

    class Meta:
        model = PreviewLink
        fields = []

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
            self.instance.revoked_at = timezone.now()
        return super().save(commit)


class PreviewLinkInline(GenericTabularInline):
    """The item's preview links: revoke one to stop it working at once.

    A link's address is its secret: it is shown once, when it is made (preview_link_view), never
    again on any page. A lost address is replaced by a new link."""

    model = PreviewLink
    form = PreviewLinkForm
    fields = ["created_by", "created_at", "expires_at", "of_pending", "state", "revoke"]
    readonly_fields = ["created_by", "created_at", "expires_at", "of_pending", "state"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("preview links for reviewers without an account")

    def has_add_permission(self, request, obj=None):
        return False  # Made with the “Create a preview link” button, which knows who made it.

    @admin.display(description=_("state"))
    def state(self, link):
        if link.revoked_at:
            return _("Revoked")
        if not link.is_active():
            return _("Expired")
        return _("Works until it expires or the content is published")


class PublishingAdminMixin:
    """Admin for a Publishable model: only users with its `publish_<model>` permission publish.

    Without the permission the status and the publication time are read-only, so what such a
    user adds stays a draft, the publishing actions are not offered, and revisions that would
    publish or unpublish cannot be restored. Editors and Publishers alike make preview links and
    add public change notes.
    """

    actions = ["publish_selected", "unpublish_selected"]
    change_form_template = "admin/publishable_change_form.html"
    # Items without a page of their own (a founding document is a part of the About page) have none.
    preview_links = True

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user, self.model)

    def get_inlines(self, request, obj):
        inlines = [*super().get_inlines(request, obj), ChangeNoteInline]
        if obj is not None and self.preview_links:
            inlines.append(PreviewLinkInline)
        return inlines

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name="{}_{}_preview_link".format(*info),
            ),
            *super().get_urls(),
        ]

    def preview_link_view(self, request, object_id):
        """Make a preview link (POST only) and show its address."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.preview_links:
            raise Http404
        if not (
            self.has_change_permission(request, obj) and permissions.has(request.user, PreviewLink, "add")
        ):
            raise PermissionDenied
        change_url = reverse(admin_urlname(self.opts, "change"), args=[quote(obj.pk)])
        of_pending = PendingVersion.objects.for_object(obj).exists()
        if obj.is_published() and not of_pending:
            messages.warning(request, _("This is public already: share its address on the site."))
            return redirect(change_url)
        link = PreviewLink.objects.create(content_object=obj, created_by=request.user, of_pending=of_pending)
        self.log_addition(request, link, [{"added": {}}])
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "Preview link made. It works until %(date)s, until it is revoked, or until the "
                    "content is published, whichever comes first:"
                )
                % {"date": formats.date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")},
                link.get_absolute_url(),
                request.build_absolute_uri(link.get_absolute_url()),
            ),
        )
        return redirect(change_url)

    def restore_refusal(self, request, version):
        if self.has_publish_permission(request):
            return ""
        stored = version.field_dict
        current = self.model._base_manager.filter(pk=version.object_id).first()
        if current is not None and review.goes_pending(current, request.user):
            return ""  # Restored as a pending version: a Publisher reviews it, like any edit.
        if current is None:
            changes = stored.get("status") == Publishable.Status.PUBLISHED
        else:
            # Revisions keep times to the millisecond (JSON), forms to the second.
            moved = abs(stored["publish_at"] - current.publish_at) >= datetime.timedelta(seconds=1)
            changes = stored.get("status") != current.status or moved
        if changes:
            return _(
                "This version would publish, unpublish or reschedule it: only Publishers may restore it."
            )
        return ""

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
        """Give the selected objects `status`, logging each as a form save would; return those changed.

        Each gets a revision of its own. Each is validated as a form save would validate it (the
        model's rules, such as a published meeting's photos being described): what fails is left
        out, with the reason.
        """
        changed = []
        label = str(capfirst(self.opts.get_field("status").verbose_name))
        for obj in queryset.exclude(status=status):
            obj.status = status
            try:
                obj.full_clean()
            except ValidationError as error:
                messages.error(request, format_html("“{}”: {}", obj, " ".join(error.messages)))
                continue
            try:
                with history.revision(request.user, ""):
                    obj.save(update_fields=["status", "updated_at"])
                    self.log_change(request, obj, [{"changed": {"fields": [label]}}])
            except VersionConflict:  # Saved by someone else since it was read, a moment ago.
                messages.error(request, history.conflict_message(obj, _("this list was shown")))
                continue
            if status == Publishable.Status.PUBLISHED:
                action = AuditEvent.Action.SCHEDULED if obj.is_scheduled() else AuditEvent.Action.PUBLISHED
            else:
                action = AuditEvent.Action.UNPUBLISHED
            AuditEvent.record(obj, action, request.user)
            changed.append(obj)
        return changed
