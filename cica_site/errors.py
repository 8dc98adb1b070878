"""The server error page, and the 503 when the database is unreachable.

Django calls handler500 for any exception no view or middleware handled, with debug off. When the
exception is the database's (down, restarting, refusing connections), the visitor gets a 503 with
Retry-After instead: a styled page, or JSON under /api/. Nothing here touches the database, and no
detail of the error is shown; the log has it, with the request id. Django drops the broken
connection at the end of the request, so the site resumes by itself when the database is back.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from cica_site.rest import API_PATH_PREFIX

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    unavailable = isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS)
    status = 503 if unavailable else 500
    if request.path.startswith(API_PATH_PREFIX):
        if unavailable:
            detail = _("The service is unavailable for a moment. Try again in a minute.")
        else:
            detail = _("Something went wrong on our side. Try again in a few minutes.")
        response = JsonResponse({"detail": detail}, status=status)
    else:
        # Rendered without a request: no context processor runs, so nothing needs the database.
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
