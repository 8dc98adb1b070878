"""Media in a private S3-compatible bucket (django-storages), when DJANGO_S3_BUCKET names one.

A module of its own: boto3 is imported only by a site that stores its media in a bucket.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    """Media in a private bucket: every file's address is the site's /media/…, where
    cica_site.media.serve_media decides who may have it and redirects to a short-lived signed
    address."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(self, name, expire):
        """The object's own address in the bucket, signed, working for `expire` seconds."""
        return super().url(name, expire=expire)
