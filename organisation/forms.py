"""The public site's one form: a message to the Secretariat (the contact page)."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from organisation.models import ContactMessage

# A person takes longer than this to fill in the form; a script posting at once does not.
MIN_FILL_SECONDS = 3
# A form left open longer than this is sent again with a fresh start time (the page is reloaded).
MAX_FILL_SECONDS = 24 * 60 * 60
STARTED_SALT = "organisation.contact.started"


class ContactForm(forms.ModelForm):
    """A message to the Secretariat. Spam is kept out without third-party scripts: a field hidden
    from people that scripts fill in (`website`), and a signed start time that must be a few
    seconds old. The view adds a per-address limit."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "document", "message"]
        labels = {"document": _("Document (for an accessible format)")}
        help_texts = {
            "email": _("The Secretariat replies to this address."),
            "document": _("If you ask for a document in an accessible format: its title."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=STARTED_SALT)

    def is_spam(self):
        """Whether the hidden field was filled in: such a post is answered as if sent, and dropped."""
        return bool(self.data.get("website"))

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT, max_age=MAX_FILL_SECONDS)
        except (signing.BadSignature, TypeError, ValueError):
            started = None
        if started is None:
            raise forms.ValidationError(_("The form has expired: please send it again."))
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent within seconds of opening it: please check it and send it again.")
            )
        return started

    def clean(self):
        cleaned = super().clean()
        if "started" in self.errors:
            # A fresh start time for the form shown again.
            self.data = self.data.copy()
            self.data["started"] = signing.dumps(time.time(), salt=STARTED_SALT)
        return cleaned
