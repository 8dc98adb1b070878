"""What a page tells machines about itself: title, description, canonical URL, Open Graph and X
cards, and schema.org JSON-LD.

A page's template calls `{% page_metadata title ... %}` in its `metadata` block; views build the
JSON-LD data (they know the objects) and templates print it with the `json_ld` filter.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Open Graph names locales with a territory; these are the usual ones for each of the site's languages.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "az": "az_AZ"}

# The default share image, one per language (the organisation's name is written on it), and its size.
SHARE_IMAGE = "img/share-{language}.png"
SHARE_IMAGE_SIZE = (1200, 630)

# Like django.utils.html.json_script: nothing in the data can close the script element or open a comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def canonical_url(context):
    """The page's canonical address: the view's `canonical_url` when it sets one, else the path alone."""
    request = context["request"]
    return context.get("canonical_url") or request.build_absolute_uri(request.path)


def default_share_image(request, organisation=None):
    language = get_language() if get_language() in OG_LOCALES else settings.LANGUAGE_CODE
    width, height = SHARE_IMAGE_SIZE
    if organisation:
        alt = _("The name of the %(acronym)s: %(name)s") % {
            "acronym": organisation.acronym,
            "name": organisation.name,
        }
    else:
        alt = ""
    return {
        "url": request.build_absolute_uri(static(SHARE_IMAGE.format(language=language))),
        "width": width,
        "height": height,
        "alt": alt,
    }


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_metadata(
    context,
    title="",
    description="",
    type="website",
    image=None,
    published=None,
    modified=None,
    robots="",
    canonical=True,
):
    """<title>, meta description, canonical link, Open Graph and X card tags for one page.

    `title` is the page's own title; the site's acronym is added after it. `image` is a dict
    with url, width, height and alt; without one, the site's default share image is used.
    """
    request = context["request"]
    organisation = context.get("site_organisation")
    site_name = organisation.name if organisation else ""
    # `title` may come escaped already (blocktranslate … asvar): format_html escapes only the rest.
    full_title = (
        format_html("{} – {}", title, organisation.acronym) if title and organisation else title or site_name
    )
    description = description or (organisation.purpose if organisation else "")
    language = get_language()
    return {
        "full_title": full_title,
        "title": title or site_name,
        "description": description,
        "site_name": site_name,
        "type": type,
        "url": canonical_url(context) if canonical else "",
        "locale": OG_LOCALES.get(language, OG_LOCALES[settings.LANGUAGE_CODE]),
        "locale_alternates": [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language],
        "image": image or default_share_image(request, organisation),
        "published": published,
        "modified": modified,
        "robots": robots,
    }


@register.filter
def json_ld(data):
    """`data` as a schema.org JSON-LD element, escaped so that no text in it can end the element."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text.translate(_JSON_ESCAPES))
    )


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, current_title, parent_url="", parent_title=""):
    """The schema.org BreadcrumbList of includes/breadcrumbs.html, as JSON-LD."""
    request = context["request"]
    trail = [(_("Home"), request.build_absolute_uri(reverse("home")))]
    if parent_url:
        trail.append((parent_title, request.build_absolute_uri(parent_url)))
    trail.append((current_title, canonical_url(context)))
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": str(name), "item": url}
                for position, (name, url) in enumerate(trail, start=1)
            ],
        }
    )
