"""The API under /api/v1/: the one router, the schema and its documentation page."""

from csp.decorators import csp_update
from django.urls import path, re_path
from rest_framework import routers

from cica_site.rest import not_found
from events.api import MeetingViewSet
from organisation.api import (
    BodyViewSet,
    ChairTermViewSet,
    CountryViewSet,
    FoundingDocumentViewSet,
    MeasureViewSet,
    MembershipViewSet,
    OfficeHolderViewSet,
    OrganisationView,
    PolicyPageViewSet,
    RelationViewSet,
)

app_name = "api"


class ApiRouter(routers.DefaultRouter):
    """Lists on the API's front page, beside the router's own endpoints, those added by hand."""

    extra_root_entries = {"organisation": "organisation-detail"}

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        api_root_dict = dict(self.extra_root_entries)
        for prefix, _viewset, basename in self.registry:
            api_root_dict[prefix] = list_name.format(basename=basename)
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = ApiRouter()
router.register("bodies", BodyViewSet, basename="body")
router.register("founding-documents", FoundingDocumentViewSet, basename="founding-document")
router.register("countries", CountryViewSet, basename="country")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("measures", MeasureViewSet, basename="measure")
router.register("relations", RelationViewSet, basename="relation")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("policy-pages", PolicyPageViewSet, basename="policy-page")
router.register("chair-terms", ChairTermViewSet, basename="chair-term")
router.register("office-holders", OfficeHolderViewSet, basename="office-holder")


def built_on_first_request(build):
    """A view that `build()` makes when it is first asked for.

    drf-spectacular's views import DRF's test client, and with it requests and unittest: 10 MB that
    every web worker would carry for two addresses few of them ever serve.
    """
    view = None

    def lazy_view(request, *args, **kwargs):
        nonlocal view
        if view is None:
            view = build()
        return view(request, *args, **kwargs)

    return lazy_view


def build_schema_view():
    from drf_spectacular.views import SpectacularAPIView

    return SpectacularAPIView.as_view()


def build_docs_view():
    from drf_spectacular.views import SpectacularSwaggerSplitView

    # Swagger UI sets inline styles and draws its icons from data: URIs: the one page whose policy
    # is relaxed, for styles and images only (scripts stay 'self', in the split view's own file).
    return csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api:schema")
    )


urlpatterns = [
    path("organisation/", OrganisationView.as_view(), name="organisation-detail"),
    path("schema/", built_on_first_request(build_schema_view), name="schema"),
    path("docs/", built_on_first_request(build_docs_view), name="docs"),
    *router.urls,
    # Last: any other address under the API is a JSON 404 rather than the site's HTML page.
    re_path(r"^.+/$", not_found),
]
