"""Logs on stdout, one line per record, each with the id of the request it was written for.

The id comes from RequestIdMiddleware (cica_site/middleware.py), which takes the proxy's
X-Request-ID or makes one, and sends it back in the response: a visitor who reports a problem can
quote it, and the matching line is one grep away. Imported by LOGGING, so nothing here may import
Django's models.
"""

import contextvars
import logging

# "-" outside a request: a management command, gunicorn's start-up.
request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    """A record and its traceback on one line: a log collector keeps each error whole, and one
    error is one line to count."""

    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", " | ")
