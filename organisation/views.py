from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator, slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from organisation import search as site_search
from organisation.context_processors import get_site_organisation
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    Organisation,
    PolicyPage,
    PreviewLink,
    Relation,
)
from organisation.templatetags.metadata import default_share_image

SEARCH_RESULTS_PER_PAGE = 20
# A relations page shows this many of the country's latest meetings, and links to the others.
RELATION_MEETINGS = 20


def mark_preview(response):
    """Headers for a page that shows what is not public: never stored by any cache, never indexed."""
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PublishableDetailView(DetailView):
    """The page of a Publishable, from a queryset filtered with `visible_to(request)`.

    A draft or scheduled item answers 404 to the public; staff who may change it, and holders of
    a preview link to it, see it with the “Draft: not public” banner, and the response is never
    cached or indexed.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object.is_published():
            context["preview_of"] = self.object
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published():
            mark_preview(response)
        return response


@require_GET
def preview(request, token):
    """A draft shown through a preview link, at the link's address: the page its public address
    would show, with the draft banner. An unknown, expired or revoked link, or one whose content
    is public by now, answers 404."""
    link = PreviewLink.from_token(token)
    if link is None:
        raise Http404("No such preview link, or it no longer works.")
    request.preview_link = link
    try:
        match = resolve(urlsplit(link.content_object.get_absolute_url()).path)
    except Resolver404 as exc:
        raise Http404("This item has no page to preview.") from exc
    return mark_preview(match.func(request, *match.args, **match.kwargs))


def serve_pdf(document):
    """An uploaded PDF as a download: a fixed, safe content type, never shown inline by the site."""
    try:
        file = document.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The file of this document is missing.") from exc
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"{slugify(document.title)[:80] or 'document'}.pdf",
        content_type="application/pdf",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def founding_document_file(request, pk):
    document = get_object_or_404(FoundingDocument.objects.visible_to(request).exclude(file=""), pk=pk)
    response = serve_pdf(document)
    return response if document.is_published() else mark_preview(response)


def _meetings():
    # `organisation` never imports `events`: the meeting table is reached through a reverse relation.
    return Country.hosted_meetings.field.model.objects.published()


def _with_relation_links(memberships):
    """Memberships with their country and, as country.published_relation, its public relations page."""
    return memberships.select_related("country").prefetch_related(
        Prefetch("country__relation", queryset=Relation.objects.published(), to_attr="published_relation")
    )


def organisation_id(request):
    """The organisation's JSON-LD identity: one in every language, so the pages that mention it all
    point to the same thing."""
    return request.build_absolute_uri("/") + "#organisation"


def organisation_data(request, organisation):
    """schema.org Organization for the organisation, for JSON-LD."""
    if organisation is None:
        return None
    data = {
        "@type": "Organization",
        "@id": organisation_id(request),
        "name": organisation.name,
        "alternateName": organisation.acronym,
        "url": request.build_absolute_uri(reverse("home")),
        "description": organisation.purpose,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": organisation.secretariat_city,
            "addressCountry": organisation.secretariat_country.code,
        },
    }
    if organisation.logo:
        data["logo"] = request.build_absolute_uri(organisation.logo.url)
    if organisation.website:
        data["sameAs"] = [organisation.website]
    return data


def page_data(request, page_type, page, title, description, organisation):
    """schema.org Article or WebPage with its publication and last change, for JSON-LD."""
    url = request.build_absolute_uri(page.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": page_type,
        "url": url,
        "inLanguage": get_language(),
        "datePublished": page.publish_at,
        "dateModified": page.last_changed_at(),
        "description": description,
    }
    if page_type == "Article":
        data["headline"] = title
        data["mainEntityOfPage"] = url
        data["image"] = default_share_image(request, organisation)["url"]
    else:
        data["name"] = title
    if organisation:
        reference = {"@id": organisation_id(request), "name": organisation.name}
        data["publisher"] = {"@type": "Organization", **reference}
        if page_type == "Article":
            data["author"] = {"@type": "Organization", **reference}
    return data


def home(request):
    organisation = get_site_organisation(request)
    recent_relations = list(
        Relation.objects.published().select_related("country").order_by("-updated_at")[:5]
    )
    for relation in recent_relations:
        if not relation.title:  # Assigning a title stores it as this language's translation.
            relation.title = relation.default_title(organisation)
    meetings = _meetings().select_related("host_country")
    # Read only when the cached fragments of the page that show them (home.html) are not found.
    members = SimpleLazyObject(
        lambda: list(_with_relation_links(Membership.objects.members().as_of().order_by("country__name")))
    )
    structured_data = None
    if organisation:
        structured_data = {
            "@context": "https://schema.org",
            "@graph": [
                organisation_data(request, organisation),
                {
                    "@type": "WebSite",
                    "name": organisation.name,
                    "url": request.build_absolute_uri(reverse("home")),
                    "inLanguage": get_language(),
                    "publisher": {"@id": organisation_id(request)},
                },
            ],
        }
    return render(
        request,
        "organisation/home.html",
        {
            "member_count": SimpleLazyObject(lambda: len(members)),
            "bodies": Body.objects.all(),
            "upcoming_meetings": meetings.upcoming()[:3],
            "past_meetings": meetings.past()[:3],
            "members": members,
            "recent_relations": recent_relations,
            "recent_policy_pages": PolicyPage.objects.published().order_by("-updated_at")[:5],
            "structured_data": structured_data,
        },
    )


def organisation_detail(request):
    organisation = get_site_organisation(request) or (
        Organisation.objects.visible_to(request).select_related("secretariat_country").first()
    )
    if organisation is None:
        raise Http404("No published organisation profile.")
    # Staff who may edit founding documents see the drafts among them, marked as such.
    founding_documents = list(FoundingDocument.objects.visible_to(request).select_related("adopted_at"))
    response = render(
        request,
        "organisation/organisation_detail.html",
        {
            "organisation": organisation,
            "preview_of": None if organisation.is_published() else organisation,
            "bodies": Body.objects.all(),
            "founding_documents": founding_documents,
            "members": list(_with_relation_links(Membership.objects.members().as_of())),
            "observers": list(_with_relation_links(Membership.objects.observers().as_of())),
            "structured_data": {"@context": "https://schema.org", **organisation_data(request, organisation)},
        },
    )
    if not organisation.is_published() or not all(doc.is_published() for doc in founding_documents):
        mark_preview(response)
    return response


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


class RelationDetailView(PublishableDetailView):
    def get_queryset(self):
        return Relation.objects.visible_to(self.request).select_related("country")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relation = self.object
        country = relation.country
        organisation = get_site_organisation(self.request)
        # Shown as the h1 and in the share links: fill in the default without a query per use.
        if not relation.title:  # Assigning a title stores it as this language's translation.
            relation.title = relation.default_title(organisation)
        # The latest meetings, in the order they took place; the meetings list has all the others.
        country_meetings = _meetings().for_country(country)
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
        description = Truncator(site_search.plain_text(page.body)).words(30)
        context["description"] = description
        context["structured_data"] = page_data(
            self.request, "WebPage", page, page.title, description, get_site_organisation(self.request)
        )
        return context


def search(request, sources):
    """The site search. `sources` (organisation.search.Source) come from the URL configuration."""
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    organisation = get_site_organisation(request)
    results = site_search.search(sources, query, {"organisation": organisation}) if query else []
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisation/search.html",
        {
            "search_query": query,
            "words": site_search.parse_query(query),
            "page_obj": page,
            "results": page.object_list,
            "result_count": len(results),
        },
    )


@require_GET
def robots_txt(request):
    """Everything public may be crawled but the admin and the endless search result pages."""
    lines = ["User-agent: *"]
    if settings.ADMIN_PATH == "admin/":  # A custom admin address is not given away here.
        lines.append("Disallow: /admin/")
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines.append("Sitemap: " + request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap")))
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
