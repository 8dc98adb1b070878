import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from events.models import Meeting


class Command(BaseCommand):
    help = (
        "Time the meetings list, a meeting page and the API's meetings list on this database, and "
        "count their queries, with the page cache off. `make growth` runs it at three sizes."
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
        }
        client = Client()
        count = Meeting.objects.count()
        with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
            for name, url in pages.items():
                client.get(url)  # Warm: templates compiled, connections open.
                timings = []
                for _ in range(repeat):
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        response = client.get(url)
                        timings.append(time.perf_counter() - start)
                    if response.status_code != 200:
                        raise SystemExit(f"{url} answered {response.status_code}")
                milliseconds = statistics.median(timings) * 1000
                self.stdout.write(f"| {count:,} | {name} | {milliseconds:.0f} ms | {len(queries)} |")
