import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cica_site import backups, invalidation
from organisation import search


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty, migrated database: its content "
        "and staff accounts, and its uploaded files into MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .tar.gz file written by `manage.py backup`.")

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"There is no backup at {path}.")
        occupied = [
            model._meta.label
            for app_label in invalidation.PUBLIC_APPS
            for model in apps.get_app_config(app_label).get_models()
            if model._default_manager.exists()
        ]
        if occupied:
            raise CommandError(
                "The database has content already (" + ", ".join(sorted(occupied)) + "). Restore into an "
                "empty database: create it, run `manage.py migrate`, then `manage.py restore`."
            )
        with tempfile.TemporaryDirectory() as folder, tarfile.open(path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
            data = Path(folder) / backups.DATA_NAME
            if not data.is_file():
                data = Path(folder) / backups.OLD_DATA_NAME
            call_command("loaddata", str(data), stdout=self.stdout)
            media = Path(folder) / "media"
            if media.is_dir():
                self.restore_media(media)
        # loaddata sends its saves as raw: the site search's index is made from what was loaded.
        search.rebuild()
        invalidation.invalidate_everything()
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))

    def restore_media(self, source):
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            shutil.copytree(source, storage.location, dirs_exist_ok=True)
            return
        # Object storage: each file through the storage API, under the name the content refers to.
        for file in sorted(source.rglob("*")):
            if file.is_file():
                name = file.relative_to(source).as_posix()
                if not storage.exists(name):
                    with file.open("rb") as content:
                        storage.save(name, content)
