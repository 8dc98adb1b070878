"""{% fragment %}: a part of a page that many pages share, rendered once until what it showed changes.

    {% load fragments %}
    {% fragment "site-footer" LANGUAGE_CODE %} … {% endfragment %}

The name and the values after it make the key. The rendered part is kept in each process's
`template_fragments` cache with the tags of what it read (organisation.models.cache_tags), and of
the shared values the page had read (the organisation's profile, the footer's pages), and used
while none of them is invalidated and it has not expired (cica_site.invalidation); a page that
uses it carries its tags, so the page cache and edge caches retire the page with it. When the tag
store cannot be read, the part is rendered every time: pages are still whole.
"""

import hashlib
import logging
import time

from django import template
from django.core.cache import caches

from cica_site import invalidation
from organisation.models import cache_tags
from organisation.models.review import in_sandbox

register = template.Library()
logger = logging.getLogger(__name__)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        # In a review sandbox (a pending version's preview), neither read nor kept: see cache_tags.shared().
        if not invalidation.keeps_values() or in_sandbox():
            return self.nodelist.render(context)
        parts = [self.name.resolve(context), *(value.resolve(context) for value in self.vary_on)]
        key = "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        cache = caches["template_fragments"]
        now = time.time()
        try:
            entry = cache.get(key)
            if entry is not None and entry[3] > now and invalidation.valid(entry[1], entry[2]):
                cache_tags.add(entry[1])
                return entry[0]
            seq = invalidation.seq()
        except Exception:
            logger.exception("Could not read the cache tags: the fragment is rendered.")
            return self.nodelist.render(context)
        with cache_tags.collect() as tags:
            content = self.nodelist.render(context)
        # What the page read before, once for all pages (the profile), the fragment may show too.
        tags = frozenset(cache_tags.compact(tags | cache_tags.shared_tags()) | {invalidation.SITE_TAG})
        try:
            expires = invalidation.expires_at(tags, now)
            cache.set(key, (content, tags, seq, expires), max(1, int(expires - now)))
        except Exception:
            logger.exception("Could not keep a rendered fragment.")
        return content


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name, and the values it varies on.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
