"""The baseline of `make bench`: the whole middleware stack, a tiny template and one query.

Routed only when DJANGO_BENCH_BASELINE is on (cica_site/urls.py), and never cached, so each page's
throughput can be given as a multiple of it.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from organisation.models import Country


@never_cache
def baseline(request):
    # No request in the context: no context processor adds a query of its own.
    context = {"country": Country.objects.order_by("pk").first()}
    return HttpResponse(render_to_string("bench/baseline.html", context))
