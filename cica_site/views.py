"""The site's own pages, which belong to no one app: the home page, the search, the contact page and
robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cica_site.middleware import client_ip
from events.models import Meeting
from organisation import search as site_search
from organisation.context_processors import CONTACT_PAGE_SLUG, get_site_organisation
from organisation.forms import ContactForm
from organisation.mail import send_notification
from organisation.models import Body, ChairTerm, ContactMessage, FactCheck, Membership, PolicyPage, Relation
from organisation.models.contact import address_key
from organisation.structured_data import organisation_data, organisation_id, page_data


def home(request):
    organisation = get_site_organisation(request, places=True)
    # What changed in substance: relations pages and meetings (not the policy pages), latest first;
    # content loaded without a known date (dates_public off) has no date to be recent by.
    recent_relations = list(
        Relation.objects.published()
        .filter(dates_public=True)
        .select_related("country")
        .order_by("-updated_at")[:5]
    )
    for relation in recent_relations:
        if not relation.title:  # Assigning a title stores it as this language's translation.
            relation.title = relation.display_title(organisation)
    meetings = Meeting.objects.published().select_related("host_country")
    # Read only when the cached fragments of the page that show them (home.html) are not found.
    members = SimpleLazyObject(
        lambda: list(Membership.objects.members().as_of().with_relation_links().order_by_name())
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
            "recent_meetings": meetings.filter(dates_public=True).order_by("-updated_at")[:5],
            "recent_memberships": Membership.objects.exclude(joined_on=None)
            .select_related("country")
            .order_by("-joined_on")[:3],
            "observer_counts": SimpleLazyObject(lambda: Membership.objects.as_of().observer_counts()),
            "chair": SimpleLazyObject(lambda: ChairTerm.objects.with_relation_links().holder_on()),
            "fact_check": SimpleLazyObject(lambda: FactCheck.objects.for_panel(FactCheck.Panel.KEY_FACTS)),
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


@never_cache
def contact(request):
    """The contact page: the Secretariat's details and a form. A message is stored before anything
    else, then e-mailed to staff by the worker (organisation.mail); the visitor is sent to a
    confirmation page. Never cached: the page carries the visitor's CSRF token."""
    organisation = get_site_organisation(request, places=True)
    page = PolicyPage.objects.published().filter(slug=CONTACT_PAGE_SLUG).first()
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        address = client_ip(request)
        if form.is_spam():
            return redirect("contact-sent")
        if ContactMessage.objects.recent_from(address).count() >= settings.CONTACT_MESSAGES_PER_HOUR:
            form.add_error(
                None,
                _("Too many messages were sent from your address in the last hour: please try again later."),
            )
            status = 429
        elif form.is_valid():
            # Stored first, committed on its own: whatever happens to the e-mail, the message is kept.
            message = form.save(commit=False)
            message.language = get_language()
            message.address_key = address_key(address)
            message.save()
            recipients = settings.CONTACT_RECIPIENTS or [organisation.contact_email if organisation else ""]
            with translation.override(settings.LANGUAGE_CODE):  # Staff read it in the source language.
                send_notification(
                    recipients,
                    _("Message from the website: %(subject)s") % {"subject": message.subject},
                    "mail/contact_message.txt",
                    {"message": message, "admin_url": request.build_absolute_uri(message.get_absolute_url())},
                    reply_to=message.email,
                )
            return redirect("contact-sent")
        else:
            status = 400
    else:
        form = ContactForm(initial={"document": request.GET.get("document", "")[:300]})
    return render(
        request,
        "organisation/contact.html",
        {
            "organisation": organisation,
            "page": page,
            "form": form,
            "structured_data": contact_data(request, page, organisation),
        },
        status=status,
    )


def contact_data(request, page, organisation):
    """schema.org ContactPage about the organisation, with its address, telephone and e-mail."""
    if organisation is None:
        return None
    data = {"@context": "https://schema.org", "@type": "ContactPage", "url": request.build_absolute_uri()}
    if page is not None:
        data = page_data(request, "ContactPage", page, page.title, "", organisation)
    data["about"] = organisation_data(request, organisation)
    return data


@never_cache
def contact_sent(request):
    return render(request, "organisation/contact_sent.html")
