import datetime
import json
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import format_html
from reversion.models import Version

from cica_site import seed
from events.models import Meeting, MeetingChange
from organisation import history
from organisation.models import (
    Body,
    ChairTerm,
    Coordinator,
    Country,
    FactCheck,
    FactSource,
    FoundingDocument,
    Measure,
    Membership,
    Organisation,
    Place,
    PlaceName,
    PolicyPage,
    Publishable,
    Relation,
)

# Every revision the loader makes says this: an object whose revisions all do is the seed's own.
SEED_REVISION = "from the seed content."
# Fields a later run never sets again on an existing object: when it was made public is history.
KEPT_FIELDS = {"status", "publish_at"}
# Fields that change without anyone editing the content (saves, translation review marks).
BOOKKEEPING = {"version", "created_at", "updated_at", "text_changed_at", "translation_state", "ends_before"}


def comparable(value):
    """A value as a revision keeps it: JSON keeps times to the millisecond."""
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


class Command(BaseCommand):
    help = (
        "Load the seed content: the organisation profile, the registry, the chairmanship, bodies, "
        "founding documents, the transportation corridors measure, meetings, the Azerbaijan relations "
        "page, the policy pages and the fact checks, in English, Russian and Azerbaijani. What is missing "
        "is added; what the seed loaded and staff never edited is brought up to date with the seed; what "
        "staff edited is left exactly as it is. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        self.created = Counter()
        self.updated = Counter()
        self.translated = Counter()
        self.now = timezone.now()
        # The seed is written in English, the source language: plain field names mean English.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self.load()
        if not self.created and not self.updated and not self.translated:
            self.stdout.write("Nothing to load: the seed content is present.")
            return
        for counter, label in [(self.created, "Created"), (self.updated, "Brought up to date")]:
            if counter:
                self.stdout.write(self.style.SUCCESS(f"{label} {counter.total()} objects:"))
                for model, count in counter.items():
                    self.stdout.write(f"  {str(model._meta.verbose_name_plural).capitalize()}: {count}")
        if self.translated:
            languages = ", ".join(
                f"{language}: {count}" for language, count in sorted(self.translated.items())
            )
            self.stdout.write(f"Added translations to be reviewed ({languages}).")

    def load(self):
        countries = {}
        for data in seed.COUNTRIES:
            names = {key: data[key] for key in ("name", "name_ru", "name_az")}
            country = self.get_or_create(Country, {"code": data["code"]}, slug=data["slug"], **names)
            countries[data["code"]] = country
            self.mark_for_review(country, names)
            membership = {"joined_on": data["joined_on"]}
            if data.get("note"):
                membership["note"] = data["note"]
            membership = self.get_or_create(
                Membership, {"country": country, "status": data["status"]}, **membership
            )
            self.translate(membership, ("memberships", data["code"]))
        for data in seed.OBSERVER_ORGANISATIONS:
            values = {key: value for key, value in data.items() if key != "slug"}
            self.get_or_create(
                Membership,
                {
                    "status": Membership.Status.OBSERVER_ORGANISATION,
                    "organisation_name_en": data["organisation_name"],
                },
                **values,
            )

        place_data = seed.SECRETARIAT_PLACE
        place = self.get_or_create(
            Place, {"slug": place_data["slug"]}, country=countries[place_data["country"]]
        )
        for data in place_data["names"]:
            self.get_or_create(
                PlaceName, {"place": place, "name_en": data["name"], "used_from": data["used_from"]}, **data
            )

        # There is one organisation: if any profile exists, whatever its slug, it is the one.
        existing = Organisation.objects.first()
        former_place = existing.secretariat_place if existing else None
        profile = dict(
            seed.ORGANISATION,
            secretariat_country=countries[seed.ORGANISATION["secretariat_country"]],
            secretariat_place=place,
            dates_public=False,
        )
        organisation = self.get_or_create(Organisation, {}, **self.published(profile))
        self.translate(organisation, ("organisation", None))
        self.drop_migrated_place(former_place)

        bodies = {}
        for data in seed.BODIES:
            bodies[data["slug"]] = self.get_or_create(Body, {"slug": data["slug"]}, **data)
            self.translate(bodies[data["slug"]], ("bodies", data["slug"]))
        measures = {}
        for data in seed.MEASURES:
            measures[data["slug"]] = self.get_or_create(Measure, {"slug": data["slug"]}, **data)
            self.translate(measures[data["slug"]], ("measures", data["slug"]))
        for data in seed.COORDINATORS:
            lookup = {
                "measure": measures[data["measure"]],
                "country": countries[data["country"]],
                "role": data["role"],
            }
            self.get_or_create(Coordinator, lookup)

        meetings = {}
        for data in [*seed.MEETINGS, *seed.NEW_MEETINGS]:
            data = dict(data, dates_public=False)
            for field, objects in [
                ("body", bodies),
                ("measure", measures),
                ("host_country", countries),
                ("organising_country", countries),
            ]:
                if field in data:
                    data[field] = objects[data[field]]
            if data["slug"] in seed.MEETING_SUMMARIES:
                data["summary"] = seed.MEETING_SUMMARIES[data["slug"]]
            data["meeting_status"] = Meeting.MeetingStatus.HELD
            meeting = meetings[data["slug"]] = self.get_or_create(
                Meeting, {"slug": data["slug"]}, **self.published(data)
            )
            self.translate(meeting, ("meetings", data["slug"]))
            for change in seed.MEETING_CHANGES.get(data["slug"], []):
                change = dict(
                    change,
                    changed_at=timezone.make_aware(
                        datetime.datetime.combine(change["changed_at"], datetime.time())
                    ),
                    previous_host_country=countries[change["previous_host_country"]],
                )
                self.get_or_create(
                    MeetingChange,
                    {"meeting": meeting, "previous_start_date": change["previous_start_date"]},
                    **change,
                )

        for data in seed.CHAIR_TERMS:
            data = dict(
                data,
                country=countries[data["country"]],
                start_meeting=meetings.get(data["start_meeting"]),
                end_meeting=meetings.get(data["end_meeting"]),
            )
            term = self.get_or_create(ChairTerm, {"country": data["country"], "start": data["start"]}, **data)
            self.mark_for_review(term, data)

        for data in seed.FOUNDING_DOCUMENTS:
            data = dict(data, adopted_at=meetings[data["adopted_at"]], dates_public=False)
            document = self.get_or_create(FoundingDocument, {"slug": data["slug"]}, **self.published(data))
            self.translate(document, ("founding_documents", data["slug"]))

        # One page per country: the country, not the editable slug, identifies it.
        relations = {}
        for data in seed.RELATIONS:
            country = countries[data["country"]]
            data = {key: value for key, value in data.items() if key != "country"} | {"dates_public": False}
            relation = self.get_or_create(Relation, {"country": country}, **self.published(data))
            relations[country.code] = relation
            self.translate(relation, ("relations", country.code))

        contact_url = self.contact_url()
        for data in seed.POLICY_PAGES:
            data = dict(
                data,
                body=format_html(data["body"], contact_url=contact_url),
                in_footer=True,
                dates_public=False,
            )
            page = self.get_or_create(PolicyPage, {"slug": data["slug"]}, **self.published(data))
            self.translate(page, ("policy_pages", data["slug"]), contact_url=contact_url)

        for data in seed.FACT_CHECKS:
            relation = relations.get(data.get("relation"))
            check = self.get_or_create(
                FactCheck, {"panel": data["panel"], "relation": relation}, checked_on=data["checked_on"]
            )
            for order, title in enumerate(data["sources"], start=1):
                self.get_or_create(
                    FactSource, {"fact_check": check, "title_en": title}, title=title, order=order
                )

    def published(self, values):
        return dict(values, status=Publishable.Status.PUBLISHED, publish_at=self.now)

    def get_or_create(self, model, lookup, **values):
        """The object found by its natural key, or a new one, validated and saved.

        An object found that the seed loaded and nobody has edited since is brought up to date with
        the seed's `values` (a count that changed, a name CLDR had wrong); one staff edited is left
        exactly as it is. `obj.seed_owned` says which.
        """
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            existing.seed_owned = self.seed_owned(existing)
            if existing.seed_owned:
                self.update(existing, {k: v for k, v in values.items() if k not in KEPT_FIELDS})
            return existing
        obj = model(**(values | lookup))
        self.validate(obj)
        # A revision each, so that every item's history starts here and each can be restored alone.
        with history.revision(None, f"Loaded {SEED_REVISION}"):
            obj.save()
        obj.seed_owned = True
        self.created[model] += 1
        return obj

    def seed_owned(self, obj):
        """Whether `obj` is still as the loader left it: every revision of it is the loader's (nobody
        saved it in the admin or the API, which record who did), and its fields are those of the last
        one (nobody changed it in the shell or a script either). Without a revision it is not."""
        versions = list(Version.objects.get_for_object(obj).select_related("revision"))
        if not versions or any(
            version.revision.user_id is not None or not version.revision.comment.endswith(SEED_REVISION)
            for version in versions
        ):
            return False
        latest = versions[0]  # The latest first.
        # Only the fields the revision recorded: a field added since (by a migration) is not an edit.
        recorded = set(json.loads(latest.serialized_data)[0]["fields"]) if latest.format == "json" else set()
        stored = latest.field_dict
        current = self.field_values(obj)
        return all(
            comparable(current[field.attname]) == comparable(stored.get(field.attname))
            for field in obj._meta.concrete_fields
            if field.name in recorded and field.name not in BOOKKEEPING
        )

    def update(self, obj, values):
        before = self.field_values(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        self.validate(obj)
        if self.field_values(obj) == before:
            return
        with history.revision(None, f"Updated {SEED_REVISION}"):
            obj.save()
        self.updated[type(obj)] += 1

    def field_values(self, obj):
        return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}

    def validate(self, obj):
        try:
            # full_clean() also sanitises the rich-text fields.
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(f"Cannot load {obj._meta.verbose_name} “{obj}”: {error}") from error

    def mark_for_review(self, obj, values):
        """Mark the translations given with the English (`name_ru`, `note_az` …) as to be reviewed."""
        for code, _name in settings.LANGUAGES:
            given = code != settings.LANGUAGE_CODE and any(key.endswith(f"_{code}") for key in values)
            if given and obj.translation_status(code) != obj.TranslationStatus.REVIEW:
                obj.set_translation_review(code, True)

    def translate(self, obj, key, contact_url=None):
        """Add the seed's translations of `obj`, marked to be reviewed.

        A language in which staff have written anything on an object they edited is left alone; on
        an object that is still the seed's own, the seed's translation replaces an older one.
        """
        for language, values in seed.TRANSLATIONS.get(key, {}).items():
            if contact_url is not None:
                values = {name: format_html(value, contact_url=contact_url) for name, value in values.items()}
            has_text = any(getattr(obj, f"{name}_{language}") for name in values)
            if has_text and not obj.seed_owned:
                continue
            before = self.field_values(obj)
            for name, value in values.items():
                setattr(obj, f"{name}_{language}", value)
            try:
                obj.full_clean()
            except ValidationError as error:
                raise CommandError(f"Cannot translate “{obj}” into {language}: {error}") from error
            if self.field_values(obj) == before:
                continue
            with history.revision(None, f"Translation into {language} loaded {SEED_REVISION}"):
                obj.save()
            if hasattr(obj, "set_translation_review"):
                obj.set_translation_review(language, True)
            self.translated[language] += 1

    def drop_migrated_place(self, place):
        """The place migration 0007 made from the profile's typed city, once the profile uses the
        seed's place with its dated names and nothing else refers to it."""
        if place is None or place.slug == seed.SECRETARIAT_PLACE["slug"]:
            return
        in_use = Organisation.objects.filter(secretariat_place=place).exists()
        if not in_use and not Version.objects.get_for_object(place).exists():
            place.names.all().delete()
            place.delete()

    def contact_url(self):
        # The contact page's URL may not be wired in every configuration.
        try:
            return PolicyPage(slug="contact").get_absolute_url()
        except NoReverseMatch:
            return "/contact/"
