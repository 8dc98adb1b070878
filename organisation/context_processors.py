from organisation.models import Organisation, PolicyPage


def get_site_organisation(request):
    """The published organisation profile, fetched once per request and shared by view and base.html."""
    if not hasattr(request, "_site_organisation"):
        request._site_organisation = (
            Organisation.objects.published().select_related("secretariat_country").first()
        )
    return request._site_organisation


def site(request):
    """The organisation and the footer's policy links, for base.html on every page."""
    return {
        "site_organisation": get_site_organisation(request),
        "footer_pages": PolicyPage.objects.published().filter(in_footer=True),
    }
