"""Uploaded files, served so that none can ever act as a page of the site.

Only with DJANGO_SERVE_MEDIA (on with debug, and in `make serve`); in production nginx or the
object store serves them with the same rules (README, "Deployment"). Uploads are checked by their
content (organisation/images.py, organisation/documents.py): raster images and PDFs. Images are
shown inline, under a policy that runs nothing; anything else is a download, whatever its name.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.views.static import serve

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in INLINE_TYPES:
        response.headers["Content-Type"] = INLINE_TYPES[suffix]
    else:
        response.headers["Content-Type"] = "application/octet-stream"
        response.headers["Content-Disposition"] = "attachment"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
