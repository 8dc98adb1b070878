from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import format_html

from cica_site import seed
from events.models import Meeting
from organisation import history
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    Membership,
    Organisation,
    PolicyPage,
    Publishable,
    Relation,
)


class Command(BaseCommand):
    help = (
        "Load the seed content: the organisation profile, member states, bodies, founding documents, "
        "the transportation corridors measure, meetings, the Azerbaijan relations page and the policy "
        "pages. What exists already is left exactly as it is, so running it again changes nothing."
    )

    def handle(self, *args, **options):
        self.created = Counter()
        self.translated = Counter()
        self.now = timezone.now()
        # The seed is written in English, the source language: plain field names mean English.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self.load()
        if not self.created and not self.translated:
            self.stdout.write("Nothing to load: the seed content is present.")
            return
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Created {self.created.total()} objects:"))
            for model, count in self.created.items():
                self.stdout.write(f"  {str(model._meta.verbose_name_plural).capitalize()}: {count}")
        if self.translated:
            languages = ", ".join(
                f"{language}: {count}" for language, count in sorted(self.translated.items())
            )
            self.stdout.write(f"Added translations to be reviewed ({languages}).")

    def load(self):
        countries = {}
        for code, name, slug in seed.MEMBER_STATES:
            country = countries[code] = self.get_or_create(Country, {"code": code}, name=name, slug=slug)
            self.get_or_create(Membership, {"country": country, "status": Membership.Status.MEMBER})
        for observer in seed.OBSERVER_STATES:
            code, name, slug = observer["country"]
            country = countries[code] = self.get_or_create(Country, {"code": code}, name=name, slug=slug)
            self.get_or_create(
                Membership,
                {"country": country, "status": Membership.Status.OBSERVER_STATE},
                joined_on=observer["joined_on"],
                note=observer["note"],
            )

        # There is one organisation: if any profile exists, whatever its slug, it is the one.
        profile = dict(
            seed.ORGANISATION, secretariat_country=countries[seed.ORGANISATION["secretariat_country"]]
        )
        self.translate(
            self.get_or_create(Organisation, {}, **self.published(profile)), ("organisation", None)
        )

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
        for data in seed.MEETINGS:
            data = dict(data)
            for field, objects in [
                ("body", bodies),
                ("measure", measures),
                ("host_country", countries),
                ("organising_country", countries),
            ]:
                if field in data:
                    data[field] = objects[data[field]]
            data["meeting_status"] = Meeting.MeetingStatus.HELD
            meetings[data["slug"]] = self.get_or_create(
                Meeting, {"slug": data["slug"]}, **self.published(data)
            )
            self.translate(meetings[data["slug"]], ("meetings", data["slug"]))

        for data in seed.FOUNDING_DOCUMENTS:
            data = dict(data, adopted_at=meetings[data["adopted_at"]])
            document = self.get_or_create(FoundingDocument, {"slug": data["slug"]}, **self.published(data))
            self.translate(document, ("founding_documents", data["slug"]))

        # One page per country: the country, not the editable slug, identifies it.
        for data in seed.RELATIONS:
            country = countries[data["country"]]
            data = {key: value for key, value in data.items() if key != "country"}
            relation = self.get_or_create(Relation, {"country": country}, **self.published(data))
            self.translate(relation, ("relations", country.code))

        contact_url = self.contact_url()
        for data in seed.POLICY_PAGES:
            data = dict(data, body=format_html(data["body"], contact_url=contact_url), in_footer=True)
            self.get_or_create(PolicyPage, {"slug": data["slug"]}, **self.published(data))

    def published(self, values):
        return dict(values, status=Publishable.Status.PUBLISHED, publish_at=self.now)

    def get_or_create(self, model, lookup, **values):
        """The object found by its natural key, left as it is; or a new one, validated and saved."""
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            return existing
        obj = model(**(values | lookup))
        try:
            # full_clean() also sanitises the rich-text fields.
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(f"Cannot load {model._meta.verbose_name} “{obj}”: {error}") from error
        # A revision each, so that every item's history starts here and each can be restored alone.
        with history.revision(None, "Loaded from the seed content."):
            obj.save()
        self.created[model] += 1
        return obj

    def translate(self, obj, key):
        """Add the seed's translations of `obj` in each language of which it has no text at all.

        A language in which staff have written anything is left alone.
        """
        for language, values in seed.TRANSLATIONS.get(key, {}).items():
            if any(getattr(obj, f"{name}_{language}") for name in values):
                continue
            for name, value in values.items():
                setattr(obj, f"{name}_{language}", value)
            try:
                obj.full_clean()
            except ValidationError as error:
                raise CommandError(f"Cannot translate “{obj}” into {language}: {error}") from error
            with history.revision(None, f"Translation into {language} loaded from the seed content."):
                obj.save()
            obj.set_translation_review(language, True)
            self.translated[language] += 1

    def contact_url(self):
        # The policy pages' URLs may not be wired in every configuration; the pattern is /<slug>/.
        try:
            return PolicyPage(slug="contact").get_absolute_url()
        except NoReverseMatch:
            return "/contact/"
