"""Uploaded files, served to those who may see them, so that none can ever act as a page of the site.

Every file address is /media/<name> (the storages' url()), and this view answers it: the row that
holds the file decides who may have it (organisation.media): a published item's files are public,
a draft's are for those who may see the draft, and a file no row holds is for nobody. Then:

- on local disk, with DJANGO_SERVE_MEDIA (debug, `make serve`), the file is sent from here;
- on local disk in production, nginx sends it: the answer is an X-Accel-Redirect to the internal
  location MEDIA_INTERNAL_URL (README, "Behind nginx"), with the headers below, which nginx keeps;
- in object storage (cica_site.storage.S3MediaStorage), the bucket is private and the answer is a
  redirect to a short-lived signed address of the object.

Images are shown inline, under a policy that runs nothing; anything else is a download, whatever
its name. Public files may be kept by browsers and shared caches for a day; others by no cache.
"""

import posixpath
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from organisation.media import may_fetch

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
PUBLIC_MAX_AGE = 86400
# How long a signed address of an object in the bucket works.
SIGNED_URL_SECONDS = 3600


@require_safe
def serve_media(request, path):
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "../")):
        raise Http404("No such file.")
    allowed, public = may_fetch(request, name)
    if not allowed:
        raise Http404("No such file, or not public.")
    storage = default_storage
    if not isinstance(storage, FileSystemStorage):
        response = HttpResponseRedirect(storage.signed_url(name, SIGNED_URL_SECONDS))
    elif settings.SERVE_MEDIA:
        response = serve(request, path, document_root=storage.location)
    else:
        if not storage.exists(name):
            raise Http404("No such file.")
        response = HttpResponse()
        response.headers["X-Accel-Redirect"] = settings.MEDIA_INTERNAL_URL + quote(name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in INLINE_TYPES:
        response.headers["Content-Type"] = INLINE_TYPES[suffix]
    else:
        response.headers["Content-Type"] = "application/octet-stream"
        response.headers["Content-Disposition"] = "attachment"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    if public:
        # A signed address stops working: a redirect to one is kept for less than it works.
        max_age = PUBLIC_MAX_AGE if response.status_code != 302 else SIGNED_URL_SECONDS // 2
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        add_never_cache_headers(response)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
