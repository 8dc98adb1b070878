"""`manage.py publish_due`: put live the approved pending versions whose time has come.

The site does this by itself on the first request after such a time (ScheduledPublicationMiddleware);
the command is for a quiet site that should still change on time, from cron or a systemd timer.
"""

from django.core.management.base import BaseCommand

from organisation import review


class Command(BaseCommand):
    help = "Publish the approved pending versions whose publication time has come."

    def handle(self, *args, **options):
        published = review.publish_due()
        self.stdout.write(f"Published {published} pending version(s).")
