from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

from organisation.templatetags.metadata import canonical_url

register = template.Library()


def _query(**params):
    return urlencode(params, quote_via=quote, safe="")


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, object_or_title):
    """The "Share this page" block: plain links built here, so they work without JavaScript.

    Give it the page's object (its get_absolute_url() is the canonical address) or, on a page
    without one, the page's title (the page's canonical URL is the address, filters included).
    """
    request = context["request"]
    if hasattr(object_or_title, "get_absolute_url"):
        url = request.build_absolute_uri(object_or_title.get_absolute_url())
    else:
        url = canonical_url(context)
    title = str(object_or_title)
    # The visible name is the service's, a brand name in every language; the accessible name
    # contains it and says what the link does and that it opens a new tab.
    new_tab = _("Share on %(service)s (opens in a new tab)")
    links = [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)),
        ("X", "https://twitter.com/intent/tweet?" + _query(url=url, text=title)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url)),
        ("Telegram", "https://t.me/share/url?" + _query(url=url, text=title)),
        ("WhatsApp", "https://wa.me/?" + _query(text=f"{title} {url}")),
    ]
    links = [
        {"name": name, "href": href, "label": new_tab % {"service": name}, "new_tab": True}
        for name, href in links
    ]
    # The word "Email" is translated: the hint follows it, so the accessible name always starts
    # with the visible one (WCAG 2.5.3, label in name).
    links.append(
        {
            "name": _("Email"),
            "href": "mailto:?" + _query(subject=title, body=url),
            "hint": _("(opens your email program)"),
            "new_tab": False,
        }
    )
    return {"url": url, "title": title, "links": links}
