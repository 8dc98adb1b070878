"""Pages of a list on the site: numbered from 1, and a page that does not exist is a 404.

Django's Paginator.get_page() answers a page past the last with the last one and anything that is
not a number with the first, so a wrong address shows a page under a number it does not have.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def page_or_404(object_list, per_page, number):
    """The page `number` (a query string value, None for the first) of `object_list`, or Http404."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(1 if number in (None, "") else number)
    except InvalidPage as exc:
        raise Http404(
            _("There is no page %(number)s: the pages are numbered from 1 to %(last)d.")
            % {"number": number, "last": paginator.num_pages}
        ) from exc
