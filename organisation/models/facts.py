"""When the facts a panel shows were last checked, and against which sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models.pages import Relation
from organisation.models.versions import Versioned


class FactCheckQuerySet(models.QuerySet):
    def review_due(self, date=None):
        """Checks whose review-by date has passed: facts to check again."""
        return self.filter(review_by__lt=date or timezone.localdate())

    def for_panel(self, panel, relation=None):
        """The check of one panel with its sources (as `sources_list`), or None, in one query: a
        check names one source at least (the admin asks for it)."""
        sources = list(
            FactSource.objects.filter(fact_check__panel=panel, fact_check__relation=relation).select_related(
                "fact_check"
            )
        )
        if not sources:
            return None
        check = sources[0].fact_check
        check.sources_list = sources
        return check


class FactCheck(Versioned, models.Model):
    """The last check of the facts of one panel: the home page's key facts, the member states, the
    chairmanship, or one relations page's facts."""

    class Panel(models.TextChoices):
        KEY_FACTS = "key-facts", _("Key facts (home page)")
        MEMBER_STATES = "member-states", _("Member states and observers")
        CHAIRMANSHIP = "chairmanship", _("Chairmanship")
        RELATION = "relation", _("Facts of a relations page")

    panel = models.CharField(
        _("panel"),
        max_length=20,
        choices=Panel.choices,
        help_text=_("The facts that were checked: the date and the sources are shown under them."),
    )
    relation = models.OneToOneField(
        Relation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fact_check",
        verbose_name=_("relations page"),
        help_text=_("For the facts of a relations page only."),
    )
    checked_on = models.DateField(_("facts checked on"), help_text=_("Shown under the panel."))
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("When to check the facts again: the admin's front page lists the checks past this date."),
    )

    objects = FactCheckQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "relation"]
        verbose_name = _("fact check")
        verbose_name_plural = _("fact checks")
        permissions = [("publish_factcheck", _("Can publish changes to fact checks"))]
        constraints = [
            models.UniqueConstraint(
                fields=["panel"],
                condition=models.Q(relation__isnull=True),
                name="one_fact_check_per_panel",
                violation_error_message=_("This panel has a fact check already: edit that one."),
            )
        ]

    def __str__(self):
        if self.relation_id:
            return str(self.relation)
        return str(self.get_panel_display())

    def get_absolute_url(self):
        if self.relation_id:
            return self.relation.get_absolute_url()
        return {
            self.Panel.KEY_FACTS: reverse("home"),
            self.Panel.MEMBER_STATES: reverse("organisation:country-list"),
            self.Panel.CHAIRMANSHIP: reverse("organisation:organisation-detail") + "#chairmanship",
        }.get(self.panel, reverse("home"))

    def clean(self):
        if self.panel == self.Panel.RELATION and not self.relation_id:
            raise ValidationError({"relation": _("Choose the relations page whose facts were checked.")})
        if self.panel != self.Panel.RELATION and self.relation_id:
            raise ValidationError(
                {"relation": _("Only for the facts of a relations page: leave this empty.")}
            )


class FactSource(models.Model):
    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=255, help_text=_("The report's title and publisher."))
    url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("The source's title links to it, under the panel.")
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Shown after the source's title, under the panel."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title
