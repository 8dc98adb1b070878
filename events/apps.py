from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from events.models import Meeting, MeetingChange, MeetingDocument, MeetingPhoto
        from organisation import history

        # After modeltranslation's registration: see OrganisationConfig.ready().
        history.register(MeetingDocument)
        history.register(MeetingPhoto)
        history.register(MeetingChange)
        history.register(Meeting, follow=["documents", "photos", "changes", "change_notes"])
        history.watch_renditions(MeetingPhoto)
