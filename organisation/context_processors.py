from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from organisation.models import Organisation, PolicyPage, cache_tags

# The policy page through which visitors reach the Secretariat, for example to ask for a document
# in an accessible format.
CONTACT_PAGE_SLUG = "contact"


def get_site_organisation(request):
    """The published organisation profile, shared by view and base.html: read once per process until
    it changes (cache_tags.shared), then once per request."""
    if not hasattr(request, "_site_organisation"):
        request._site_organisation = cache_tags.shared("site-organisation", Organisation.objects.profile)
    return request._site_organisation


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
