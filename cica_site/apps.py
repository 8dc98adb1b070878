from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class SiteConfig(AppConfig):
    name = "cica_site"
    verbose_name = "Site"

    def ready(self):
        from cica_site import invalidation
        from events import search as events_search
        from organisation import search
        from organisation.models import cache_tags

        # What the site search finds: the organisation's content and the meetings'. Registering a
        # source also keeps its documents in step with every save and delete (organisation.search).
        search.register(*events_search.SOURCES, *search.SOURCES)

        # Every read of public content is tagged while a page is rendered (the page cache collects).
        cache_tags.install(invalidation.PUBLIC_APPS, store=invalidation)
        # Signals, though we keep them out of the domain's flow: this is infrastructure that must
        # see every write whatever its path (admin, API, seed loader, restore, a revert, the shell),
        # and a receiver here is the one hook they all pass through. It only invalidates caches.
        pre_save.connect(invalidation.before_save, dispatch_uid="cache-tags-before-save")
        post_save.connect(invalidation.after_save, dispatch_uid="cache-tags-save")
        post_delete.connect(invalidation.after_delete, dispatch_uid="cache-tags-delete")
        m2m_changed.connect(invalidation.after_m2m_change, dispatch_uid="cache-tags-m2m")


class AdminConfig(DjangoAdminConfig):
    """Django's admin, with the site organised by task (cica_site.admin_site) as `admin.site`."""

    default_site = "cica_site.admin_site.AdminSite"

    def ready(self):
        from django.contrib.admin import options
        from django.db import models

        from cica_site.admin_site import LabelledSplitDateTime

        # Every admin's date-time fields, before the admin modules are read (super().ready()):
        # each ModelAdmin copies these defaults when it is made.
        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField]["widget"] = LabelledSplitDateTime
        super().ready()
