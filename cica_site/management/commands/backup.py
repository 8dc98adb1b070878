import io
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` (content types, permissions) or by `restore` (the site search's index), or
# not content (sessions, login attempts).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "modelsearch",
    "organisation.SearchDocument",
    "organisation.SearchTerm",
]


class Command(BaseCommand):
    help = (
        "Write all content, staff accounts and uploaded files to one .tar.gz file: data.xml (dumpdata "
        "with natural keys) and media/ (the files under MEDIA_ROOT). `manage.py restore` reads it back "
        "into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. backups/cica-2026-11-28.tar.gz.")

    def handle(self, *args, path, **options):
        data = io.StringIO()
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            # XML keeps times to the microsecond; Django's JSON rounds them to milliseconds.
            format="xml",
            indent=1,
            stdout=data,
        )
        encoded = data.getvalue().encode()
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            tempfile.NamedTemporaryFile(dir=target.parent, suffix=".partial", delete=False) as partial,
            tarfile.open(fileobj=partial, mode="w:gz") as archive,
        ):
            info = tarfile.TarInfo("data.xml")
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
            media = self.media_root()
            if media is not None and media.is_dir():
                archive.add(media, arcname="media")
        # Whole or not at all: a backup cut short never takes the place of a good one.
        Path(partial.name).replace(target)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}."))

    def media_root(self):
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            return Path(storage.location)
        self.stderr.write(
            "Uploaded files are in object storage, not on this disk: they are not in this backup. "
            "Back the bucket up with its own tools (versioning or replication)."
        )
        return None
