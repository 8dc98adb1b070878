import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica_site.settings")

django_application = get_wsgi_application()

# Pages in the cache are sent before Django builds a request (cica_site/pagecache.py).
from cica_site.pagecache import PageCacheApplication  # noqa: E402  (after Django is set up)

application = PageCacheApplication(django_application)
