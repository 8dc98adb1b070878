"""The reference views of `make bench`, routed only when DJANGO_BENCH_BASELINE is on (cica_site/urls.py)
and never cached.

`baseline`: the whole middleware stack, a tiny template and one query; each page's throughput is
given as a multiple of it. `layout`: the layout all public pages share around an empty page, which
no page can be faster than.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from organisation.models import Country


@never_cache
def baseline(request):
    # No request in the context: no context processor adds a query of its own.
    context = {"country": Country.objects.order_by("pk").first()}
    return HttpResponse(render_to_string("bench/baseline.html", context))


@never_cache
def layout(request):
    return render(request, "bench/layout.html")
