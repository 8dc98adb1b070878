from organisation.models import Organisation, PolicyPage


def site(request):
    """The organisation and the footer's policy links, for base.html on every page."""
    return {
        "site_organisation": Organisation.objects.published().select_related("secretariat_country").first(),
        "footer_pages": PolicyPage.objects.published().filter(in_footer=True),
    }
