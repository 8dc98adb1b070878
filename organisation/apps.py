from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from organisation import history
        from organisation.models import (
            Body,
            ChangeNote,
            Coordinator,
            Country,
            FoundingDocument,
            Measure,
            MeasureArea,
            Membership,
            Organisation,
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
        history.watch_renditions(Organisation, Country)
