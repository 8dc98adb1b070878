"""Publishing: every kind of public content is a draft until published, at a time that may be in
the future. "Public" is defined here once, on the QuerySet; who sees more is organisation.permissions.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation import permissions
from organisation.models.dates import DatePrecision, format_partial_date
from organisation.models.translations import Translatable
from organisation.models.versions import Versioned


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, with a publication time that has come by `now` (the
        present; or an expression, for a query prepared once: organisation.models.prepared)."""
        return self.filter(self._published_q(now))

    def _published_q(self, now=None):
        return Q(status=Publishable.Status.PUBLISHED, publish_at__lte=timezone.now() if now is None else now)

    def visible_to(self, request):
        """What a detail page may show to the maker of `request`: drafts and scheduled items too
        for staff who may change them, and the object of the preview link the request carries
        (PreviewLink.view sets request.preview_link); what is published for everyone else."""
        if permissions.can_see_unpublished(request.user, self.model):
            return self.all()
        link = getattr(request, "preview_link", None)
        if link is not None and link.content_type.model_class() is self.model:
            return self.filter(self._published_q() | Q(pk=link.object_id))
        return self.published()

    def drafts(self):
        return self.filter(status=Publishable.Status.DRAFT)

    def scheduled(self):
        return self.filter(status=Publishable.Status.PUBLISHED, publish_at__gt=timezone.now())

    def review_due(self, date=None):
        """Items whose review-by date has passed: to be checked that they are still accurate."""
        return self.filter(review_by__lt=date or timezone.localdate())

    def with_last_change(self):
        """Each item with `changed_at`, when its public version last changed (see last_changed_at)."""
        return self.annotate(changed_at=Greatest("updated_at", "publish_at"))


class Publishable(Versioned, Translatable):
    """Base for all public content: draft or published, with a publication time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Drafts are visible to staff only. Only Publishers can publish."),
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_(
            "When a published item becomes public. A time in the future schedules it: "
            "it appears by itself at that time."
        ),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: when to check that the content is still accurate. "
            "The admin's front page lists what is past this date."
        ),
    )
    # Honest dates: content that was published elsewhere first (the seed) says when, as precisely as
    # known; content loaded with no known date shows none rather than the day it was loaded.
    source_date = models.DateField(
        _("text first published"),
        null=True,
        blank=True,
        help_text=_(
            "For a text published elsewhere first: when, shown instead of the publication time. "
            "Leave empty for text written for this site."
        ),
    )
    source_date_precision = models.CharField(
        _("known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the date is shown, under “Text first published” at the foot of the page: "
            "“June 2010”, “2010”. For a month or a year, any day in it will do."
        ),
    )
    dates_public = models.BooleanField(
        _("show dates"),
        default=True,
        help_text=_("Show when it was published and last updated. Off for content with no known date."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    change_notes = GenericRelation("organisation.ChangeNote")
    preview_links = GenericRelation("organisation.PreviewLink")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Was the stored row public (published, its time come, with or without a save)?
        was_public = self.pk is not None and type(self).objects.filter(pk=self.pk).published().exists()
        super().save(*args, **kwargs)
        if was_public or self.is_published():
            # Preview links end for good once the content has been public: taking it down again
            # does not bring back addresses handed out for the draft.
            self.preview_links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("public")

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    def source_date_display(self):
        return format_partial_date(self.source_date, self.source_date_precision) if self.source_date else ""

    def last_changed_at(self):
        """When the public version last changed: the last save, or the publication time when it
        came later (a scheduled item appears after it was last saved)."""
        return max(self.updated_at, self.publish_at)
