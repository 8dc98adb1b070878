"""Who holds an office, and when: the chairmanship of the organisation, the Secretary-General and
other office-holders. Dates are often known to the month or the year only (“2018–2020”): each is
kept with its precision and shown as precisely as it is known, never more.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.meetings import MEETING_MODEL
from organisation.models.dates import DatePrecision, format_partial_date, period_end, truncate
from organisation.models.registry import Country
from organisation.models.translations import Translatable
from organisation.models.versions import Versioned


class TermQuerySet(models.QuerySet):
    def as_of(self, date=None):
        """Terms that may be running on a day (today by default).

        A date known to the year only stands for the whole year, so around a change known to the
        year two terms may match: the one that began last is the holder (`holder_on`)."""
        date = date or timezone.localdate()
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=date), Q(ends_before__isnull=True) | Q(ends_before__gt=date)
        )

    def with_relation_links(self):
        """With each country's public relations page as `country.published_relation` (or None)."""
        from organisation.models.pages import Relation  # pages.py imports registry, as this module does.

        return self.select_related("country").prefetch_related(
            models.Prefetch(
                "country__relation", queryset=Relation.objects.published(), to_attr="published_relation"
            )
        )

    def holder_on(self, date=None):
        """The term running on a day, or None."""
        return self.as_of(date).order_by(models.F("start").desc(nulls_last=True)).first()


class Term(Versioned, Translatable):
    """A period in an office, with dates known to the day, the month or the year."""

    start = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Leave empty if it is not known when it began.")
    )
    start_precision = models.CharField(
        _("start known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the start is shown with the term: “June 2010”, “2010”. "
            "For a start known to the month or the year, any day in it will do."
        ),
    )
    end = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_(
            "The day it ended (the successor's first day), or the planned end; empty while open-ended."
        ),
    )
    end_precision = models.CharField(
        _("end known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the end is shown with the term: “June 2026”, “2026”. "
            "For an end known to the month or the year, any day in it will do."
        ),
    )
    end_is_planned = models.BooleanField(
        _("planned end"),
        default=False,
        help_text=_("Tick while the end is the one planned, not yet reached."),
    )
    # The first day after the term, as far as it is known: what as_of() compares with.
    ends_before = models.DateField(null=True, editable=False)
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("Public note, one or two sentences.")
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        self.start = truncate(self.start, self.start_precision)
        self.end = truncate(self.end, self.end_precision)
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot come before the start.")})

    def save(self, *args, **kwargs):
        # Derived like auto_now: every path that saves keeps it in step with the end.
        if self.end is None:
            self.ends_before = None
        elif self.end_precision == DatePrecision.DAY:
            self.ends_before = self.end  # The successor's first day.
        else:
            self.ends_before = period_end(self.end, self.end_precision)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "ends_before"}
        super().save(*args, **kwargs)

    def start_display(self):
        return format_partial_date(self.start, self.start_precision) if self.start else ""

    def end_display(self):
        return format_partial_date(self.end, self.end_precision) if self.end else ""

    def period_display(self):
        """“17 December 2024 – 2026”, “until June 2010”, “since 2020”."""
        start, end = self.start_display(), self.end_display()
        if start and end:
            return f"{start} – {end}"
        if end:
            return _("until %(date)s") % {"date": end}
        if start:
            return _("since %(date)s") % {"date": start}
        return ""

    def is_future(self, date=None):
        date = date or timezone.localdate()
        return self.start is not None and self.start > date

    def is_current(self, date=None):
        date = date or timezone.localdate()
        return (self.start is None or self.start <= date) and (
            self.ends_before is None or self.ends_before > date
        )


class ChairTerm(Term):
    """A term of a member state as Chair of the organisation."""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="chair_terms",
        verbose_name=_("country"),
        help_text=_(
            "Shown as the Chair on the home page and the About page, linked to its relations page, "
            "and in the facts of the country's relations page."
        ),
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, help_text=_("When the chairmanship was decided, if known.")
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("Who decided it, as it should read after “by”: the Ministerial Council."),
    )
    start_meeting = models.ForeignKey(
        MEETING_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chair_terms_started",
        verbose_name=_("taken over at"),
        help_text=_("The meeting at which the chairmanship was taken over, when known."),
    )
    end_meeting = models.ForeignKey(
        MEETING_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chair_terms_ended",
        verbose_name=_("handed over at"),
        help_text=_("The meeting at which the chairmanship was handed over, when known."),
    )

    class Meta:
        ordering = [models.F("start").asc(nulls_first=True)]
        verbose_name = _("chair term")
        verbose_name_plural = _("chairmanship")
        permissions = [("publish_chairterm", _("Can publish changes to the chairmanship"))]

    def __str__(self):
        period = self.period_display()
        return f"{self.country}: {period}" if period else str(self.country)

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + "#chairmanship"


class OfficeHolder(Term):
    """Someone who holds an office of the organisation for a term: the Secretary-General, a deputy."""

    office = models.CharField(_("office"), max_length=200, help_text=_("For example: Secretary-General."))
    person = models.CharField(_("name"), max_length=200, help_text=_("The name as it should be shown."))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_holders",
        verbose_name=_("country"),
        help_text=_("The country the office-holder comes from, if it is to be shown."),
    )

    class Meta:
        ordering = ["office", models.F("start").asc(nulls_first=True)]
        verbose_name = _("office-holder")
        verbose_name_plural = _("office-holders")
        permissions = [("publish_officeholder", _("Can publish changes to office-holders"))]

    def __str__(self):
        return f"{self.office}: {self.person}"

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + "#office-holders"
