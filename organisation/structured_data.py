"""schema.org data (JSON-LD) about the organisation and its pages."""

from django.urls import reverse
from django.utils.translation import get_language

from organisation.templatetags.metadata import default_share_image


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
    if organisation.contact_address:
        data["address"]["streetAddress"] = organisation.contact_address
    if organisation.contact_telephone:
        data["telephone"] = organisation.contact_telephone
    if organisation.contact_email:
        data["email"] = organisation.contact_email
    if organisation.contact_hours:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "Secretariat",
            "hoursAvailable": organisation.contact_hours,
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
        "description": description,
    }
    # Honest dates (Publishable.source_date, dates_public): never the day content was loaded.
    if page.source_date:
        data["datePublished"] = page.source_date_display()
    elif page.dates_public:
        data["datePublished"] = page.publish_at
    if page.dates_public:
        data["dateModified"] = page.last_changed_at()
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
