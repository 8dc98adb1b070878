import time

from django.core.management.base import BaseCommand

from organisation import search


class Command(BaseCommand):
    help = (
        "Make the site search's documents and index again from the content, in one transaction (the "
        "site searches the old index meanwhile). With --missing, only index the objects that have no "
        "documents yet: after an upgrade that brought the search, or content inserted in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only index what has no documents yet: quick when nothing does.",
        )

    def handle(self, *args, missing, **options):
        started = time.monotonic()
        count = search.index_missing() if missing else search.rebuild()
        self.stdout.write(f"Indexed {count} search documents in {time.monotonic() - started:.1f} s.")
