"""The one place where `organisation` meets `events`.

Dependencies run one way: `events` imports `organisation` (a meeting has a body, a host country, a
measure), and `organisation` never imports `events`. Two things still join them from this side, and
both go through here:

- a founding document names the meeting that adopted it: FoundingDocument.adopted_at is a foreign
  key to MEETING_MODEL, named by its label;
- the organisation's pages (a relations page, the sitemap's dates) and its API show meetings:
  they read the published ones from `meeting_model()`, the model loaded by the app registry.

Pages that belong to neither app (the home page) live in `cica_site`, which may import both.
"""

from django.apps import apps

MEETING_MODEL = "events.Meeting"


def meeting_model():
    """The meeting model (events.models.Meeting), for queries: its QuerySet has published(),
    upcoming(), past() and for_country()."""
    return apps.get_model(MEETING_MODEL)


def published_meetings():
    return meeting_model().objects.published()
