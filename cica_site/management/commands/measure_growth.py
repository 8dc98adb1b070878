import statistics
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cica_site import invalidation
from events.models import Meeting


class Command(BaseCommand):
    help = (
        "Time the meetings list, a meeting page, the API's meetings list and a search on this database, and "
        "count their queries, with the page cache off: as pages come once their fragments are "
        "cached, and just after a change. `make growth` runs it at three sizes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=5, help="Requests timed per page (the median counts)."
        )

    def handle(self, *args, repeat, **options):
        meeting = Meeting.objects.published().order_by("pk")[Meeting.objects.count() // 2]
        pages = {
            "meetings list": "/en/meetings/",
            "meeting page": meeting.get_absolute_url(),
            "API meetings list": "/api/v1/meetings/",
            # generate_data's meetings are in ten cities: a tenth of them are in Baku.
            "search": "/en/search/?q=Baku",
        }
        client = Client()
        count = Meeting.objects.count()
        with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
            for name, url in pages.items():
                client.get(url)  # Warm: templates compiled, connections open.
                steady = self.measure(client, url, repeat)
                after_change = self.measure(client, url, repeat, before=self.forget_cached_parts)
                self.stdout.write(
                    f"| {count:,} | {name} | {steady[0]:.0f} ms | {steady[1]} "
                    f"| {after_change[0]:.0f} ms | {after_change[1]} |"
                )

    @staticmethod
    def forget_cached_parts():
        """What a change to everything they show does: no fragment or shared value is found."""
        invalidation.invalidate_everything()
        caches["template_fragments"].clear()

    @staticmethod
    def measure(client, url, repeat, before=None):
        """(median milliseconds, queries of the last request) of `repeat` requests for `url`."""
        timings = []
        for _ in range(repeat):
            if before:
                before()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        return statistics.median(timings) * 1000, len(queries)
