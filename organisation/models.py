import datetime
import functools
import secrets

from babel import Locale
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.translator import NotRegistered, translator

from organisation import documents, images

# What staff can write in a narrative field. The same list drives the editor's toolbar and the
# server-side sanitiser, so nothing the editor cannot produce survives a save.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
}


def rich_text_field(verbose_name, **kwargs):
    return ProseEditorField(verbose_name, extensions=RICH_TEXT_EXTENSIONS, sanitize=True, **kwargs)


def translated_field_names(model):
    """The fields of `model` that have a version per language (see translation.py)."""
    try:
        return sorted(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


@functools.cache
def translated_columns(model):
    """The per-language columns of `model`'s translated fields (`title_en`, `title_ru`, ...).

    Read for every object loaded, so worked out once per model."""
    return tuple(
        f"{name}_{code}" for name in translated_field_names(model) for code, _name in settings.LANGUAGES
    )


def untranslated_fields(obj, language=None):
    """The translated fields of `obj` that have English text but none in `language`.

    The page shows the English text for these, marked as English.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return []
    return [
        name
        for name in translated_field_names(type(obj))
        if obj.__dict__.get(f"{name}_{settings.LANGUAGE_CODE}") and not obj.__dict__.get(f"{name}_{language}")
    ]


class Translatable(models.Model):
    """Content with text per language whose translations staff keep up to date.

    Each save compares the stored text with the new one, so that the translation overview can
    tell which translations are older than the last change to the English text.
    """

    class TranslationStatus(models.TextChoices):
        MISSING = "missing", _("Missing")
        PARTIAL = "partial", _("Partly translated")
        OUTDATED = "outdated", _("Older than the English text")
        REVIEW = "review", _("To be reviewed")
        CURRENT = "current", _("Up to date")

    text_changed_at = models.DateTimeField(_("English text last changed"), null=True, editable=False)
    # {"ru": {"changed_at": ISO datetime, "review": bool}, ...}
    translation_state = models.JSONField(_("translation state"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Bookkeeping like auto_now: every path that saves (admin, API, seed, import) records
        # which languages' text changed, so nothing can bypass the translation overview.
        changed = self.record_text_changes()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and changed:
            kwargs["update_fields"] = {*update_fields, "text_changed_at", "translation_state"}
        super().save(*args, **kwargs)
        self._stored_text = self._text_values()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_text = instance._text_values()
        return instance

    def _text_values(self):
        values = self.__dict__
        return {column: values[column] for column in translated_columns(type(self)) if column in values}

    def record_text_changes(self):
        """Note the time of change of the English text and of each translation that changed."""
        stored = getattr(self, "_stored_text", {})
        current = self._text_values()
        changed_languages = {
            key.rsplit("_", 1)[1]
            for key, value in current.items()
            if stored.get(key) != value and (value or stored)
        }
        now = timezone.now()
        if settings.LANGUAGE_CODE in changed_languages:
            self.text_changed_at = now
        for language in changed_languages - {settings.LANGUAGE_CODE}:
            self.translation_state = {
                **self.translation_state,
                language: {"changed_at": now.isoformat(), "review": False},
            }
        return bool(changed_languages)

    def translation_status(self, language):
        fields = [
            name
            for name in translated_field_names(type(self))
            if self.__dict__.get(f"{name}_{settings.LANGUAGE_CODE}")
        ]
        translated = [name for name in fields if self.__dict__.get(f"{name}_{language}")]
        if not translated:
            return self.TranslationStatus.MISSING
        state = self.translation_state.get(language, {})
        changed_at = parse_datetime(state.get("changed_at") or "")
        if changed_at is None or (self.text_changed_at and changed_at < self.text_changed_at):
            return self.TranslationStatus.OUTDATED
        if len(translated) < len(fields):
            return self.TranslationStatus.PARTIAL
        if state.get("review"):
            return self.TranslationStatus.REVIEW
        return self.TranslationStatus.CURRENT

    def set_translation_review(self, language, review):
        """Mark the translation into `language` as one to be reviewed by staff, or as reviewed."""
        state = self.translation_state.get(language)
        if state is not None:
            self.translation_state = {**self.translation_state, language: {**state, "review": review}}
            type(self)._default_manager.filter(pk=self.pk).update(translation_state=self.translation_state)


class VersionConflict(Exception):
    """A save that would overwrite a change made since the object was read (see Versioned)."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(f"{obj._meta.label} {obj.pk} changed after version {obj.version} was read.")


class Versioned(models.Model):
    """No lost edits: a save succeeds only if the row is still at the version that was read.

    Forms and API clients send back the `version` they were given; the save checks it and moves
    it on in one statement (UPDATE … SET version = version + 1 WHERE version = n), so of two
    saves of the same version only the first wins and the second raises VersionConflict, on
    any database and under any interleaving. Raw saves, which put back a stored copy
    (django-reversion's revert and recover, loaddata), are not checked but still move the
    version on: a form opened before a revert cannot then save over it.

    This hooks into Model._save_table() and _do_update(), private but stable Django API (what
    django-concurrency overrides too); tests/organisation/test_versions.py fails if it moves.
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Moves on with every save; a save from an out-of-date form is refused."),
    )

    class Meta:
        abstract = True

    def _save_table(self, raw=False, *args, **kwargs):
        self._raw_save = raw
        try:
            return super()._save_table(raw, *args, **kwargs)
        finally:
            del self._raw_save

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        field = self._meta.get_field("version")
        values = [value for value in values if value[0] is not field]
        values.append((field, None, models.F("version") + 1))
        rows = base_qs.filter(pk=pk_val)
        if getattr(self, "_raw_save", False):
            if not rows._update(values):
                return False  # Not stored (any more): Django inserts it.
            self.version = rows.values_list("version", flat=True).get()
            return True
        if rows.filter(version=self.version)._update(values):
            self.version += 1
            return True
        if rows.exists():
            raise VersionConflict(self)
        return False


class ImageUploadField(models.ImageField):
    """An image field whose form field checks the upload by its content (organisation.images).

    Django's own forms.ImageField opens the upload first and answers anything it cannot read
    with one generic message, which would hide ours (too many pixels, animated, damaged…).
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": images.ImageFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class PdfUploadField(models.FileField):
    """A file field whose form field accepts only a sound PDF within the size limit."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": documents.PdfFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class WithRenditions(models.Model):
    """An image stored clean (upright, without metadata) with its web renditions.

    When a new image is saved, by any path, it is re-encoded (organisation.images.clean_image),
    stored, and resized once into WebP and JPEG renditions, whose names and sizes are kept in
    `renditions`: pages build <picture> from them without opening a file. The renditions of a
    replaced or deleted image are deleted once the transaction commits; the original stays, so
    that a revision restored from the history still has its file (see ensure_renditions()).
    """

    image_field_name = "image"
    rendition_widths = images.RENDITION_WIDTHS

    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    image_width = models.PositiveIntegerField(_("image width"), null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        file = self.stored_image
        previous = getattr(self, "_stored_image_name", None)
        update_fields = kwargs.get("update_fields")
        if file and not file._committed:
            cleaned = images.clean_image(file)
            self.image_width, self.image_height = images.dimensions(cleaned)
            file.save(cleaned.name, cleaned, save=False)
            self.renditions = images.make_renditions(file.name, self.rendition_widths, storage=file.storage)
        elif not file:
            self.renditions, self.image_width, self.image_height = [], None, None
        if update_fields is not None and self.image_field_name in update_fields:
            kwargs["update_fields"] = {*update_fields, "renditions", "image_width", "image_height"}
        super().save(*args, **kwargs)
        self._stored_image_name = file.name if file else ""
        if previous and previous != self._stored_image_name:
            self.delete_renditions_on_commit(previous)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_image_name = instance.__dict__.get(cls.image_field_name)
        return instance

    @property
    def stored_image(self):
        return getattr(self, self.image_field_name)

    def delete_renditions_on_commit(self, name=None):
        name = name or getattr(self, "_stored_image_name", None) or self.stored_image.name
        if name:
            storage = self.stored_image.storage
            transaction.on_commit(lambda: images.delete_renditions(name, storage=storage))

    def ensure_renditions(self):
        """Make the renditions again where their files are missing (after a revision is restored)."""
        file = self.stored_image
        if not file or not file.storage.exists(file.name):
            return
        renditions = images.make_renditions(file.name, self.rendition_widths, storage=file.storage)
        if renditions != self.renditions:
            self.renditions = renditions
            type(self)._base_manager.filter(pk=self.pk).update(renditions=renditions)

    def picture(self):
        """What templates/includes/picture.html needs, or None when there are no renditions."""
        if not self.renditions:
            return None
        storage = self.stored_image.storage
        # The fallback <img> is the rendition nearest 800 pixels wide, not wider.
        fallback = [r for r in self.renditions if r["width"] <= 800][-1:] or self.renditions[:1]
        return {
            "webp": images.srcset(self.renditions, "webp", storage=storage),
            "jpeg": images.srcset(self.renditions, "jpeg", storage=storage),
            "src": storage.url(fallback[0]["jpeg"]),
            "width": fallback[0]["width"],
            "height": fallback[0]["height"],
            "largest": {
                "url": storage.url(self.renditions[-1]["jpeg"]),
                "width": self.renditions[-1]["width"],
                "height": self.renditions[-1]["height"],
            },
        }


class WithPdfDetails(models.Model):
    """A PDF file with its size and page count, read once when a new file is saved."""

    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            info = documents.pdf_info(self.file)
            self.file_size, self.page_count = info["size"], info["pages"]
        elif not self.file:
            self.file_size = self.page_count = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "file" in update_fields:
            kwargs["update_fields"] = {*update_fields, "file_size", "page_count"}
        super().save(*args, **kwargs)

    def file_details(self):
        """ "PDF, 1.2 MB, 14 pages" for the download link, from what was stored with the file."""
        parts = ["PDF"]
        if self.file_size:
            parts.append(documents.human_size(self.file_size))
        if self.page_count:
            parts.append(ngettext("%(n)d page", "%(n)d pages", self.page_count) % {"n": self.page_count})
        return ", ".join(str(part) for part in parts)


def may_change(user, model):
    """Whether `user` may change objects of `model`: the permission that lets staff see drafts."""
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, with a publication time that has come."""
        return self.filter(self._published_q())

    def _published_q(self):
        return Q(status=Publishable.Status.PUBLISHED, publish_at__lte=timezone.now())

    def visible_to(self, request):
        """What a detail page may show to the maker of `request`: drafts and scheduled items too
        for staff who may change them, and the object of the preview link the request carries
        (PreviewLink.view sets request.preview_link); what is published for everyone else."""
        if may_change(request.user, self.model):
            return self.all()
        link = getattr(request, "preview_link", None)
        if link is not None and link.content_type.model_class() is self.model:
            return self.filter(self._published_q() | Q(pk=link.object_id))
        return self.published()

    def drafts(self):
        return self.filter(status=Publishable.Status.DRAFT)

    def scheduled(self):
        return self.filter(status=Publishable.Status.PUBLISHED, publish_at__gt=timezone.now())

    def review_due(self, date=None):
        """Items whose review-by date has passed: to be checked that they are still accurate."""
        return self.filter(review_by__lt=date or timezone.localdate())

    def with_last_change(self):
        """Each item with `changed_at`, when its public version last changed (see last_changed_at)."""
        return self.annotate(changed_at=Greatest("updated_at", "publish_at"))


class Publishable(Versioned, Translatable):
    """Base for all public content: draft or published, with a publication time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Drafts are visible to staff only. Only Publishers can publish."),
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_(
            "When a published item becomes public. A time in the future schedules it: "
            "it appears by itself at that time."
        ),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: when to check that the content is still accurate. "
            "The admin's front page lists what is past this date."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    change_notes = GenericRelation("organisation.ChangeNote")
    preview_links = GenericRelation("organisation.PreviewLink")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Was the stored row public (published, its time come, with or without a save)?
        was_public = self.pk is not None and type(self).objects.filter(pk=self.pk).published().exists()
        super().save(*args, **kwargs)
        if was_public or self.is_published():
            # Preview links end for good once the content has been public: taking it down again
            # does not bring back addresses handed out for the draft.
            self.preview_links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("public")

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    def last_changed_at(self):
        """When the public version last changed: the last save, or the publication time when it
        came later (a scheduled item appears after it was last saved)."""
        return max(self.updated_at, self.publish_at)


class Organisation(WithRenditions, Publishable):
    """The organisation the site presents. There is exactly one."""

    image_field_name = "logo"
    rendition_widths = (200, 400, 800)

    name = models.CharField(_("name"), max_length=200, help_text=_("Full official name."))
    acronym = models.CharField(_("acronym"), max_length=20, help_text=_("For example: CICA."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    purpose = models.TextField(
        _("purpose"), help_text=_("Why the organisation exists, in one or two sentences.")
    )
    history = rich_text_field(
        _("history"),
        blank=True,
        help_text=_("The history of the initiative and the organisation, beyond the facts below."),
    )
    initiative_date = models.DateField(
        _("initiative date"), help_text=_("The day the initiative was first put forward.")
    )
    initiative_by = models.CharField(
        _("initiative by"),
        max_length=200,
        help_text=_("Who put it forward, as it should read in a sentence."),
    )
    initiative_event = models.CharField(
        _("initiative event"),
        max_length=200,
        blank=True,
        help_text=_("Where it was put forward, as it should read in a sentence."),
    )
    secretariat_city = models.CharField(_("secretariat city"), max_length=100)
    secretariat_country = models.ForeignKey(
        "Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("secretariat country"),
    )
    logo = ImageUploadField(
        _("logo"),
        upload_to="organisation/",
        blank=True,
        help_text=_("JPEG, PNG or WebP. It is stored without its metadata, and resized for the pages."),
    )
    website = models.URLField(_("official website"), blank=True)

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profile")
        permissions = [("publish_organisation", _("Can publish the organisation profile"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail")

    def clean(self):
        others = Organisation.objects.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("The site presents one organisation, and its profile exists already: edit it.")
            )


class Country(WithRenditions, Versioned, Translatable):
    image_field_name = "flag"
    rendition_widths = (80, 160, 320)

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter the two capital letters of ISO 3166-1 alpha-2."))],
        help_text=_("ISO 3166-1 alpha-2, two capital letters: AZ for Azerbaijan."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    flag = ImageUploadField(_("flag"), upload_to="flags/", blank=True, help_text=_("JPEG, PNG or WebP."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:country-list") + f"#{self.slug}"

    def clean(self):
        # A translation left empty takes the standard name in that language (Unicode CLDR).
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE and not getattr(self, f"name_{code}", None):
                standard = Locale.parse(code).territories.get(self.code)
                if standard:
                    setattr(self, f"name_{code}", standard)


class MembershipQuerySet(models.QuerySet):
    def as_of(self, date=None):
        """Memberships in force on a day (today by default).

        A membership whose joining date is not known counts from the beginning of the record.
        """
        date = date or timezone.localdate()
        return self.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=date),
            Q(left_on__isnull=True) | Q(left_on__gt=date),
        )

    def members(self):
        return self.filter(status=Membership.Status.MEMBER)

    def observers(self):
        return self.filter(
            status__in=[Membership.Status.OBSERVER_STATE, Membership.Status.OBSERVER_ORGANISATION]
        )


class Membership(Versioned, models.Model):
    """One period of membership or observer status: the registry keeps every period."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member state")
        OBSERVER_STATE = "observer-state", _("Observer state")
        OBSERVER_ORGANISATION = "observer-organisation", _("Observer organisation")

    status = models.CharField(_("status"), max_length=25, choices=Status.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("country"),
        help_text=_("For a member or observer state."),
    )
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        blank=True,
        help_text=_("For an observer organisation, its full name."),
    )
    joined_on = models.DateField(
        _("joined on"), null=True, blank=True, help_text=_("Leave empty if the date is not known.")
    )
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("Fill in when the status ended, for example when an observer became a member."),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Public note, for example the meeting that admitted it."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "country__name", "organisation_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("membership registry")

    def __str__(self):
        return f"{self.participant_name}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("organisation:country-list") + (f"#{self.country.slug}" if self.country_id else "")

    @property
    def participant_name(self):
        return self.country.name if self.country_id else self.organisation_name

    def clean(self):
        errors = {}
        # An inline on a new country sets the (unsaved) country object, not yet its id.
        country = self.country if self.country_id or "country" in self._state.fields_cache else None
        if self.status == self.Status.OBSERVER_ORGANISATION:
            if not self.organisation_name:
                errors["organisation_name"] = _("Give the observer organisation's name.")
            if country is not None:
                errors["country"] = _("An observer organisation is not a country: leave this empty.")
        else:
            if country is None:
                errors["country"] = _("Choose the country.")
            if self.organisation_name:
                errors["organisation_name"] = _("Only for observer organisations: leave this empty.")
        if self.joined_on and self.left_on and self.left_on <= self.joined_on:
            errors["left_on"] = _("The leaving date must be after the joining date.")
        if errors:
            raise ValidationError(errors)
        if self.country_id:  # A new country has no stored periods to overlap.
            self._check_overlap()

    def _check_overlap(self):
        start = self.joined_on or datetime.date.min
        end = self.left_on or datetime.date.max
        others = Membership.objects.filter(country_id=self.country_id).exclude(pk=self.pk)
        for other in others:
            other_start = other.joined_on or datetime.date.min
            other_end = other.left_on or datetime.date.max
            if start < other_end and other_start < end:
                raise ValidationError(
                    _(
                        "This period overlaps another entry for %(country)s (%(other)s). "
                        "Give the earlier one a leaving date first."
                    )
                    % {"country": self.country, "other": other.get_status_display()}
                )


