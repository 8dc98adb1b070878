"""The staff dashboard (the admin's front page: what needs attention) and the translation overview."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from organisation import permissions, review
from organisation.models import (
    PendingVersion,
    Publishable,
    Translatable,
    Versioned,
    translated_field_names,
)


class AttentionList:
    """A list on the admin's front page of items needing attention, such as meetings past but still
    “planned”. `queryset` is called for each page view; `date` names the date shown for each item."""

    def __init__(self, title, model, queryset, date):
        self.title, self.model, self.queryset, self.date = title, model, queryset, date


# Lists the apps add to the front page besides drafts, scheduled items and reviews due.
ATTENTION_LISTS = []

DASHBOARD_LIST_LENGTH = 10


def editorial_dashboard(request):
    """What needs attention, for the admin's front page: drafts, scheduled items, items past their
    review-by date, the apps' own lists, and the latest changes by anyone.

    A fixed number of queries, three for each kind of content the user may view and one for each
    other list, however many items there are; each list shows the first DASHBOARD_LIST_LENGTH.
    """
    # Staff see what the public sees: an approved version whose time has come is live by now.
    review.publish_due()
    publishable = [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and permissions.can_view(request.user, model)
    ]
    lists = [
        AttentionList(_("Drafts"), model, lambda m: m.objects.drafts().order_by("-updated_at"), "updated_at")
        for model in publishable
    ]
    lists += [
        AttentionList(
            _("Scheduled"), model, lambda m: m.objects.scheduled().order_by("publish_at"), "publish_at"
        )
        for model in publishable
    ]
    lists += [
        AttentionList(
            _("Past their review-by date"),
            model,
            lambda m: m.objects.review_due().order_by("review_by"),
            "review_by",
        )
        for model in publishable
    ]
    lists += [
        attention for attention in ATTENTION_LISTS if permissions.can_view(request.user, attention.model)
    ]
    sections = {}
    for attention in lists:
        model = attention.model
        # Whatever __str__ may need (a relations page's country), fetched in the same query.
        required = [f.name for f in model._meta.fields if f.is_relation and f.many_to_one and not f.null]
        required += [f.name for f in model._meta.fields if f.one_to_one and not f.null]
        items = list(attention.queryset(model).select_related(*required)[: DASHBOARD_LIST_LENGTH + 1])
        if not items:
            continue
        section = sections.setdefault(str(attention.title), {"title": attention.title, "groups": []})
        section["groups"].append(
            {
                "kind": capfirst(model._meta.verbose_name_plural),
                "changelist_url": reverse(admin_urlname(model._meta, "changelist")),
                "more": len(items) > DASHBOARD_LIST_LENGTH,
                "items": [
                    {
                        "object": obj,
                        "url": reverse(admin_urlname(model._meta, "change"), args=[quote(obj.pk)]),
                        "date": getattr(obj, attention.date),
                    }
                    for obj in items[:DASHBOARD_LIST_LENGTH]
                ],
            }
        )
    return {
        "review": review_lists(request),
        "sections": list(sections.values()),
        "latest_changes": latest_changes(request),
    }


# Models whose log entries name secrets (an API token's __str__) or accounts: never listed.
UNLISTED_IN_LATEST_CHANGES = {"organisation.apitoken", "auth.user", "sessions.session"}


def viewable_content_types(user):
    return [
        content_type
        for content_type in ContentType.objects.all()
        if content_type.model_class() is not None
        and f"{content_type.app_label}.{content_type.model}" not in UNLISTED_IN_LATEST_CHANGES
        and permissions.can_view(user, content_type.model_class())
    ]


def latest_changes(request, count=15):
    """The latest changes in the admin log, of the kinds of content the viewer may see."""
    return (
        LogEntry.objects.filter(content_type__in=viewable_content_types(request.user))
        .select_related("user", "content_type")
        .order_by("-action_time")[:count]
    )


def review_lists(request):
    """The review queue: versions awaiting the viewer's review (for Publishers, the longest-waiting
    first), the viewer's own pending versions (sent back ones with their comment), and approved
    versions waiting for their time."""
    user = request.user
    reviewed = [ct for ct in viewable_content_types(user) if issubclass(ct.model_class(), Versioned)]
    may_publish = [ct for ct in reviewed if permissions.can_publish(user, ct.model_class())]
    may_change = [ct for ct in reviewed if permissions.can_change(user, ct.model_class())]
    pending = PendingVersion.objects.select_related("content_type", "updated_by", "submitted_by")
    lists = [
        (_("Awaiting your review"), pending.awaiting_review().filter(content_type__in=may_publish)),
        (
            _("Your pending versions"),
            pending.filter(
                updated_by=user,
                content_type__in=may_change,
                state__in=[PendingVersion.State.DRAFT, PendingVersion.State.SENT_BACK],
            ).order_by("-updated_at"),
        ),
        (
            _("Approved, to be published"),
            pending.filter(state=PendingVersion.State.SCHEDULED, content_type__in=may_change).order_by(
                "publish_at"
            ),
        ),
    ]
    result = []
    for title, queryset in lists:
        items = list(queryset[: DASHBOARD_LIST_LENGTH + 1])
        if items:
            result.append(
                {
                    "title": title,
                    "more": len(items) > DASHBOARD_LIST_LENGTH,
                    "items": [
                        {
                            "pending": item,
                            "kind": capfirst(item.content_type.model_class()._meta.verbose_name),
                            "url": reverse(
                                admin_urlname(item.content_type.model_class()._meta, "pending"),
                                args=[quote(item.object_id)],
                            ),
                        }
                        for item in items[:DASHBOARD_LIST_LENGTH]
                    ],
                }
            )
    return result


def translation_overview(request):
    """For each public item: which translations exist, and which are older than the English text.

    Staff see the items of the models they may view, and mark a translation as reviewed where
    they may change the item.
    """
    languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    models_shown = [
        model
        for model in apps.get_models()
        if issubclass(model, Translatable) and permissions.can_view(request.user, model)
    ]

    if request.method == "POST":
        label, pk, language = (request.POST.get(key, "") for key in ("model", "pk", "language"))
        model = next((m for m in models_shown if m._meta.label_lower == label), None)
        if model is None or not permissions.can_change(request.user, model):
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
        can_change = permissions.can_change(request.user, model)
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
