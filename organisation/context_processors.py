from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from organisation.models import Organisation, PolicyPage, cache_tags
from organisation.models.prepared import now_parameter, now_value, prepared_first, prepared_objects

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
            profiles[False] = cache_tags.shared("site-organisation", _site_profile)
    return profiles.get(True, profiles.get(False))


# The layout's two queries, on every page when nothing is kept (cache_tags.shared): built and
# compiled by the ORM once per process and language (organisation.models.prepared), which had cost
# more than running them.


def _site_profile():
    return prepared_first(
        ("site-organisation", get_language()),
        lambda: Organisation.objects.published(now=now_parameter()).order_by("pk")[:1],
        now_value(),
    )


def _site_pages():
    return prepared_objects(
        ("site-pages", get_language()),
        lambda: PolicyPage.objects.published(now=now_parameter()).filter(
            Q(in_footer=True) | Q(slug=CONTACT_PAGE_SLUG)
        ),
        now_value(),
    )


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
