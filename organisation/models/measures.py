"""The catalogue of confidence-building measures, and the countries that coordinate them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models.registry import Country
from organisation.models.rich_text import rich_text_field
from organisation.models.translations import Translatable
from organisation.models.versions import Versioned


class MeasureArea(Versioned, Translatable):
    """An area of the catalogue of confidence-building measures."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("A heading on the measures page.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("area of measures")
        verbose_name_plural = _("areas of measures")
        permissions = [("publish_measurearea", _("Can publish changes to areas of measures"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:measure-list") + f"#{self.slug}"


class Measure(Versioned, Translatable):
    """A confidence-building measure, such as transportation corridors."""

    area = models.ForeignKey(
        MeasureArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("area"),
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        unique=True,
        help_text=_(
            "As it should read after “in the field of”: on the measures page, relations pages and meetings."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = rich_text_field(
        _("description"), blank=True, help_text=_("Shown under the measure's name on the measures page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("confidence-building measure")
        verbose_name_plural = _("confidence-building measures")
        permissions = [("publish_measure", _("Can publish changes to confidence-building measures"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:measure-list") + f"#{self.slug}"


class CoordinatorQuerySet(models.QuerySet):
    def as_of(self, date=None):
        date = date or timezone.localdate()
        return self.filter(
            Q(since__isnull=True) | Q(since__lte=date),
            Q(until__isnull=True) | Q(until__gt=date),
        )


class Coordinator(Versioned, models.Model):
    """A country's role in a confidence-building measure, with its dates."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        CO_COORDINATOR = "co-coordinator", _("Co-coordinator")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("measure")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="coordinator_roles", verbose_name=_("country")
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.COORDINATOR,
        help_text=_("Shown on the measures page and the country's relations page."),
    )
    since = models.DateField(_("since"), null=True, blank=True, help_text=_("Leave empty if not known."))
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while the role lasts."))

    objects = CoordinatorQuerySet.as_manager()

    class Meta:
        ordering = ["measure__order", "measure__name", "role", "country__name"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        permissions = [("publish_coordinator", _("Can publish changes to coordinators"))]

    def __str__(self):
        return f"{self.country}: {self.get_role_display()}, {self.measure}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url()

    def clean(self):
        if self.since and self.until and self.until <= self.since:
            raise ValidationError({"until": _("The end date must be after the start date.")})
