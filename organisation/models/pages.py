"""Pages: one relations page per member state, and the policy pages."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisation.models.profile import Organisation
from organisation.models.publishing import Publishable
from organisation.models.registry import Country
from organisation.models.rich_text import rich_text_field


class Relation(Publishable):
    """The page on relations between the organisation and one member state."""

    country = models.OneToOneField(
        Country,
        on_delete=models.PROTECT,
        related_name="relation",
        verbose_name=_("country"),
        error_messages={"unique": _("This country has a relations page already: edit that one.")},
        help_text=_("One page per country."),
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_(
            "The page's heading. Leave empty for the standard title, made of the organisation's acronym "
            "and the country's name."
        ),
    )
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True, help_text=_("The page's address; keep it stable.")
    )
    lead = models.TextField(
        _("lead paragraph"),
        help_text=_("The opening paragraph, plain text: also the summary in feeds and search results."),
    )
    body = rich_text_field(
        _("narrative"),
        blank=True,
        help_text=_(
            "The rest of the story. Membership dates, coordinator roles and meetings are added "
            "from the registry and the meeting table: do not type them here."
        ),
    )

    class Meta:
        ordering = ["country__name"]
        verbose_name = _("relations page")
        verbose_name_plural = _("relations pages")
        permissions = [("publish_relation", _("Can publish relations pages"))]

    def __str__(self):
        return self.display_title()

    def get_absolute_url(self):
        return reverse("organisation:relation-detail", kwargs={"slug": self.slug})

    def display_title(self, organisation=None):
        """The page's title: its own, or “Relations between <acronym> and <country>” while it has
        none. Pass the published profile where it is at hand, to save looking it up."""
        return self.title or self.default_title(organisation)

    def default_title(self, organisation=None):
        organisation = organisation or Organisation.objects.profile()
        acronym = organisation.acronym if organisation else ""
        country = self.country.name if self.country_id else ""
        return _("Relations between %(organisation)s and %(country)s") % {
            "organisation": acronym,
            "country": country,
        }

    def clean(self):
        if not self.title and self.country_id:
            self.title = self.default_title()


class PolicyPage(Publishable):
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The page's heading, and its link in the footer.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = rich_text_field(_("text"), help_text=_("The page's text."))
    in_footer = models.BooleanField(
        _("link in footer"), default=True, help_text=_("Link to the page in the footer of every page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")
        permissions = [("publish_policypage", _("Can publish policy pages"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("organisation:policy-page-detail", kwargs={"slug": self.slug})
