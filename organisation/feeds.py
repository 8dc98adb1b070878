"""Atom feed of the relations pages, latest change first, in the language of its address."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from organisation.models import Organisation, Relation, clean_text

FEED_LENGTH = 50


def _storable_in_xml(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_storable_in_xml(item) for item in value)
    return value


class CleanTextAtom1Feed(Atom1Feed):
    """Atom without the control characters XML cannot hold, which Django's feed writer would raise
    on: text is stored without them (organisation.models.text), but rows older than that, or
    written by QuerySet.update(), may still hold some, and a feed must not be a 500 for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_storable_in_xml, args), **{k: _storable_in_xml(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_storable_in_xml, args), **{k: _storable_in_xml(v) for k, v in kwargs.items()})


class OrganisationFeed(Feed):
    """An Atom feed of the organisation's: its published profile names the feed and its author."""

    feed_type = CleanTextAtom1Feed

    def get_object(self, request, *args, **kwargs):
        return Organisation.objects.profile()

    def author_name(self, organisation):
        return organisation.name if organisation else None

    def item_title(self, item):
        # An Atom title is text, which the feed's XML escapes: Django's default escapes it once more
        # (for RSS), and readers would show "&lt;" for "<".
        return str(item)


class RelationFeed(OrganisationFeed):
    # The summary is HTML: the plain-text lead goes through a template, escaped.
    description_template = "organisation/feed_relation_description.html"

    def title(self, organisation):
        if organisation:
            return _("Relations pages of the %(acronym)s") % {"acronym": organisation.acronym}
        return _("Relations pages")

    def subtitle(self, organisation):
        return _("Pages on relations with each member state, as they are published and updated.")

    def link(self, organisation):
        return reverse("organisation:country-list")

    def items(self, organisation):
        # A scheduled page appears when its publication time comes, after its last save.
        relations = list(
            Relation.objects.published()
            .select_related("country")
            .with_last_change()
            .order_by("-changed_at", "pk")[:FEED_LENGTH]
        )
        for relation in relations:
            if not relation.title:  # Assigning a title stores it as this language's translation.
                relation.title = relation.display_title(organisation)
        return relations

    def item_pubdate(self, relation):
        return relation.publish_at

    def item_updateddate(self, relation):
        return relation.changed_at
