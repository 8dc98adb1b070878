from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _query(**params):
    return urlencode(params, quote_via=quote, safe="")


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, object_or_title):
    """The "Share this page" block: plain links built here, so they work without JavaScript.

    Give it the page's object (its get_absolute_url() is the canonical address) or, on a page
    without one, the page's title (the request's path is the address).
    """
    request = context["request"]
    if hasattr(object_or_title, "get_absolute_url"):
        url = request.build_absolute_uri(object_or_title.get_absolute_url())
    else:
        url = request.build_absolute_uri(request.path)
    title = str(object_or_title)
    links = [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)),
        ("X", "https://twitter.com/intent/tweet?" + _query(url=url, text=title)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url)),
        ("Telegram", "https://t.me/share/url?" + _query(url=url, text=title)),
        ("WhatsApp", "https://wa.me/?" + _query(text=f"{title} {url}")),
        (_("Email"), "mailto:?" + _query(subject=title, body=url)),
    ]
    return {"url": url, "title": title, "links": [{"name": name, "href": href} for name, href in links]}