class Body(Versioned, Translatable):
    """A decision-making body, such as the Summit."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: Meeting of Heads of State and Government.")
    )
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("For example: Summit."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("As it should read in a sentence: the supreme authority.")
    )
    meets_every_months = models.PositiveSmallIntegerField(
        _("meets every (months)"),
        null=True,
        blank=True,
        help_text=_("Months between regular meetings: 48 for every four years."),
    )
    meets_at_least = models.BooleanField(
        _("at least this often"),
        default=False,
        help_text=_("Tick when the interval is a minimum: “no less than once a year”."),
    )
    frequency_note = models.CharField(
        _("frequency note"),
        max_length=200,
        blank=True,
        help_text=_("For example: in accordance with the Rules of Procedure."),
    )
    description = rich_text_field(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("decision-making body")
        verbose_name_plural = _("decision-making bodies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + f"#{self.slug}"

    def frequency(self):
        """How often the body meets, in words: "every 4 years", "no less than once a year"."""
        months = self.meets_every_months
        if not months:
            text = ""
        elif months % 12 == 0:
            years = months // 12
            if self.meets_at_least:
                text = ngettext("no less than once a year", "no less than once every %(n)d years", years) % {
                    "n": years
                }
            else:
                text = ngettext("every year", "every %(n)d years", years) % {"n": years}
        elif self.meets_at_least:
            text = ngettext("no less than once a month", "no less than once every %(n)d months", months) % {
                "n": months
            }
        else:
            text = ngettext("every month", "every %(n)d months", months) % {"n": months}
        return ", ".join(part for part in (text, self.frequency_note) if part)


class FoundingDocument(WithPdfDetails, Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_in = models.CharField(
        _("adopted in"), max_length=100, blank=True, help_text=_("City where it was adopted.")
    )
    adopted_at = models.ForeignKey(
        "events.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="founding_documents",
        verbose_name=_("adopted at"),
        help_text=_("The meeting that adopted it, when known."),
    )
    summary = models.TextField(_("summary"), blank=True)
    file = PdfUploadField(
        _("PDF file"),
        upload_to="documents/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Its size and number of pages are shown on the download link."),
    )
    url = models.URLField(_("external link"), blank=True, help_text=_("Where the text is published."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "adopted_on"]
        verbose_name = _("founding document")
        verbose_name_plural = _("founding documents")
        permissions = [("publish_foundingdocument", _("Can publish founding documents"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("organisation:organisation-detail") + f"#{self.slug}"

    def get_file_url(self):
        """The download address of the uploaded PDF: served as an attachment, never inline."""
        return reverse("organisation:founding-document-file", kwargs={"pk": self.pk})


class MeasureArea(Versioned, Translatable):
    """An area of the catalogue of confidence-building measures."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("area of measures")
        verbose_name_plural = _("areas of measures")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:measure-list") + f"#{self.slug}"


