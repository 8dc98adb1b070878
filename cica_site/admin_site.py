"""The admin site: the organisation's name in its header, and its front page organised by task.

TASK_GROUPS below is the one place that says which models the admin's front page and sidebar show,
under which task. To add a model to a group, add its label ("app_label.ModelName") to the group's
list: a label whose model does not exist (yet) or is not registered is skipped, and so is a model
the user may not see. A registered model in no group and not in EDITED_ON_THEIR_ITEM appears
under "Other" (tests/site/test_admin_site.py fails until it has a group).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models.base import ModelBase
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from organisation import permissions
from organisation.admin_filters import EditorialStateFilter
from organisation.context_processors import get_site_organisation
from organisation.models import Publishable


@dataclass(frozen=True)
class TaskGroup:
    slug: str
    name: str
    models: tuple
    superusers_only: bool = False


TASK_GROUPS = [
    TaskGroup(
        "content",
        _("Content"),
        (
            "organisation.Relation",
            "events.Meeting",
            "organisation.PolicyPage",
            "organisation.Organisation",
            "organisation.FoundingDocument",
        ),
    ),
    TaskGroup(
        "registry",
        _("Registry"),
        (
            "organisation.Country",
            "organisation.Membership",
            "organisation.Body",
            "organisation.MeasureArea",
            "organisation.Measure",
            "organisation.Coordinator",
            # The facts true today, kept like the rest of the registry: no drafts, public once saved
            # (a Publisher's save, or a change a Publisher has reviewed).
            "organisation.ChairTerm",
            "organisation.OfficeHolder",
            "organisation.Place",
            # When the registry's facts panels were last checked; past its review-by date a check is
            # listed under "Needs attention".
            "organisation.FactCheck",
        ),
    ),
    # Shown beside the "Needs attention" list on the front page, with links to the drafts,
    # scheduled items and items past their review-by date of each kind (review_links below).
    TaskGroup("review", _("Review"), ("organisation.PendingVersion", "organisation.AuditEvent")),
    # What visitors wrote through the contact form, for the staff who answer it (Editors and
    # Publishers read, assign and close them); new ones are also listed under "Needs attention".
    TaskGroup("messages", _("Messages"), ("organisation.ContactMessage",)),
    TaskGroup(
        "people",
        _("People and access"),
        ("auth.User", "auth.Group", "organisation.ApiToken"),
    ),
    TaskGroup(
        "security",
        _("Security"),
        ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
        superusers_only=True,
    ),
    # The background worker's record: each e-mail's delivery attempts, failed ones with their error
    # (README, "E-mail"). For whoever runs the site, not for editorial staff: a task keeps the
    # message it sends, a contact message's sender and text included, and a server's traceback.
    TaskGroup("system", _("System"), ("django_tasks_database.DBTaskResult",), superusers_only=True),
]

# Registered, for their lists and history, but written on their item's page (inlines): not on the
# front page.
EDITED_ON_THEIR_ITEM = {
    "organisation.ChangeNote",
    "organisation.PreviewLink",
    "organisation.PlaceName",
    "organisation.FactSource",
}


SUPERUSERS_ONLY = {label for group in TASK_GROUPS if group.superusers_only for label in group.models}


class SuperusersOnly:
    """For the models of a group for superusers only: nobody else sees or changes them, whatever
    permissions they were given."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class AdminSite(admin.AdminSite):
    """Django's admin site (the default one, see cica_site.apps.AdminConfig), by task."""

    site_header = _("Website administration")
    site_title = _("Website administration")
    index_title = _("Website administration")
    index_template = "admin/index.html"

    def each_context(self, request):
        context = super().each_context(request)
        # The published profile, read once per request and shared with the context processor.
        organisation = get_site_organisation(request)
        if organisation is not None:
            context["site_header"] = organisation.name
            context["site_title"] = _("%(acronym)s website administration") % {
                "acronym": organisation.acronym
            }
        return context

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if model._meta.label in SUPERUSERS_ONLY:
                model_admin = type(model_admin.__name__, (SuperusersOnly, model_admin), {})
            super().register(model, model_admin, **options)

    def get_app_list(self, request, app_label=None):
        # An app's own page (/admin/organisation/) lists that app's models, as Django's does.
        if app_label is not None:
            return super().get_app_list(request, app_label)
        return self.task_groups(request)

    def task_groups(self, request):
        """TASK_GROUPS as Django's app list: each group with the models of it the user may see."""
        shown = {
            entry["model"]._meta.label: entry
            for app in self._build_app_dict(request).values()
            for entry in app["models"]
        }
        groups = []
        for group in TASK_GROUPS:
            entries = [shown.pop(label) for label in group.models if label in shown]
            if group.superusers_only and not request.user.is_superuser:
                continue
            groups.append(self._group(group.slug, group.name, entries))
        others = [entry for label, entry in shown.items() if label not in EDITED_ON_THEIR_ITEM]
        groups.append(self._group("other", _("Other"), sorted(others, key=lambda entry: entry["name"])))
        return [group for group in groups if group["models"]]

    def _group(self, slug, name, entries):
        return {"name": name, "app_label": slug, "app_url": "", "has_module_perms": True, "models": entries}

    def index(self, request, extra_context=None):
        groups = self.task_groups(request)
        context = {
            "app_list": [group for group in groups if group["app_label"] != "review"],
            "review_group": next((group for group in groups if group["app_label"] == "review"), None),
            "review_links": review_links(request),
            **(extra_context or {}),
        }
        return super().index(request, context)


REVIEW_STATES = [
    (EditorialStateFilter.DRAFT, _("Drafts")),
    (EditorialStateFilter.SCHEDULED, _("Scheduled")),
    (EditorialStateFilter.REVIEW_DUE, _("Past their review-by date")),
]


def review_links(request):
    """For each of drafts, scheduled items and items past their review-by date: how many of each
    kind of content the user may view there are, each linked to its filtered list.

    One count for each state and kind: a fixed number of queries, however many items there are.
    """
    models = sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Publishable) and permissions.can_view(request.user, model)
        ),
        key=lambda model: str(model._meta.verbose_name_plural),
    )
    rows = []
    for state, title in REVIEW_STATES:
        kinds = []
        for model in models:
            count = EditorialStateFilter.filter(model._default_manager.all(), state).count()
            if count:
                url = reverse(admin_urlname(model._meta, "changelist"))
                kinds.append(
                    {
                        "name": capfirst(model._meta.verbose_name_plural),
                        "count": count,
                        "url": f"{url}?{EditorialStateFilter.parameter_name}={state}",
                    }
                )
        rows.append({"state": state, "title": title, "kinds": kinds})
    return rows


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time inputs for a date-time field, each named for screen readers.

    Django labels the pair as a whole and writes "Date:" and "Time:" beside the inputs as plain
    text, which names neither input. Made every admin's default by cica_site.apps.AdminConfig."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], (_("Date"), _("Time")), strict=True):
            subwidget["attrs"]["aria-label"] = label
        return context
