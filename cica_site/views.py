"""The site's own pages, which belong to no one app: the home page, the search and robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from events.models import Meeting
from organisation import search as site_search
from organisation.context_processors import get_site_organisation
from organisation.models import Body, Membership, PolicyPage, Relation
from organisation.structured_data import organisation_data, organisation_id


def home(request):
    organisation = get_site_organisation(request)
    recent_relations = list(
        Relation.objects.published().select_related("country").order_by("-updated_at")[:5]
    )
    for relation in recent_relations:
        if not relation.title:  # Assigning a title stores it as this language's translation.
            relation.title = relation.display_title(organisation)
    meetings = Meeting.objects.published().select_related("host_country")
    # Read only when the cached fragments of the page that show them (home.html) are not found.
    members = SimpleLazyObject(
        lambda: list(Membership.objects.members().as_of().with_relation_links().order_by("country__name"))
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
        "home.html",
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


def search(request):
    """The site search (organisation.search): the public content of every kind, in the page's language."""
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    kinds = site_search.kinds()
    kind = request.GET.get("type")
    context = {"search_query": query, "kind": kind if kind in kinds else None}
    status = 200
    if query:
        try:
            results = site_search.search(query, get_language(), context["kind"], request.GET.get("page"))
        except site_search.QueryError as error:
            context["error"] = error
            status = 400
        else:
            all_count = sum(results.counts.values())
            context["results"] = results
            context["types"] = [(None, _("All"), all_count)] + [
                (name, label, results.counts[name]) for name, label in kinds.items() if name in results.counts
            ]
    return render(request, "search.html", context, status=status)


@require_GET
def robots_txt(request):
    """Everything public may be crawled but the admin and the endless search result pages."""
    lines = ["User-agent: *"]
    if settings.ADMIN_PATH == "admin/":  # A custom admin address is not given away here.
        lines.append("Disallow: /admin/")
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines.append("Sitemap: " + request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap")))
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
