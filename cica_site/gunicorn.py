"""gunicorn's configuration for production: `gunicorn -c cica_site/gunicorn.py cica_site.wsgi`.

Every value can be changed from the environment; README.md ("Deployment") lists them.
"""

import gc
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: pages are rendered on the CPU, so about two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Workers are replaced now and then, so no slow leak can grow one without bound: rarely (a page from
# the cache costs a fraction of a millisecond, so thousands a second reach a worker) and at spread-out
# times, so that workers are not all replaced at once; a new one starts warm (when_ready below).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 2
# Load the site once in the master: workers share its memory and start in an instant.
preload_app = True
# Logs on stdout, one line per request, with the request id the site also writes in its own lines.
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG") == "0" else "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
# The proxies whose X-Forwarded-Proto gunicorn believes: only one on this machine by default.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket: its default path is one per user, which two servers on one machine
# (the scale-out check) would fight over, and nothing here uses it.
control_socket_disable = True


def when_ready(server):
    """In the master, once the site is loaded and before any worker is forked: do what each worker
    would otherwise do on its first requests (compile the templates, load the translations, build
    the URL resolvers), then freeze the objects so far, so that the workers share them.

    gc.freeze() moves every object into a generation the collector no longer visits: the workers do
    not touch those objects' memory (it stays shared with the master), and each collection has less
    to walk (issue #15: 8 to 12 % of the API's time went to collecting)."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    folder = Path(settings.BASE_DIR) / "templates"
    for path in sorted(folder.rglob("*.html")):
        name = str(path.relative_to(folder))
        if not name.startswith("admin/"):  # The admin's, for staff only, compile in the workers.
            get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("home")
    gc.freeze()
