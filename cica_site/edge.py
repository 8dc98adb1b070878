"""Purges sent to the edge caches (Varnish with xkey, deploy/varnish/) when tags are invalidated.

Each address in DJANGO_EDGE_PURGE_URLS gets `PURGE /` with the tags in `xkey-purge` (a few hundred
a request at most: Varnish limits a request header to 8 KB) and the shared secret in
`X-Purge-Token`. Sent once the change has committed and the app servers' own entries are
invalidated (cica_site.invalidation), so what the edge fetches next is the new page. Each request
has DJANGO_EDGE_PURGE_TIMEOUT seconds; a failure is logged, never raised: the edge's copies then
last until their own expiry (Surrogate-Control, at most PAGE_CACHE_SECONDS).
"""

import http.client
import logging
import urllib.parse

from django.conf import settings

logger = logging.getLogger(__name__)

TAGS_PER_REQUEST = 200


def purge(tags):
    """Purge every object tagged with one of `tags` from every configured edge cache."""
    if not settings.EDGE_PURGE_URLS or not tags:
        return
    tags = sorted(tags)
    for url in settings.EDGE_PURGE_URLS:
        for start in range(0, len(tags), TAGS_PER_REQUEST):
            _send(url, tags[start : start + TAGS_PER_REQUEST])


def _send(url, tags):
    parts = urllib.parse.urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    headers = {
        "xkey-purge": " ".join(tags),
        "xkey-purge-mode": settings.EDGE_PURGE_MODE,
        "X-Purge-Token": settings.EDGE_PURGE_TOKEN,
    }
    try:
        connection = connection_class(parts.hostname, parts.port, timeout=settings.EDGE_PURGE_TIMEOUT)
        try:
            connection.request("PURGE", parts.path or "/", headers=headers)
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
    except OSError as error:
        logger.error("Could not purge %d tags from the edge cache %s: %s", len(tags), url, error)
        return
    if response.status != 200:
        logger.error(
            "The edge cache %s refused to purge %d tags: %s %s",
            url,
            len(tags),
            response.status,
            response.reason,
        )
