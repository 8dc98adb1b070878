"""The organisation's pages: about, member states, measures, relations pages, policy pages."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from organisation.context_processors import get_site_organisation
from organisation.documents import serve_pdf
from organisation.meetings import published_meetings
from organisation.models import (
    Body,
    ChairTerm,
    Coordinator,
    FactCheck,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    OfficeHolder,
    Organisation,
    PolicyPage,
    Relation,
)
from organisation.preview import PublishableDetailView, mark_preview, pending_to_preview, render_pending
from organisation.search_text import plain_text
from organisation.structured_data import organisation_data, page_data

# A relations page shows this many of the country's latest meetings, and links to the others.
RELATION_MEETINGS = 20


@require_GET
def founding_document_file(request, pk):
    document = get_object_or_404(FoundingDocument.objects.visible_to(request).exclude(file=""), pk=pk)
    response = serve_pdf(document)
    return response if document.is_published() else mark_preview(response)


def organisation_detail(request):
    organisation = get_site_organisation(request, places=True) or (
        Organisation.objects.visible_to(request).with_places().first()
    )
    if organisation is None:
        raise Http404("No published organisation profile.")
    pending = pending_to_preview(request, organisation)
    if pending is not None:
        return render_pending(
            pending, lambda: _organisation_page(request, Organisation.objects.get(), pending)
        )
    return _organisation_page(request, organisation)


def _organisation_page(request, organisation, pending=None):
    # Staff who may edit founding documents see the drafts among them, marked as such.
    founding_documents = list(FoundingDocument.objects.visible_to(request).select_related("adopted_at"))
    response = render(
        request,
        "organisation/organisation_detail.html",
        {
            "organisation": organisation,
            "preview_of": organisation if pending or not organisation.is_published() else None,
            "preview_pending": pending,
            "bodies": Body.objects.all(),
            "founding_documents": founding_documents,
            "members": list(Membership.objects.members().as_of().with_relation_links().order_by_name()),
            "observers": list(
                Membership.objects.observers().as_of().with_relation_links().order_by_name("status")
            ),
            "chair_terms": list(ChairTerm.objects.with_relation_links()),
            "office_holders": list(OfficeHolder.objects.as_of().select_related("country")),
            "fact_check": FactCheck.objects.for_panel(FactCheck.Panel.CHAIRMANSHIP),
            "structured_data": {"@context": "https://schema.org", **organisation_data(request, organisation)},
        },
    )
    if not organisation.is_published() or not all(doc.is_published() for doc in founding_documents):
        mark_preview(response)
    return response


def country_list(request):
    observers = list(Membership.objects.observers().as_of().with_relation_links().order_by_name())
    return render(
        request,
        "organisation/country_list.html",
        {
            "members": list(Membership.objects.members().as_of().with_relation_links().order_by_name()),
            "observer_states": [m for m in observers if m.status == Membership.Status.OBSERVER_STATE],
            "observer_organisations": [
                m for m in observers if m.status == Membership.Status.OBSERVER_ORGANISATION
            ],
            "fact_check": FactCheck.objects.for_panel(FactCheck.Panel.MEMBER_STATES),
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


class RelationDetailView(PublishableDetailView):
    def get_queryset(self):
        return Relation.objects.visible_to(self.request).select_related("country")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relation = self.object
        country = relation.country
        organisation = get_site_organisation(self.request, places=True)
        # Shown as the h1 and in the share links: fill in the default without a query per use.
        if not relation.title:  # Assigning a title stores it as this language's translation.
            relation.title = relation.display_title(organisation)
        # The latest meetings, in the order they took place; the meetings list has all the others.
        country_meetings = published_meetings().for_country(country)
        meetings = list(
            country_meetings.select_related("host_country", "organising_country")
            .prefetch_related("documents")
            .order_by("-start_date", "-start_time")[: RELATION_MEETINGS + 1]
        )
        meeting_count = len(meetings) if len(meetings) <= RELATION_MEETINGS else country_meetings.count()
        meetings = meetings[:RELATION_MEETINGS][::-1]
        context.update(
            {
                "country": country,
                "organisation": organisation,
                "member_count": Membership.objects.members().as_of().count(),
                "bodies": Body.objects.all(),
                "founding_documents": list(FoundingDocument.objects.published()),
                "membership": country.memberships.as_of().first(),
                "chair_terms": [term for term in country.chair_terms.all() if not term.is_future()],
                "fact_check": FactCheck.objects.for_panel(FactCheck.Panel.RELATION, relation),
                "coordinator_roles": country.coordinator_roles.as_of().select_related("measure"),
                "meetings": meetings,
                "meeting_count": meeting_count,
                "meeting_documents": [
                    (meeting, document) for meeting in meetings for document in meeting.documents.all()
                ],
                "structured_data": page_data(
                    self.request, "Article", relation, relation.title, relation.lead, organisation
                ),
            }
        )
        return context


class PolicyPageDetailView(PublishableDetailView):
    def get_queryset(self):
        return PolicyPage.objects.visible_to(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        description = Truncator(plain_text(page.body)).words(30)
        context["description"] = description
        context["structured_data"] = page_data(
            self.request, "WebPage", page, page.title, description, get_site_organisation(self.request)
        )
        return context
