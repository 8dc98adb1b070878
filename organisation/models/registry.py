"""The registry: countries, and every period of membership or observer status, with its dates."""

import datetime

from babel import Locale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.collation import collated
from organisation.models.translations import Translatable
from organisation.models.uploads import ImageUploadField, WithRenditions
from organisation.models.versions import Versioned


class CountryQuerySet(models.QuerySet):
    def order_by_name(self, language=None):
        """By name in `language` (the visitor's by default), by that language's alphabet."""
        return self.order_by(collated("name", language), "pk")


class Country(WithRenditions, Versioned, Translatable):
    image_field_name = "flag"
    rendition_widths = (80, 160, 320)

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter the two capital letters of ISO 3166-1 alpha-2."))],
        help_text=_("ISO 3166-1 alpha-2, two capital letters: AZ for Azerbaijan."),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("Shown on the member states page, its relations page and its meetings."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    flag = ImageUploadField(
        _("flag"),
        upload_to="flags/",
        blank=True,
        help_text=_("JPEG, PNG or WebP. Given with the country in the API; no page shows it."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        permissions = [("publish_country", _("Can publish changes to countries"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:country-list") + f"#{self.slug}"

    def clean(self):
        # A translation left empty takes the standard name in that language (Unicode CLDR).
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE and not getattr(self, f"name_{code}", None):
                standard = Locale.parse(code).territories.get(self.code)
                if standard:
                    setattr(self, f"name_{code}", standard)


class MembershipQuerySet(models.QuerySet):
    def as_of(self, date=None):
        """Memberships in force on a day (today by default).

        A membership whose joining date is not known counts from the beginning of the record.
        """
        date = date or timezone.localdate()
        return self.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=date),
            Q(left_on__isnull=True) | Q(left_on__gt=date),
        )

    def members(self):
        return self.filter(status=Membership.Status.MEMBER)

    def order_by_name(self, *leading, language=None):
        """By the participant's name in `language` (the visitor's by default), by that language's
        alphabet, after the `leading` orderings: countries by name, observer organisations by theirs."""
        return self.order_by(
            *leading, collated("country__name", language), collated("organisation_name", language), "pk"
        )

    def with_relation_links(self):
        """With each country and, as `country.published_relation`, its public relations page (or
        None), for lists that link each name to its page."""
        from organisation.models.pages import Relation  # pages.py imports this module.

        return self.select_related("country").prefetch_related(
            Prefetch("country__relation", queryset=Relation.objects.published(), to_attr="published_relation")
        )

    def observer_counts(self):
        """{"states": …, "organisations": …}: the observers of each kind, in one query."""
        return self.aggregate(
            states=models.Count("pk", filter=Q(status=Membership.Status.OBSERVER_STATE)),
            organisations=models.Count("pk", filter=Q(status=Membership.Status.OBSERVER_ORGANISATION)),
        )

    def observers(self):
        return self.filter(
            status__in=[Membership.Status.OBSERVER_STATE, Membership.Status.OBSERVER_ORGANISATION]
        )


class Membership(Versioned, models.Model):
    """One period of membership or observer status: the registry keeps every period."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member state")
        OBSERVER_STATE = "observer-state", _("Observer state")
        OBSERVER_ORGANISATION = "observer-organisation", _("Observer organisation")

    status = models.CharField(
        _("status"),
        max_length=25,
        choices=Status.choices,
        help_text=_("Shown on the member states page and the country's relations page."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("country"),
        help_text=_("For a member or observer state."),
    )
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        blank=True,
        help_text=_("For an observer organisation, its full name, shown on the member states page."),
    )
    joined_on = models.DateField(
        _("joined on"),
        null=True,
        blank=True,
        help_text=_("Shown as “since” the date. Leave empty if the date is not known."),
    )
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("Fill in when the status ended, for example when an observer became a member."),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_(
            "Public note, for example the meeting that admitted it: shown beside the dates on the member "
            "states page."
        ),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "country__name", "organisation_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("membership registry")
        permissions = [("publish_membership", _("Can publish changes to the membership registry"))]

    def __str__(self):
        return f"{self.participant_name}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("organisation:country-list") + (f"#{self.country.slug}" if self.country_id else "")

    @property
    def participant_name(self):
        return self.country.name if self.country_id else self.organisation_name

    def clean(self):
        errors = {}
        # An inline on a new country sets the (unsaved) country object, not yet its id.
        country = self.country if self.country_id or "country" in self._state.fields_cache else None
        if self.status == self.Status.OBSERVER_ORGANISATION:
            if not self.organisation_name:
                errors["organisation_name"] = _("Give the observer organisation's name.")
            if country is not None:
                errors["country"] = _("An observer organisation is not a country: leave this empty.")
        else:
            if country is None:
                errors["country"] = _("Choose the country.")
            if self.organisation_name:
                errors["organisation_name"] = _("Only for observer organisations: leave this empty.")
        if self.joined_on and self.left_on and self.left_on <= self.joined_on:
            errors["left_on"] = _("The leaving date must be after the joining date.")
        if errors:
            raise ValidationError(errors)
        if self.country_id:  # A new country has no stored periods to overlap.
            self._check_overlap()

    def period(self):
        """(start, end) as comparable dates; an unknown date is open on its side."""
        return self.joined_on or datetime.date.min, self.left_on or datetime.date.max

    def overlap_error(self, other):
        """The error for this period if it overlaps `other` (an entry of the same country), or None."""
        start, end = self.period()
        other_start, other_end = other.period()
        if not (start < other_end and other_start < end):
            return None
        return ValidationError(
            _(
                "This period overlaps another entry for %(country)s (%(other)s). "
                "Give the earlier one a leaving date first."
            )
            % {"country": self.country, "other": other.get_status_display()}
        )

    def _check_overlap(self):
        for other in Membership.objects.filter(country_id=self.country_id).exclude(pk=self.pk):
            error = self.overlap_error(other)
            if error:
                raise error


class PlaceNameQuerySet(models.QuerySet):
    def as_of(self, date=None):
        """The names in use on a day (today by default)."""
        date = date or timezone.localdate()
        return self.filter(
            Q(used_from__isnull=True) | Q(used_from__lte=date),
            Q(used_until__isnull=True) | Q(used_until__gt=date),
        )


class Place(Versioned, models.Model):
    """A city, which may be renamed: its names over time are its PlaceNames."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Stays the same whatever the place is called.")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="places", verbose_name=_("country")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        permissions = [("publish_place", _("Can publish changes to places"))]

    def __str__(self):
        return self.name_on() or self.slug

    def clean(self):
        from organisation.models.profile import Organisation

        if (
            self.pk
            and Organisation.objects.filter(secretariat_place=self)
            .exclude(secretariat_country=self.country_id)
            .exists()
        ):
            # The profile shows them together (Organisation.clean checks the other way).
            raise ValidationError(
                {
                    "country": _(
                        "This is the Secretariat's city: change the organisation profile's country first."
                    )
                }
            )

    def name_on(self, date=None):
        """The place's name on a day (today by default), in the active language.

        Reads prefetched `names` when there are any, to save a query per place."""
        date = date or timezone.localdate()
        for name in self.names.all():
            if (name.used_from is None or name.used_from <= date) and (
                name.used_until is None or name.used_until > date
            ):
                return name.name
        return ""


class PlaceName(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names", verbose_name=_("place"))
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "Shown as the Secretariat's city on the home page, the About page and relations pages, "
            "while it is the name in use."
        ),
    )
    used_from = models.DateField(
        _("used from"), null=True, blank=True, help_text=_("Empty: since before any date the site shows.")
    )
    used_until = models.DateField(
        _("used until"),
        null=True,
        blank=True,
        help_text=_("The first day of the next name; empty while in use."),
    )

    objects = PlaceNameQuerySet.as_manager()

    class Meta:
        ordering = [models.F("used_from").asc(nulls_first=True)]
        verbose_name = _("name of the place")
        verbose_name_plural = _("names of the place over time")

    def __str__(self):
        return self.name

    def clean(self):
        if self.used_from and self.used_until and self.used_until <= self.used_from:
            raise ValidationError({"used_until": _("The end must come after the start.")})
