"""Dates known to the day, the month or the year only (“2018–2020”), kept with their precision and
shown as precisely as they are known, never more."""

import calendar
import datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def truncate(date, precision):
    """The first day of the period `date` falls in: its month, or its year."""
    if date is None or precision == DatePrecision.DAY:
        return date
    return date.replace(month=1, day=1) if precision == DatePrecision.YEAR else date.replace(day=1)


def period_end(date, precision):
    """The day after the period `date` stands for: the next day, month or year."""
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1]) + datetime.timedelta(days=1)
    return date + datetime.timedelta(days=1)


def format_partial_date(date, precision):
    """“17 December 2024”, “June 2010” or “2018”, in the active language."""
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(date, "YEAR_MONTH_FORMAT")
    return formats.date_format(date, "DATE_FORMAT")
