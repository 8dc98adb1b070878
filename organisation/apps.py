from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from django.db.backends.signals import connection_created

        from organisation import history
        from organisation.collation import register_sqlite_collations
        from organisation.models import text

        # A signal, though we keep them out of the domain's flow: text hygiene must see every save of
        # every model, whatever its path, as the page cache's invalidation does (cica_site/apps.py).
        pre_save.connect(text.clean_text_on_save, dispatch_uid="clean-text")
        from organisation.models import (
            Body,
            ChairTerm,
            ChangeNote,
            Coordinator,
            Country,
            FactCheck,
            FactSource,
            FoundingDocument,
            Measure,
            MeasureArea,
            Membership,
            OfficeHolder,
            Organisation,
            Place,
            PlaceName,
            PolicyPage,
            Relation,
        )

        # Here, not on the classes: modeltranslation (first in INSTALLED_APPS) has added the
        # per-language columns by now, and reversion stores the fields a model has when registered.
        history.register(ChangeNote)
        history.register(Organisation, follow=["change_notes"])
        history.register(Country, follow=["memberships"])
        history.register(Membership)
        history.register(Body)
        history.register(FoundingDocument, follow=["change_notes"])
        history.register(MeasureArea)
        history.register(Measure, follow=["coordinators"])
        history.register(Coordinator)
        history.register(Relation, follow=["change_notes"])
        history.register(PolicyPage, follow=["change_notes"])
        history.register(Place, follow=["names"])
        history.register(PlaceName)
        history.register(ChairTerm)
        history.register(OfficeHolder)
        history.register(FactCheck, follow=["sources"])
        history.register(FactSource)
        history.watch_renditions(Organisation, Country)
        # Sorting by each language's alphabet: on SQLite a function on every connection (PostgreSQL
        # has ICU collations, made by a migration).
        connection_created.connect(register_sqlite_collations, dispatch_uid="cica-collations")
