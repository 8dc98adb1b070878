from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from cica_site import bench, media, views
from events import sitemaps as events_sitemaps
from organisation import dashboard
from organisation import sitemaps as organisation_sitemaps

SITEMAPS = {
    "pages": organisation_sitemaps.PageSitemap,
    "relations": organisation_sitemaps.RelationSitemap,
    "policies": organisation_sitemaps.PolicyPageSitemap,
    "meeting-list": events_sitemaps.MeetingListSitemap,
    "meetings": events_sitemaps.MeetingSitemap,
}

urlpatterns = [
    path(
        f"{settings.ADMIN_PATH}translations/",
        admin.site.admin_view(dashboard.translation_overview),
        name="translation-overview",
    ),
    # DJANGO_ADMIN_PATH, "admin/" by default.
    path(settings.ADMIN_PATH, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # Outside i18n_patterns: API addresses carry no language.
    path("api/v1/", include("cica_site.api")),
]

# Public pages carry their language: /en/…, /ru/…, /az/…. A visitor to / is sent to the
# language their browser prefers among the site's, English otherwise (LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    # Before the policy pages' catch-all slug: the contact policy page's address is this page's.
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact-sent"),
    path("", include("events.urls")),
    # Last: it ends with the policy pages' catch-all slug.
    path("", include("organisation.urls")),
)

# Uploaded files, to those who may see them (cica_site/media.py): sent from here or by nginx.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve_media, name="media")]

if settings.BENCH_BASELINE:
    urlpatterns += [path("bench/baseline/", bench.baseline, name="bench-baseline")]
    urlpatterns += i18n_patterns(path("bench/layout/", bench.layout, name="bench-layout"))

# With debug off: 503 when the database is unreachable, the styled 500 page otherwise.
handler500 = "cica_site.errors.server_error"
