"""The meetings FilterSet: plain django-filter, shared by the API and the public meetings page.

A view passes the query string and the queryset it starts from (always `.published()` for the
public): `MeetingFilterSet(request.GET, queryset=Meeting.objects.published())`, then reads `.qs`,
or `.errors` when `.is_valid()` is false.
"""

import datetime

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Meeting
from organisation.filters import CountryCodeFilter, IsoDateFilter, SearchFilter
from organisation.models import Body, Measure

COUNTRY_HELP = _("ISO 3166-1 alpha-2 code, such as AZ.")


class MeetingFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the range cannot be before its start."))
        return cleaned_data


class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class MeetingFilterSet(filters.FilterSet):
    UPCOMING, PAST = "upcoming", "past"

    kind = filters.ChoiceFilter(choices=Meeting.Kind.choices)
    body = filters.ModelChoiceFilter(
        queryset=Body.objects.all(), to_field_name="slug", help_text=_("The slug of the body.")
    )
    meeting_status = filters.ChoiceFilter(choices=Meeting.MeetingStatus.choices)
    format = filters.ChoiceFilter(choices=Meeting.Format.choices)
    country = CountryCodeFilter(
        field_name="host_country",
        method="filter_country",
        label=_("Country"),
        help_text=_("Meetings the country hosted or organised: its %(code)s") % {"code": COUNTRY_HELP},
    )
    host_country = CountryCodeFilter(help_text=_("The host country's %(code)s") % {"code": COUNTRY_HELP})
    organising_country = CountryCodeFilter(
        help_text=_("The organising country's %(code)s") % {"code": COUNTRY_HELP}
    )
    measure = filters.ModelChoiceFilter(
        queryset=Measure.objects.all(),
        to_field_name="slug",
        help_text=_("The slug of the confidence-building measure."),
    )
    start = IsoDateFilter(
        field_name="end_date",
        lookup_expr="gte",
        help_text=_(
            "Meetings still going on or after this day (YYYY-MM-DD): with `end`, those overlapping the range."
        ),
    )
    end = IsoDateFilter(
        field_name="start_date",
        lookup_expr="lte",
        help_text=_("Meetings that started on or before this day (YYYY-MM-DD)."),
    )
    year = IntegerFilter(
        method="filter_year",
        label=_("Year"),
        min_value=1,
        max_value=9999,
        help_text=_("Meetings held at least partly in this year."),
    )
    when = filters.ChoiceFilter(
        choices=[(UPCOMING, _("Upcoming: not over yet, soonest first")), (PAST, _("Past: latest first"))],
        method="filter_when",
    )
    search = SearchFilter()
    ordering = filters.OrderingFilter(fields=["start_date", "end_date", "title", "updated_at"])

    class Meta:
        model = Meeting
        form = MeetingFilterForm
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.for_country(value)

    def filter_year(self, queryset, name, value: int):  # The hint gives the API schema its type.
        return queryset.filter(
            start_date__lte=datetime.date(value, 12, 31), end_date__gte=datetime.date(value, 1, 1)
        )

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == self.UPCOMING else queryset.past()
