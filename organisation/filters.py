"""FilterSets for the organisation's lists: plain django-filter, usable by any view.

Every filter refuses a value it does not understand (`filterset.errors`), so a typo is an error
the client sees rather than a list that silently ignores it.
"""

import operator
from functools import reduce

import django_filters as filters
from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from organisation.collation import collated
from organisation.models import (
    Body,
    ChairTerm,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    OfficeHolder,
    PolicyPage,
    Relation,
)


class SearchFilter(filters.CharFilter):
    """Every word (or "quoted phrase") must appear in one of `search_fields`, as in the admin."""

    def __init__(self, *args, search_fields, **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault(
            "help_text", _("Words that must all appear in %(fields)s.") % {"fields": ", ".join(search_fields)}
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        for word in smart_split(value or ""):
            if word[0] in "\"'" and word[-1] == word[0] and len(word) > 1:
                word = unescape_string_literal(word)
            qs = qs.filter(reduce(operator.or_, (Q(**{f"{f}__icontains": word}) for f in self.search_fields)))
        return qs


class NameOrderingFilter(filters.OrderingFilter):
    """Ordering in which the translated name fields (`collated_fields`) sort by the alphabet of the
    visitor's language (organisation.collation), as every list of names on the site does."""

    def __init__(self, *args, collated_fields=(), **kwargs):
        self.collated_fields = set(collated_fields)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            name = field.removeprefix("-")
            if name in self.collated_fields:
                expression = collated(name)
                ordering.append(expression.desc() if field.startswith("-") else expression.asc())
            else:
                ordering.append(field)
        return qs.order_by(*ordering)


class IsoDateFilter(filters.DateFilter):
    """A day as YYYY-MM-DD only: 01/02/2024 means different days in different countries."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)


class CountryCodeField(forms.ModelChoiceField):
    """A country by its ISO code, in either case."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class CountryCodeFilter(filters.ModelChoiceFilter):
    field_class = CountryCodeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)


class BodyFilterSet(filters.FilterSet):
    search = SearchFilter(search_fields=["name", "short_name", "role"])
    ordering = filters.OrderingFilter(fields=["order", "name", "short_name"])

    class Meta:
        model = Body
        fields = []


class FoundingDocumentFilterSet(filters.FilterSet):
    search = SearchFilter(search_fields=["title", "summary", "adopted_in"])
    ordering = filters.OrderingFilter(fields=["order", "adopted_on", "title", "updated_at"])

    class Meta:
        model = FoundingDocument
        fields = []


class CountryFilterSet(filters.FilterSet):
    """Countries with their standing on a day: `as_of` (today by default).

    Each country in `qs` carries `memberships_as_of`, the registry entries in force that day.
    """

    NONE = "none"

    status = filters.ChoiceFilter(
        choices=[
            (Membership.Status.MEMBER.value, Membership.Status.MEMBER.label),
            (Membership.Status.OBSERVER_STATE.value, Membership.Status.OBSERVER_STATE.label),
            (NONE, _("Neither member nor observer")),
        ],
        method="filter_status",
        help_text=_("The country's status on the `as_of` day."),
    )
    as_of = IsoDateFilter(
        method="filter_as_of",
        help_text=_("The day (YYYY-MM-DD) the status is taken on: today by default."),
    )
    search = SearchFilter(search_fields=["name", "code"])
    ordering = NameOrderingFilter(fields=["name", "code"], collated_fields=["name"])

    class Meta:
        model = Country
        fields = []

    def filter_queryset(self, queryset):
        self.as_of_date = self.form.cleaned_data.get("as_of") or timezone.localdate()
        queryset = queryset.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.as_of(self.as_of_date),
                to_attr="memberships_as_of",
            )
        )
        return super().filter_queryset(queryset)

    def filter_as_of(self, queryset, name, value):
        return queryset  # Taken into account by filter_queryset(), for status and the listing.

    def filter_status(self, queryset, name, value):
        in_force = Membership.objects.as_of(self.as_of_date).filter(country__isnull=False)
        if value == self.NONE:
            return queryset.exclude(pk__in=in_force.values("country_id"))
        return queryset.filter(pk__in=in_force.filter(status=value).values("country_id"))


class MembershipFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Membership.Status.choices)
    as_of = IsoDateFilter(
        method="filter_as_of",
        help_text=_("Only the entries in force on that day (YYYY-MM-DD): the registry as it stood then."),
    )
    country = CountryCodeFilter(help_text=_("The country's ISO 3166-1 alpha-2 code, such as AZ."))
    search = SearchFilter(search_fields=["country__name", "organisation_name", "note"])
    ordering = NameOrderingFilter(
        fields=[
            ("joined_on", "joined_on"),
            ("left_on", "left_on"),
            ("country__name", "country"),
            ("organisation_name", "organisation_name"),
            ("status", "status"),
        ],
        collated_fields=["country__name", "organisation_name"],
    )

    class Meta:
        model = Membership
        fields = []

    def filter_as_of(self, queryset, name, value):
        return queryset.as_of(value)


class MeasureFilterSet(filters.FilterSet):
    area = filters.ModelChoiceFilter(
        queryset=MeasureArea.objects.all(),
        to_field_name="slug",
        help_text=_("The slug of the area of measures."),
    )
    search = SearchFilter(search_fields=["name"])
    ordering = filters.OrderingFilter(fields=["order", "name"])

    class Meta:
        model = Measure
        fields = []


class RelationFilterSet(filters.FilterSet):
    country = CountryCodeFilter(help_text=_("The country's ISO 3166-1 alpha-2 code, such as AZ."))
    search = SearchFilter(search_fields=["title", "lead", "country__name"])
    ordering = NameOrderingFilter(
        fields=[("country__name", "country"), ("title", "title"), ("updated_at", "updated_at")],
        collated_fields=["country__name", "title"],
    )

    class Meta:
        model = Relation
        fields = []


class PolicyPageFilterSet(filters.FilterSet):
    search = SearchFilter(search_fields=["title"])
    ordering = filters.OrderingFilter(fields=["order", "title", "updated_at"])

    class Meta:
        model = PolicyPage
        fields = []


class TermFilterSet(filters.FilterSet):
    """Terms in office: `as_of` gives those that may be running on a day (`current=true`: today)."""

    as_of = IsoDateFilter(
        method="filter_as_of",
        help_text=_("Only the terms running on that day (YYYY-MM-DD); a date known to the year covers it."),
    )
    current = filters.BooleanFilter(method="filter_current", help_text=_("Only the terms running today."))
    country = CountryCodeFilter(help_text=_("The country's ISO 3166-1 alpha-2 code, such as AZ."))

    def filter_as_of(self, queryset, name, value):
        return queryset.as_of(value)

    def filter_current(self, queryset, name, value):
        return queryset.as_of() if value else queryset.exclude(pk__in=queryset.as_of().values("pk"))


class ChairTermFilterSet(TermFilterSet):
    ordering = filters.OrderingFilter(fields=["start", "end"])

    class Meta:
        model = ChairTerm
        fields = []


class OfficeHolderFilterSet(TermFilterSet):
    office = filters.CharFilter(
        field_name="office", lookup_expr="iexact", help_text=_("The office, in English.")
    )
    ordering = NameOrderingFilter(
        fields=["start", "end", "person", "office"], collated_fields=["person", "office"]
    )

    class Meta:
        model = OfficeHolder
        fields = []