class Measure(Versioned, Translatable):
    """A confidence-building measure, such as transportation corridors."""

    area = models.ForeignKey(
        MeasureArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("area"),
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        unique=True,
        help_text=_("As it should read after “in the field of”."),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = rich_text_field(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("confidence-building measure")
        verbose_name_plural = _("confidence-building measures")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:measure-list") + f"#{self.slug}"


class CoordinatorQuerySet(models.QuerySet):
    def as_of(self, date=None):
        date = date or timezone.localdate()
        return self.filter(
            Q(since__isnull=True) | Q(since__lte=date),
            Q(until__isnull=True) | Q(until__gt=date),
        )


class Coordinator(Versioned, models.Model):
    """A country's role in a confidence-building measure, with its dates."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        CO_COORDINATOR = "co-coordinator", _("Co-coordinator")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("measure")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="coordinator_roles", verbose_name=_("country")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR)
    since = models.DateField(_("since"), null=True, blank=True, help_text=_("Leave empty if not known."))
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while the role lasts."))

    objects = CoordinatorQuerySet.as_manager()

    class Meta:
        ordering = ["measure__order", "measure__name", "role", "country__name"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self):
        return f"{self.country}: {self.get_role_display()}, {self.measure}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url()

    def clean(self):
        if self.since and self.until and self.until <= self.since:
            raise ValidationError({"until": _("The end date must be after the start date.")})


class Relation(Publishable):
    """The page on relations between the organisation and one member state."""

    country = models.OneToOneField(
        Country,
        on_delete=models.PROTECT,
        related_name="relation",
        verbose_name=_("country"),
        error_messages={"unique": _("This country has a relations page already: edit that one.")},
        help_text=_("One page per country."),
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty for “Relations between <acronym> and <country>”."),
    )
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True, help_text=_("The page's address; keep it stable.")
    )
    lead = models.TextField(_("lead paragraph"), help_text=_("The opening paragraph, plain text."))
    body = rich_text_field(
        _("narrative"),
        blank=True,
        help_text=_(
            "The rest of the story. Membership dates, coordinator roles and meetings are added "
            "from the registry and the meeting table: do not type them here."
        ),
    )

    class Meta:
        ordering = ["country__name"]
        verbose_name = _("relations page")
        verbose_name_plural = _("relations pages")
        permissions = [("publish_relation", _("Can publish relations pages"))]

    def __str__(self):
        return self.title or self.default_title()

    def get_absolute_url(self):
        return reverse("organisation:relation-detail", kwargs={"slug": self.slug})

    def default_title(self, organisation=None):
        organisation = organisation or Organisation.objects.first()
        acronym = organisation.acronym if organisation else ""
        country = self.country.name if self.country_id else ""
        return _("Relations between %(organisation)s and %(country)s") % {
            "organisation": acronym,
            "country": country,
        }

    def clean(self):
        if not self.title and self.country_id:
            self.title = self.default_title()


class PolicyPage(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = rich_text_field(_("text"))
    in_footer = models.BooleanField(_("link in footer"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")
        permissions = [("publish_policypage", _("Can publish policy pages"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("organisation:policy-page-detail", kwargs={"slug": self.slug})


class ChangeNote(models.Model):
    """A public note on a significant update of a page, such as “Added the 2021 expert meeting”."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    date = models.DateField(_("date"), default=timezone.localdate)
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
        return signing.dumps({"id": self.pk, "nonce": self.nonce}, salt=self.SALT)

    @classmethod
    def from_token(cls, token):
        """The link a token names, if its signature is good and it still works; else None."""
        try:
            data = signing.loads(token, salt=cls.SALT)
            link = cls.objects.active().select_related("content_type").get(pk=data["id"], nonce=data["nonce"])
        except (signing.BadSignature, cls.DoesNotExist, KeyError, TypeError, ValueError):
            return None
        content = link.content_object
        if content is None:
            return None
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
