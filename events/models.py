import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from timezone_field import TimeZoneField

from organisation.models import (
    Body,
    Country,
    ImageUploadField,
    Measure,
    PdfUploadField,
    Publishable,
    PublishableQuerySet,
    WithPdfDetails,
    WithRenditions,
    rich_text_field,
)
from organisation.models.review import in_sandbox, live_before
from organisation.time_zones import capital_time_zone

# The help text of each field of an announced change.
ANNOUNCED = _(
    "As it was announced before the change: shown under “Previously announced” on the meeting's page."
)

ORDINAL_WORDS = {
    1: _("first"),
    2: _("second"),
    3: _("third"),
    4: _("fourth"),
    5: _("fifth"),
    6: _("sixth"),
    7: _("seventh"),
    8: _("eighth"),
    9: _("ninth"),
    10: _("tenth"),
}


def place_name(format, city, country, with_country=True):
    """Where a meeting is (or was announced to be), in words: “Online” for a virtual meeting, else
    its city and country, “Baku, Azerbaijan”. Without the country, the city alone, or the country
    when no city is known: for lists that name the host country beside it."""
    if format == Meeting.Format.VIRTUAL:
        return _("Online")
    country_name = country.name if country is not None else ""
    if not with_country:
        return city or country_name
    return ", ".join(part for part in (city, country_name) if part)


class MeetingQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Meetings not over yet, soonest first: few, found through the end-date index."""
        return self.filter(end_date__gte=timezone.localdate()).order_by("start_date", "start_time")

    def past(self):
        """Meetings that are over, latest first.

        Written as "not upcoming" (the end date is never empty, so this is end_date < today): SQLite
        keeps no statistics, and given a range on the end date it would read every past meeting
        through the end-date index and sort them, where walking the date index gives a page at once.
        """
        return self.exclude(end_date__gte=timezone.localdate()).order_by("-start_date", "-start_time")

    def status_overdue(self):
        """Meetings whose dates have passed but that are still announced as planned or confirmed."""
        return self.filter(
            end_date__lt=timezone.localdate(),
            meeting_status__in=[Meeting.MeetingStatus.PLANNED, Meeting.MeetingStatus.CONFIRMED],
        )

    def for_country(self, country):
        """Meetings a country hosted or organised.

        Each half is read through its own foreign-key index; one OR of the two columns would make
        the database read every meeting."""
        hosted = Meeting.objects.filter(host_country=country).order_by().values("pk")
        organised = Meeting.objects.filter(organising_country=country).order_by().values("pk")
        return self.filter(pk__in=hosted.union(organised, all=True))


class Meeting(Publishable):
    class Kind(models.TextChoices):
        SUMMIT = "summit", _("Summit")
        MINISTERIAL = "ministerial", _("Ministerial meeting")
        SENIOR_OFFICIALS = "senior-officials", _("Senior Officials Committee")
        SPECIAL_WORKING_GROUP = "special-working-group", _("Special working group")
        EXPERTS = "experts", _("Expert meeting")
        YOUTH_COUNCIL = "youth-council", _("Youth council conference")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class MeetingStatus(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        MOVED_ONLINE = "moved-online", _("Moved online")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("The meeting's heading, and its link in lists, feeds, calendars and search results."),
    )
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True, help_text=_("The page's address; keep it stable.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=25,
        choices=Kind.choices,
        help_text=_("Shown on the meeting's page and in lists."),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("body"),
        help_text=_("The decision-making body this is a meeting of, if any: linked from the meeting's page."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        null=True,
        blank=True,
        help_text=_(
            "3 for the third meeting of its kind, shown on the meeting's page. Leave empty if not counted."
        ),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("Shown on the meeting's page, in lists and in calendars.")
    )
    end_date = models.DateField(_("end date"), blank=True, help_text=_("Leave empty for a one-day meeting."))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time: the meeting's page shows it with UTC, calendars in the reader's time."),
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Local time, as the start.")
    )
    # A zoneinfo.ZoneInfo (or None), stored by its name; offered with its offset from GMT.
    time_zone = TimeZoneField(
        _("time zone"),
        max_length=64,
        blank=True,
        choices_display="WITH_GMT_OFFSET",
        help_text=_(
            "Where the times are local, shown beside them on the meeting's page and in calendars. "
            "Left empty with a time, it is the host country's (its capital's)."
        ),
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=Format.choices,
        default=Format.IN_PERSON,
        help_text=_("Shown on the meeting's page and relations pages; “Virtual” shows as “Online”."),
    )
    meeting_status = models.CharField(
        _("meeting status"),
        max_length=15,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        help_text=_(
            "What is known of the meeting itself, shown on its page; a postponement, change or "
            "cancellation is also shown in lists. Publishing is set separately."
        ),
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Shown as the place, with the host country. Empty when online."),
    )
    host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host country"),
        help_text=_("Shown as the host, and the meeting is listed on the country's relations page."),
    )
    organising_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_meetings",
        verbose_name=_("organising country"),
        help_text=_(
            "The country that organised it, when not the host (for example online): shown as the "
            "organiser, and the meeting is listed on the country's relations page."
        ),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("confidence-building measure"),
        help_text=_("The measure the meeting is about, if any: linked from the meeting's page."),
    )
    theme = models.CharField(
        _("theme"),
        max_length=500,
        blank=True,
        help_text=_("Shown in quotation marks on the meeting's page and relations pages."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "One or two sentences, under the title on the meeting's page and in search results and "
            "shared links."
        ),
    )
    description = rich_text_field(
        _("description"), blank=True, help_text=_("The meeting's page, below its facts.")
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-start_time", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        permissions = [("publish_meeting", _("Can publish meetings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="meeting_end_not_before_start"
            )
        ]
        # The public lists read published meetings in date order and stop at a page: the index gives
        # that order, and holds the other columns of the published and past/upcoming tests.
        indexes = [
            models.Index(
                fields=["status", "start_date", "start_time", "publish_at", "end_date"],
                name="meeting_published_in_order",
            ),
            # Upcoming meetings: those whose end date has not passed, a few among many.
            models.Index(fields=["status", "end_date"], name="meeting_published_by_end"),
            models.Index(fields=["-start_date", "-start_time"], name="meeting_list_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:meeting-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The meeting cannot end before it starts.")
        if (self.start_time or self.end_time) and not self.time_zone and self.host_country_id:
            self.time_zone = capital_time_zone(self.host_country.code) or None
        if (self.start_time or self.end_time) and not self.time_zone:
            errors["time_zone"] = _("Choose the time zone the times are in.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give a start time with the end time.")
        if (
            self.start_time
            and self.end_time
            and self.start_date == self.end_date
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("On a one-day meeting the end time cannot be before the start time.")
        if self.format == self.Format.VIRTUAL and self.city:
            errors["city"] = _("A virtual meeting has no city: leave it empty or choose hybrid.")
        if (
            self.status == self.Status.PUBLISHED
            and self.pk
            and not getattr(self, "photos_checked_by_form", False)
        ):
            # The photos edited in the same form are checked there, each on its row (events.admin).
            missing = [photo for photo in self.photos.all() if photo.needs_alt_text()]
            if missing:
                errors["status"] = ngettext(
                    "%(count)d photo has no description: describe it, or tick “decorative”, "
                    "before publishing.",
                    "%(count)d photos have no description: describe them, or tick “decorative”, "
                    "before publishing.",
                    len(missing),
                ) % {"count": len(missing)}
        if errors:
            raise ValidationError(errors)

    def save_edit(self):
        """Save a change staff made. Once it is live, a published meeting keeps what it announced
        before; a pending version records nothing until it is published (organisation.review)."""
        previous = live_before(self) or (
            type(self)._base_manager.filter(pk=self.pk).first() if self.pk else None
        )
        super().save_edit()
        if not in_sandbox():
            self.record_published_change(previous)

    def record_published_change(self, previous):
        announced_change = self.change_from(previous)
        if announced_change:
            announced_change.save()

    def ordinal_word(self):
        return ORDINAL_WORDS.get(self.ordinal, "")

    def is_online(self):
        return self.format == self.Format.VIRTUAL

    def place(self, with_country=True):
        """Where it takes place: “Online”, or “Baku, Azerbaijan” (see place_name)."""
        return place_name(self.format, self.city, self.host_country, with_country)

    def place_without_country(self):
        return self.place(with_country=False)

    def is_multi_day(self):
        return self.end_date != self.start_date

    def starts_at(self):
        """The start as an aware datetime, when a time is set."""
        if not (self.start_time and self.time_zone):
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=self.time_zone)

    def ends_at(self):
        if not (self.end_time and self.time_zone):
            return None
        return datetime.datetime.combine(self.end_date, self.end_time, tzinfo=self.time_zone)

    # The fields whose change the public must see, with what was announced before.
    ANNOUNCED_FIELDS = (
        "meeting_status",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "format",
        "city",
        "host_country_id",
    )

    def change_from(self, previous):
        """A MeetingChange recording what `previous` (the stored meeting) announced, or None."""
        if previous is None or not previous.is_published():
            return None
        if all(getattr(previous, name) == getattr(self, name) for name in self.ANNOUNCED_FIELDS):
            return None
        return MeetingChange(
            meeting=self,
            previous_status=previous.meeting_status,
            previous_start_date=previous.start_date,
            previous_end_date=previous.end_date,
            previous_start_time=previous.start_time,
            previous_end_time=previous.end_time,
            previous_format=previous.format,
            previous_city=previous.city,
            previous_host_country_id=previous.host_country_id,
        )


class MeetingChange(models.Model):
    """What was announced for a meeting before a change of date, place, format or status."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(
        _("changed at"),
        default=timezone.now,
        help_text=_("Shown as “Until” this date under “Previously announced” on the meeting's page."),
    )
    previous_status = models.CharField(
        _("previous status"), max_length=15, choices=Meeting.MeetingStatus.choices, help_text=ANNOUNCED
    )
    previous_start_date = models.DateField(_("previous start date"), help_text=ANNOUNCED)
    previous_end_date = models.DateField(_("previous end date"), help_text=ANNOUNCED)
    previous_start_time = models.TimeField(
        _("previous start time"), null=True, blank=True, help_text=ANNOUNCED
    )
    previous_end_time = models.TimeField(_("previous end time"), null=True, blank=True, help_text=ANNOUNCED)
    previous_format = models.CharField(
        _("previous format"), max_length=10, choices=Meeting.Format.choices, help_text=ANNOUNCED
    )
    previous_city = models.CharField(_("previous city"), max_length=100, blank=True, help_text=ANNOUNCED)
    previous_host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous host country"),
        help_text=ANNOUNCED,
    )
    note = models.CharField(
        _("public note"),
        max_length=500,
        blank=True,
        help_text=_(
            "Why it changed, as announced: shown under “Previously announced” on the meeting's page."
        ),
    )

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("announced change")
        verbose_name_plural = _("announced changes")

    def __str__(self):
        return f"{self.meeting}: {self.changed_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def previous_place(self):
        """Where the meeting was announced to be before this change (see place_name)."""
        return place_name(self.previous_format, self.previous_city, self.previous_host_country)


