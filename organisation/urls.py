from django.urls import path

from organisation import preview, views
from organisation.feeds import RelationFeed

app_name = "organisation"

urlpatterns = [
    path("about/", views.organisation_detail, name="organisation-detail"),
    path("member-states/", views.country_list, name="country-list"),
    path("measures/", views.measure_list, name="measure-list"),
    path("feeds/relations/", RelationFeed(), name="relation-feed"),
    path("relations/<slug:slug>/", views.RelationDetailView.as_view(), name="relation-detail"),
    path("documents/founding/<int:pk>/", views.founding_document_file, name="founding-document-file"),
    # A draft shown to a reviewer without an account (organisation.models.PreviewLink).
    path("preview/<str:token>/", preview.preview, name="preview"),
    # Last: a policy page's address is a bare slug, so every other route must match first.
    path("<slug:slug>/", views.PolicyPageDetailView.as_view(), name="policy-page-detail"),
]
