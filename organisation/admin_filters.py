"""A filter of the admin's lists of publishable content by editorial state: the front page's
"Review" links open each kind's list with it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class EditorialStateFilter(admin.SimpleListFilter):
    title = _("editorial state")
    parameter_name = "editorial_state"

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLIC = "public"
    REVIEW_DUE = "review-due"

    def lookups(self, request, model_admin):
        return [
            (self.DRAFT, _("Draft")),
            (self.SCHEDULED, _("Scheduled")),
            (self.PUBLIC, _("Public")),
            (self.REVIEW_DUE, _("Past its review-by date")),
        ]

    def queryset(self, request, queryset):
        return self.filter(queryset, self.value())

    @classmethod
    def filter(cls, queryset, state):
        """`queryset` narrowed to `state`, through the QuerySet's own definitions of each."""
        narrow = {
            cls.DRAFT: queryset.drafts,
            cls.SCHEDULED: queryset.scheduled,
            cls.PUBLIC: queryset.published,
            cls.REVIEW_DUE: queryset.review_due,
        }.get(state)
        return narrow() if narrow else queryset
