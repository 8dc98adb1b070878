"""`manage.py generate_data`: bulk content for `make bench`, `make growth` and `.ci/load`.

It fills several apps at once, and retires every cached page when done (bulk inserts send no signal),
so it is one of the project's own commands, like `backup` and `measure_growth`.
"""

import argparse
import datetime
import itertools
import random
import string

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from cica_site import invalidation
from events.models import Meeting
from organisation import search
from organisation.models import Body, Country, Organisation, PolicyPage, Relation

CITIES = ["Baku", "Astana", "Tashkent", "Dushanbe", "Bishkek", "Ankara", "Tehran", "Beijing", "Delhi", "Doha"]
TOPICS = [
    "transport connectivity",
    "energy security",
    "food security",
    "migration",
    "cyber security",
    "disaster management",
    "tourism",
    "youth exchange",
]


def count(value):
    """A number of things to make: a whole number, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of things: give 0 or more.")
    return number


class Command(BaseCommand):
    help = (
        "Add a large amount of published content for benchmarks and growth measurements: meetings, "
        "countries with a relations page each, and policy pages. Run `load_seed` first. For a "
        "throwaway database only: nothing it makes is meant to stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=count, default=5000)
        parser.add_argument("--countries", type=count, default=50)
        parser.add_argument("--pages", type=count, default=20, help="Policy pages.")
        parser.add_argument("--seed", type=int, default=1, help="Of the random choices, for repeatable data.")

    def handle(self, *args, meetings, countries, pages, seed, **options):
        if not Organisation.objects.exists():
            raise CommandError(
                "Run `manage.py load_seed` first: the generated content belongs to its organisation."
            )
        self.random = random.Random(seed)
        self.now = timezone.now()
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            made_countries = self.make_countries(countries)
            self.make_relations(made_countries)
            self.make_pages(pages)
            self.make_meetings(meetings)
        # Bulk inserts send no signal: index what they made for the site search, and retire the
        # cached pages and fragments of a running site.
        search.index_missing()
        invalidation.invalidate_everything()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {meetings} meetings, {len(made_countries)} countries with their relations pages "
                f"and {pages} policy pages."
            )
        )

    def published(self):
        return {"status": "published", "publish_at": self.now - datetime.timedelta(days=1)}

    def make_countries(self, count):
        taken = set(Country.objects.values_list("code", flat=True))
        free = ("".join(pair) for pair in itertools.product(string.ascii_uppercase, repeat=2))
        codes = [code for code in free if code not in taken][:count]
        return Country.objects.bulk_create(
            Country(name=f"Generated country {code}", slug=f"generated-country-{code.lower()}", code=code)
            for code in codes
        )

    def make_relations(self, countries):
        Relation.objects.bulk_create(
            Relation(
                country=country,
                slug=f"relations-{country.slug}",
                lead=f"{country.name} takes part in the work on {self.random.choice(TOPICS)}.",
                body="<p>" + " ".join(f"A paragraph on {topic}." for topic in TOPICS) + "</p>",
                **self.published(),
            )
            for country in countries
        )

    @staticmethod
    def numbers(model, prefix, count):
        """1 to `count`, or on from the last run's numbers when generated content is there already."""
        first = model.objects.filter(slug__startswith=prefix).count() + 1
        return range(first, first + count)

    def make_pages(self, count):
        PolicyPage.objects.bulk_create(
            PolicyPage(
                title=f"Generated policy {n}",
                slug=f"generated-policy-{n}",
                body="<p>" + "Policy text. " * 50 + "</p>",
                # Reached from search and the sitemap: a footer has the seed's handful of links.
                in_footer=False,
                **self.published(),
            )
            for n in self.numbers(PolicyPage, "generated-policy-", count)
        )

    def make_meetings(self, count):
        countries = list(Country.objects.values_list("pk", flat=True))
        bodies = [None, *Body.objects.values_list("pk", flat=True)]
        kinds = [kind for kind, _label in Meeting.Kind.choices]
        today = timezone.localdate()
        batch = []
        for n in self.numbers(Meeting, "generated-meeting-", count):
            # Over the past thirty years, and one in a hundred in the year to come, as on the real site.
            if n % 100:
                start = today - datetime.timedelta(days=self.random.randint(1, 30 * 365))
            else:
                start = today + datetime.timedelta(days=self.random.randint(1, 365))
            topic, city = self.random.choice(TOPICS), self.random.choice(CITIES)
            batch.append(
                Meeting(
                    title=f"Meeting {n} on {topic} in {city}",
                    slug=f"generated-meeting-{n}",
                    kind=self.random.choice(kinds),
                    body_id=self.random.choice(bodies),
                    start_date=start,
                    end_date=start + datetime.timedelta(days=self.random.randint(0, 2)),
                    city=city,
                    host_country_id=self.random.choice(countries) if countries else None,
                    summary=f"Delegations met in {city} to discuss {topic}.",
                    meeting_status=Meeting.MeetingStatus.HELD
                    if start < today
                    else Meeting.MeetingStatus.PLANNED,
                    **self.published(),
                )
            )
            if len(batch) == 1000:
                Meeting.objects.bulk_create(batch)
                batch = []
        Meeting.objects.bulk_create(batch)
