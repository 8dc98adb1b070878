from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.generic import DetailView

from organisation.context_processors import get_site_organisation
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    PolicyPage,
    Relation,
)


def _meetings():
    # `organisation` never imports `events`: the meeting table is reached through a reverse relation.
    return Country.hosted_meetings.field.model.objects.published()


def _with_relation_links(memberships):
    """Memberships with their country and, as country.published_relation, its public relations page."""
    return memberships.select_related("country").prefetch_related(
        Prefetch("country__relation", queryset=Relation.objects.published(), to_attr="published_relation")
    )


def home(request):
    organisation = get_site_organisation(request)
    recent_relations = list(
        Relation.objects.published().select_related("country").order_by("-updated_at")[:5]
    )
    for relation in recent_relations:
        relation.title = relation.title or relation.default_title(organisation)
    meetings = _meetings().select_related("host_country")
    return render(
        request,
        "organisation/home.html",
        {
            "member_count": Membership.objects.members().as_of().count(),
            "bodies": Body.objects.all(),
            "upcoming_meetings": meetings.upcoming()[:3],
            "past_meetings": meetings.past()[:3],
            "members": _with_relation_links(Membership.objects.members().as_of().order_by("country__name")),
            "recent_relations": recent_relations,
            "recent_policy_pages": PolicyPage.objects.published().order_by("-updated_at")[:5],
        },
    )


def organisation_detail(request):
    organisation = get_site_organisation(request)
    if organisation is None:
        raise Http404("No published organisation profile.")
    return render(
        request,
        "organisation/organisation_detail.html",
        {
            "organisation": organisation,
            "bodies": Body.objects.all(),
            "founding_documents": FoundingDocument.objects.published().select_related("adopted_at"),
            "members": list(_with_relation_links(Membership.objects.members().as_of())),
            "observers": list(_with_relation_links(Membership.objects.observers().as_of())),
        },
    )


def country_list(request):
    return render(
        request,
        "organisation/country_list.html",
        {
            "members": list(
                _with_relation_links(Membership.objects.members().as_of().order_by("country__name"))
            ),
            "observers": list(
                _with_relation_links(
                    Membership.objects.observers()
                    .as_of()
                    .order_by("status", "country__name", "organisation_name")
                )
            ),
        },
    )


def measure_list(request):
    measures = Measure.objects.prefetch_related(
        Prefetch("coordinators", queryset=Coordinator.objects.as_of().select_related("country"))
    )
    return render(
        request,
        "organisation/measure_list.html",
        {
            "areas": MeasureArea.objects.prefetch_related(Prefetch("measures", queryset=measures)),
            "unassigned_measures": measures.filter(area__isnull=True),
        },
    )


class RelationDetailView(DetailView):
    def get_queryset(self):
        return Relation.objects.published().select_related("country")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relation = self.object
        country = relation.country
        organisation = get_site_organisation(self.request)
        # Shown as the h1 and in the share links: fill in the default without a query per use.
        relation.title = relation.title or relation.default_title(organisation)
        context.update(
            {
                "country": country,
                "organisation": organisation,
                "member_count": Membership.objects.members().as_of().count(),
                "bodies": Body.objects.all(),
                "founding_documents": list(FoundingDocument.objects.published()),
                "membership": country.memberships.as_of().first(),
                "coordinator_roles": country.coordinator_roles.as_of().select_related("measure"),
                "meetings": country.hosted_meetings.model.objects.published()
                .for_country(country)
                .select_related("host_country", "organising_country")
                .order_by("start_date", "start_time"),
            }
        )
        return context


class PolicyPageDetailView(DetailView):
    def get_queryset(self):
        return PolicyPage.objects.published()
