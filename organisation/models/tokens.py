"""API tokens: one per client, named, expiring, stored hashed (django-rest-knox), shown once."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """A token an API client writes with (`Authorization: Token <token>`).

    Only a hash of it is stored (knox: `digest`, and the first characters as `token_key` to find
    it): the token itself is shown once, when it is made, and never again. Revoking it is deleting
    it. Each staff member makes and revokes their own; Publishers may revoke anyone's."""

    name = models.CharField(
        _("client"),
        max_length=100,
        help_text=_("Which client uses it, such as “Foreign ministry website import”."),
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        permissions = [("revoke_apitoken", _("Can revoke anyone's API token"))]

    def __str__(self):
        # Never the digest or the key: this name appears in logs and the admin's history.
        return _("%(client)s, of %(user)s") % {"client": self.name, "user": self.user}
