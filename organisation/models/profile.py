"""The organisation the site presents: its profile, decision-making bodies and founding documents."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisation.meetings import MEETING_MODEL
from organisation.models.publishing import Publishable, PublishableQuerySet
from organisation.models.rich_text import rich_text_field
from organisation.models.translations import Translatable
from organisation.models.uploads import ImageUploadField, PdfUploadField, WithPdfDetails, WithRenditions
from organisation.models.versions import Versioned


class OrganisationQuerySet(PublishableQuerySet):
    def profile(self):
        """The profile the public sees: the published one, or None before it is published."""
        return self.with_places().published().first()

    def with_places(self):
        """With the Secretariat's country and city, and the city's names over time."""
        return self.select_related("secretariat_country", "secretariat_place").prefetch_related(
            "secretariat_place__names"
        )


class Organisation(WithRenditions, Publishable):
    """The organisation the site presents. There is exactly one."""

    image_field_name = "logo"
    rendition_widths = (200, 400, 800)

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "Full official name, shown in the header and footer of every page and on the About page."
        ),
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        help_text=_("For example: CICA. Shown in the header of every page and in titles."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    purpose = models.TextField(
        _("purpose"),
        help_text=_(
            "Why the organisation exists, in one or two sentences: it opens the home page and the About page."
        ),
    )
    history = rich_text_field(
        _("history"),
        blank=True,
        help_text=_(
            "The history of the initiative and the organisation, beyond the facts below: on the About page."
        ),
    )
    initiative_date = models.DateField(
        _("initiative date"),
        help_text=_("The day the initiative was first put forward, in the About page's opening facts."),
    )
    initiative_by = models.CharField(
        _("initiative by"),
        max_length=200,
        help_text=_("Who put it forward, as it should read in a sentence on the About page."),
    )
    initiative_event = models.CharField(
        _("initiative event"),
        max_length=200,
        blank=True,
        help_text=_("Where it was put forward, as it should read in a sentence on the About page."),
    )
    secretariat_place = models.ForeignKey(
        "Place",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("secretariat city"),
        help_text=_("The city, with its names over time: the site shows the name it has today."),
    )
    secretariat_country = models.ForeignKey(
        "Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("secretariat country"),
        help_text=_("Shown with the Secretariat's city."),
    )
    contact_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("The Secretariat's address, as it is written on an envelope."),
    )
    contact_telephone = models.CharField(
        _("telephone"), max_length=50, blank=True, help_text=_("In international form: +7 7172 000000.")
    )
    contact_email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("The Secretariat's public address.")
    )
    contact_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday, 9:00–18:00."),
    )
    logo = ImageUploadField(
        _("logo"),
        upload_to="organisation/",
        blank=True,
        help_text=_(
            "JPEG, PNG or WebP, shown on the About page. It is stored without its metadata, and "
            "resized for the pages."
        ),
    )
    website = models.URLField(_("official website"), blank=True, help_text=_("Linked from the About page."))

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profile")
        permissions = [("publish_organisation", _("Can publish the organisation profile"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail")

    @property
    def secretariat_city(self):
        """The Secretariat's city as it is named today, in the active language."""
        return self.secretariat_place.name_on() if self.secretariat_place_id else ""

    def has_contact_details(self):
        return any([self.contact_address, self.contact_telephone, self.contact_email, self.contact_hours])

    def clean(self):
        others = Organisation.objects.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("The site presents one organisation, and its profile exists already: edit it.")
            )
        place = self.secretariat_place if self.secretariat_place_id else None
        if (
            place is not None
            and self.secretariat_country_id
            and place.country_id != self.secretariat_country_id
        ):
            # The pages show them together ("Astana, Kazakhstan"): they must agree.
            raise ValidationError(
                {
                    "secretariat_country": _(
                        "The Secretariat's city, %(city)s, is in %(country)s: choose that country, or "
                        "another city."
                    )
                    % {"city": place.name_on() or place.slug, "country": place.country.name}
                }
            )


class Body(Versioned, Translatable):
    """A decision-making body, such as the Summit."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "For example: Meeting of Heads of State and Government. Shown on the About page, the home "
            "page and the meetings of the body."
        ),
    )
    short_name = models.CharField(
        _("short name"), max_length=50, help_text=_("For example: Summit. Shown beside the name.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_("As it should read in a sentence on the About page: the supreme authority."),
    )
    meets_every_months = models.PositiveSmallIntegerField(
        _("meets every (months)"),
        null=True,
        blank=True,
        help_text=_("Months between regular meetings: 48 for every four years."),
    )
    meets_at_least = models.BooleanField(
        _("at least this often"),
        default=False,
        help_text=_("Tick when the interval is a minimum: “no less than once a year”."),
    )
    frequency_note = models.CharField(
        _("frequency note"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: in accordance with the Rules of Procedure. Shown after how often it meets."
        ),
    )
    description = rich_text_field(
        _("description"), blank=True, help_text=_("Shown under the body's name on the About page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("decision-making body")
        verbose_name_plural = _("decision-making bodies")
        permissions = [("publish_body", _("Can publish changes to decision-making bodies"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + f"#{self.slug}"

    def frequency(self):
        """How often the body meets, in words: "every 4 years", "no less than once a year"."""
        months = self.meets_every_months
        if not months:
            text = ""
        elif months % 12 == 0:
            years = months // 12
            if self.meets_at_least:
                text = ngettext("no less than once a year", "no less than once every %(n)d years", years) % {
                    "n": years
                }
            else:
                text = ngettext("every year", "every %(n)d years", years) % {"n": years}
        elif self.meets_at_least:
            text = ngettext("no less than once a month", "no less than once every %(n)d months", months) % {
                "n": months
            }
        else:
            text = ngettext("every month", "every %(n)d months", months) % {"n": months}
        return ", ".join(part for part in (text, self.frequency_note) if part)


class FoundingDocument(WithPdfDetails, Publishable):
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("Shown under “Founding documents” on the About page, and on relations pages."),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=100,
        blank=True,
        help_text=_("The document's official symbol or number, if it has one, as printed on it."),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    adopted_on = models.DateField(_("adopted on"), help_text=_("Shown with the title."))
    adopted_in = models.CharField(
        _("adopted in"),
        max_length=100,
        blank=True,
        help_text=_("City where it was adopted, shown with the date."),
    )
    adopted_at = models.ForeignKey(
        MEETING_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="founding_documents",
        verbose_name=_("adopted at"),
        help_text=_("The meeting that adopted it, when known: linked from the About page."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown under the title on the About page.")
    )
    file = PdfUploadField(
        _("PDF file"),
        upload_to="documents/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Downloaded from the About page; the link gives its size and number of pages."),
    )
    url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("Where the text is published: linked from the About page."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "adopted_on"]
        verbose_name = _("founding document")
        verbose_name_plural = _("founding documents")
        permissions = [("publish_foundingdocument", _("Can publish founding documents"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + f"#{self.slug}"

    def get_file_url(self):
        """The download address of the uploaded PDF: served as an attachment, never inline."""
        return reverse("organisation:founding-document-file", kwargs={"pk": self.pk})