class MeetingDocument(WithPdfDetails, models.Model):
    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Declaration")
        STATEMENT = "statement", _("Statement")
        COMMUNIQUE = "communique", _("Communiqué")
        REPORT = "report", _("Report")
        PROGRAMME = "programme", _("Programme")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_(
            "The link's text under “Outcome documents” on the meeting's page, and in search results."
        ),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=100,
        blank=True,
        help_text=_("The document's official symbol or number, if it has one, as printed on it."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=15,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_("Shown beside the title."),
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Shown beside the title."))
    file = PdfUploadField(
        _("PDF file"),
        upload_to="meetings/documents/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Downloaded from the meeting's page; the link gives its size and number of pages."),
    )
    url = models.URLField(
        _("external link"), blank=True, help_text=_("Where the text is published, if not uploaded here.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "date", "title"]
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + "#documents"

    def get_file_url(self):
        """The download address of the uploaded PDF: served as an attachment, never inline."""
        return reverse("events:meeting-document-file", kwargs={"pk": self.pk})

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Upload the file or give a link to it."))


class MeetingPhoto(WithRenditions, models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="photos", verbose_name=_("meeting")
    )
    image = ImageUploadField(
        _("image"),
        upload_to="meetings/photos/",
        help_text=_(
            "JPEG, PNG or WebP. It is turned upright and stored without its metadata (GPS included)."
        ),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it (read out, or shown when the image does "
            "not load). Required once the meeting is published, unless the photo is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the photo adds nothing to the page's text: it then has no description."),
    )
    caption = models.CharField(
        _("caption"), max_length=255, blank=True, help_text=_("Shown under the photo on the meeting's page.")
    )
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Who took the photo, shown after the caption.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.alt_text or self.image.name

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + "#photos"

    def needs_alt_text(self):
        """Whether the photo lacks the English description a published page needs."""
        return not self.decorative and not getattr(self, f"alt_text_{settings.LANGUAGE_CODE}", self.alt_text)

    def clean(self):
        meeting = self.meeting if self.meeting_id or "meeting" in self._state.fields_cache else None
        if meeting is not None and meeting.status == Publishable.Status.PUBLISHED and self.needs_alt_text():
            raise ValidationError(
                {
                    # The English description is the one required (modeltranslation's column for it).
                    f"alt_text_{settings.LANGUAGE_CODE}": _(
                        "Describe what the photo shows, or tick “decorative” if it adds nothing to the page."
                    )
                }
            )
