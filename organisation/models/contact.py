"""Messages sent to the Secretariat through the contact form, which staff read, assign and close."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def address_key(address):
    """A keyed hash of a client's IP address: enough to limit how often one address writes, without
    keeping the address itself."""
    return hmac.new(settings.SECRET_KEY.encode(), (address or "").encode(), hashlib.sha256).hexdigest()


class ContactMessageQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ContactMessage.Status.CLOSED)

    def older_than_retention(self, now=None):
        """Messages kept for longer than the privacy policy says (CONTACT_MESSAGE_RETENTION_DAYS)."""
        now = now or timezone.now()
        return self.filter(received_at__lt=now - settings.CONTACT_MESSAGE_RETENTION)

    def recent_from(self, address, now=None):
        """Messages sent from the same address in the last hour, for the rate limit."""
        now = now or timezone.now()
        return self.filter(
            address_key=address_key(address), received_at__gte=now - timezone.timedelta(hours=1)
        )


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    document = models.CharField(
        _("document"),
        max_length=300,
        blank=True,
        help_text=_("The document asked for in an accessible format."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now, editable=False, db_index=True)
    address_key = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    staff_note = models.TextField(_("staff note"), blank=True, help_text=_("Seen by staff only."))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return f"{self.subject} ({self.name})"

    def get_absolute_url(self):
        return reverse("admin:organisation_contactmessage_change", args=[self.pk])

    def clean(self):
        if self.assigned_to_id and self.status == self.Status.NEW:
            self.status = self.Status.ASSIGNED
        self.closed_at = (self.closed_at or timezone.now()) if self.status == self.Status.CLOSED else None
