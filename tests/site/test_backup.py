"""Backups: `backup` writes content and media, `restore` brings them back into an empty database."""

import io
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase

from events.models import Meeting
from tests.factories import load_seed, make_meeting_document, make_meeting_photo
from tests.files import image_bytes

PAGES = [
    "/en/",
    "/ru/",
    "/en/about/",
    "/en/member-states/",
    "/en/relations/azerbaijan/",
    "/en/meetings/",
    "/en/meetings/summit-astana-2022/",
    "/en/search/?q=Baku",
    "/api/v1/meetings/",
    "/api/v1/relations/",
]


class BackupRestoreTests(TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()  # For the backups, apart from the media they hold.
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        self.media = Path(settings.MEDIA_ROOT)

        load_seed()
        meeting = Meeting.objects.get(slug="summit-astana-2022")
        make_meeting_document(meeting, "Astana statement")
        photo = make_meeting_photo(meeting, image="meetings/photos/summit.jpg")
        (self.media / "meetings" / "photos").mkdir(parents=True, exist_ok=True)
        (self.media / photo.image.name).write_bytes(image_bytes(color="navy"))

    def pages(self):
        return {url: self.client.get(url).content for url in PAGES}

    def test_a_restored_backup_shows_the_same_pages(self):
        before = self.pages()
        path = self.folder / "backups" / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())

        # An empty database, as after `migrate`, and no media. Flushing makes new content types:
        # the cache of the old ones must not outlive this test's transaction.
        self.addCleanup(ContentType.objects.clear_cache)
        if connection.vendor == "postgresql":
            # The checks of this test's inserts are deferred to its end; TRUNCATE waits for none.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # As in a new transaction, for loaddata.
        for file in self.media.rglob("*.jpg"):
            file.unlink()
        self.assertEqual(self.client.get("/en/relations/azerbaijan/").status_code, 404)

        call_command("restore", str(path), stdout=io.StringIO())
        after = self.pages()
        for url in PAGES:
            with self.subTest(url=url):
                self.assertEqual(after[url], before[url])
        self.assertTrue((self.media / "meetings" / "photos" / "summit.jpg").is_file())

    def test_a_backup_holds_the_data_and_the_media(self):
        path = self.folder / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())
        with tarfile.open(path) as archive:
            names = archive.getnames()
            data = archive.extractfile("data.xml").read().decode()
        self.assertIn("media/meetings/photos/summit.jpg", names)
        self.assertIn('model="events.meeting"', data)
        self.assertNotIn('model="sessions.session"', data)
        self.assertNotIn('model="contenttypes.contenttype"', data)

    def test_restore_refuses_a_database_with_content(self):
        path = self.folder / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "The database has content already"):
            call_command("restore", str(path), stdout=io.StringIO())
