from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class SiteConfig(AppConfig):
    name = "cica_site"
    verbose_name = "Site"

    def ready(self):
        from cica_site import invalidation
        from organisation.models import cache_tags

        # Every read of public content is tagged while a page is rendered (the page cache collects).
        cache_tags.install(invalidation.PUBLIC_APPS, store=invalidation)
        # Signals, though we keep them out of the domain's flow: this is infrastructure that must
        # see every write whatever its path (admin, API, seed loader, restore, a revert, the shell),
        # and a receiver here is the one hook they all pass through. It only invalidates caches.
        pre_save.connect(invalidation.before_save, dispatch_uid="cache-tags-before-save")
        post_save.connect(invalidation.after_save, dispatch_uid="cache-tags-save")
        post_delete.connect(invalidation.after_delete, dispatch_uid="cache-tags-delete")
        m2m_changed.connect(invalidation.after_m2m_change, dispatch_uid="cache-tags-m2m")
