"""Editorial records kept beside any piece of content: public change notes, and preview links that
show a draft to a reviewer without an account."""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models.review import PendingVersion


class ChangeNote(models.Model):
    """A public note on a significant update of a page, such as “Added the 2021 expert meeting”."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    date = models.DateField(_("date"), default=timezone.localdate, help_text=_("Shown before the note."))
    note = models.CharField(
        _("public change note"),
        max_length=300,
        help_text=_("One sentence on what changed, shown on the page: “Added the 2021 expert meeting.”"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return self.note

    def get_absolute_url(self):
        return self.content_object.get_absolute_url()


def preview_link_expiry():
    return timezone.now() + datetime.timedelta(days=getattr(settings, "PREVIEW_LINK_DAYS", 7))


def preview_link_nonce():
    return secrets.token_urlsafe(16)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A link that shows a draft to a reviewer without an account.

    The address carries the link's id and a random nonce, signed with the site's secret key, so it
    cannot be guessed or forged. It works until it expires (PREVIEW_LINK_DAYS after it was made),
    until staff revoke it, and only while its content is not public: once the content has been
    public, the public address is the one to share, and the link stays revoked even if the content
    is taken down again (Publishable.save, from_token).
    """

    SALT = "organisation.PreviewLink"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    nonce = models.CharField(max_length=32, default=preview_link_nonce, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=preview_link_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    of_pending = models.BooleanField(
        _("of the pending version"),
        default=False,
        editable=False,
        help_text=_("Shows the item's pending version, until it is published or discarded."),
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return _("Preview of “%(item)s”") % {"item": self.content_object}

    def get_absolute_url(self):
        return reverse("organisation:preview", kwargs={"token": self.token()})

    def token(self):
        # Without the signing time signing.dumps() adds (the link has its own expiry): the address
        # is the same each time it is shown.
        return signing.Signer(salt=self.SALT).sign_object({"id": self.pk, "nonce": self.nonce})

    @classmethod
    def from_token(cls, token):
        """The link a token names, if its signature is good and it still works; else None."""
        try:
            try:
                data = signing.Signer(salt=cls.SALT).unsign_object(token)
            except (signing.BadSignature, ValueError):
                data = signing.loads(token, salt=cls.SALT)  # An address given out with its time.
            link = cls.objects.active().select_related("content_type").get(pk=data["id"], nonce=data["nonce"])
        except (signing.BadSignature, cls.DoesNotExist, KeyError, TypeError, ValueError):
            return None
        content = link.content_object
        if content is None:
            return None
        if link.of_pending:
            # A link to a pending version works while there is one (published or discarded: over).
            if not PendingVersion.objects.for_object(content).exists():
                link.revoke()
                return None
            return link
        if content.is_published():
            # Public now (a scheduled publication came): the link ends for good.
            link.revoke()
            return None
        return link

    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    is_active.boolean = True
    is_active.short_description = _("works")

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
