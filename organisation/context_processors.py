from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from organisation.models import Organisation, PolicyPage, cache_tags

# The policy page through which visitors reach the Secretariat, for example to ask for a document
# in an accessible format.
CONTACT_PAGE_SLUG = "contact"


def get_site_organisation(request, places=False):
    """The published organisation profile, shared by views and base.html: read once per process until
    it changes (cache_tags.shared), then once per request.

    With `places`, with the Secretariat's country and city (secretariat_city): the pages that show
    them ask for it before base.html reads the profile, which is then that one. Without, neither is
    read (two joins and a query of the city's names, a quarter of what the layout reads), and the
    profile must not be asked for them: they would be read without the page's cache tags.
    """
    profiles = request.__dict__.setdefault("_site_organisations", {})
    if True not in profiles:
        if places:
            profiles[True] = cache_tags.shared("site-organisation-places", Organisation.objects.profile)
        elif False not in profiles:
            profiles[False] = cache_tags.shared(
                "site-organisation", lambda: Organisation.objects.published().first()
            )
    return profiles.get(True, profiles.get(False))


def _site_pages():
    return list(PolicyPage.objects.published().filter(Q(in_footer=True) | Q(slug=CONTACT_PAGE_SLUG)))


def site(request):
    """The organisation, the footer's policy links and the contact page, for base.html on every page.

    The footer's pages and the contact page come from one query, made when a template first uses
    either (base.html always does), and kept as the profile is.
    """
    pages = SimpleLazyObject(lambda: cache_tags.shared("site-pages", _site_pages))
    return {
        # Read when a template first uses it: the admin's pages do not.
        "site_organisation": SimpleLazyObject(lambda: get_site_organisation(request)),
        "footer_pages": SimpleLazyObject(lambda: [page for page in pages if page.in_footer]),
        "contact_page": SimpleLazyObject(
            lambda: next((page for page in pages if page.slug == CONTACT_PAGE_SLUG), None)
        ),
    }
