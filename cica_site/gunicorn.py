"""gunicorn's configuration for production: `gunicorn -c cica_site/gunicorn.py cica_site.wsgi`.

Every value can be changed from the environment; README.md ("Deployment") lists them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: pages are rendered on the CPU, so about two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Workers are replaced now and then, so no slow leak can grow one without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
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
