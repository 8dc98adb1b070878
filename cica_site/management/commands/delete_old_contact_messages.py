from django.conf import settings
from django.core.management.base import BaseCommand

from organisation.models import ContactMessage


class Command(BaseCommand):
    help = (
        "Delete the contact messages older than the privacy policy says they are kept "
        "(DJANGO_CONTACT_RETENTION_DAYS, 365 by default). Run it daily."
    )

    def handle(self, *args, **options):
        count, _by_model = ContactMessage.objects.older_than_retention().delete()
        days = settings.CONTACT_MESSAGE_RETENTION.days
        self.stdout.write(f"Deleted {count} contact messages received more than {days} days ago.")
