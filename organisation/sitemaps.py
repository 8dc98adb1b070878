from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse

from organisation.meetings import published_meetings
from organisation.models import FoundingDocument, Organisation, PolicyPage, Relation


class MultilingualSitemap(Sitemap):
    """Every address in each language, with hreflang alternates and an x-default."""

    i18n = True
    alternates = True
    x_default = True


def last_change(*querysets):
    """The latest change among published items of the querysets, or None: what a page built from
    them shows cannot have changed later than that."""
    dates = [
        queryset.with_last_change().aggregate(latest=Max("changed_at"))["latest"] for queryset in querysets
    ]
    dates = [date for date in dates if date]
    return max(dates) if dates else None


class PageSitemap(MultilingualSitemap):
    """The pages that list or present the organisation.

    lastmod is the latest change of what each page shows. The member states and measures pages
    are built from the registry and the catalogue, which keep no time of change: they have no
    lastmod rather than a wrong one.
    """

    changefreq = "weekly"
    names = [
        "home",
        "organisation:organisation-detail",
        "organisation:country-list",
        "organisation:measure-list",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        organisations = Organisation.objects.published()
        if item == "home":
            return last_change(
                organisations,
                published_meetings(),
                Relation.objects.published(),
                PolicyPage.objects.published(),
            )
        if item == "organisation:organisation-detail":
            return last_change(organisations, FoundingDocument.objects.published())
        return None


class RelationSitemap(MultilingualSitemap):
    """lastmod: the page's own last change, or a later change to the meetings or profile it shows."""

    changefreq = "monthly"

    def items(self):
        country = OuterRef("country")
        meetings = (
            published_meetings()
            .filter(Q(host_country=country) | Q(organising_country=country))
            .with_last_change()
            .order_by("-changed_at")
            .values("changed_at")[:1]
        )
        self._profile_changed = last_change(Organisation.objects.published())
        return (
            Relation.objects.published()
            .with_last_change()
            .annotate(meetings_changed_at=Subquery(meetings))
            .order_by("pk")
        )

    def lastmod(self, relation):
        dates = [relation.changed_at, relation.meetings_changed_at, self._profile_changed]
        return max(date for date in dates if date)


class PolicyPageSitemap(MultilingualSitemap):
    changefreq = "yearly"

    def items(self):
        return PolicyPage.objects.published().with_last_change().order_by("pk")

    def lastmod(self, page):
        return page.changed_at
