from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from organisation import views as organisation_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", organisation_views.home, name="home"),
    path("", include("events.urls")),
    # Last: it ends with the policy pages' catch-all slug.
    path("", include("organisation.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
