"""Backups: `backup` writes content and media, `restore` brings them back into an empty database."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import is_password_usable
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from events.models import Meeting
from organisation.models import PreviewLink, Relation
from tests.factories import load_seed, make_meeting_document, make_meeting_photo, make_staff, make_token
from tests.files import image_bytes
from tests.payloads import MULTILINE_PAYLOADS, PAYLOADS

# Everything an attacker may have typed, and what a database may hold from before text was cleaned.
ATTACK_TEXT = "\r\n".join([*PAYLOADS, *MULTILINE_PAYLOADS, "Vertical\u000btab, bell\u0007, escape\u001b."])

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

    def round_trip(self):
        """Back up, empty the database and the media, restore; returns the backup's path."""
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
        return path

    def assertSamePages(self, before, after):
        for url in PAGES:
            with self.subTest(url=url):
                self.assertEqual(after[url], before[url])

    def test_a_restored_backup_shows_the_same_pages(self):
        before = self.pages()
        self.round_trip()
        self.assertSamePages(before, self.pages())
        self.assertTrue((self.media / "meetings" / "photos" / "summit.jpg").is_file())

    def test_any_text_in_the_database_and_its_history_is_backed_up_and_restored_exactly(self):
        # What no save stores today (organisation.models.text) but older rows, and revisions made
        # before, may hold: control characters and CR LF line breaks, in content, in the revision
        # history and in a user's name.
        meeting = Meeting.objects.get(slug="summit-astana-2022")
        Meeting.objects.filter(pk=meeting.pk).update(
            title_en="Agenda\u000b2027 \u0001\u001f\u007f\u0085", summary_en="First\r\nSecond\rThird"
        )
        Relation.objects.filter(slug="azerbaijan").update(lead_en=ATTACK_TEXT)
        Version.objects.filter(pk=Version.objects.first().pk).update(object_repr="Old\u000btitle")
        make_staff(username="attacker", first_name="Name\u000b\u0000\u0008")
        before = self.pages()

        self.round_trip()

        self.assertSamePages(before, self.pages())
        restored = Meeting.objects.get(slug="summit-astana-2022")
        self.assertEqual(restored.title_en, "Agenda\u000b2027 \u0001\u001f\u007f\u0085")
        self.assertEqual(restored.summary_en, "First\r\nSecond\rThird")
        self.assertEqual(Relation.objects.get(slug="azerbaijan").lead_en, ATTACK_TEXT)
        self.assertTrue(Version.objects.filter(object_repr="Old\u000btitle").exists())

    def test_a_backup_holds_the_data_and_the_media(self):
        path = self.folder / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())
        with tarfile.open(path) as archive:
            names = archive.getnames()
            data = archive.extractfile("data.json").read().decode()
        self.assertIn("media/meetings/photos/summit.jpg", names)
        self.assertIn('"model": "events.meeting"', data)
        self.assertNotIn('"model": "contenttypes.contenttype"', data)

    def test_a_backup_holds_no_secrets(self):
        user = make_staff(username="editor")
        token = make_token(user)
        self.client.force_login(user)  # A session.
        self.client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})  # An attempt.
        link = PreviewLink.objects.create(
            content_object=Meeting.objects.get(slug="summit-astana-2022"), created_by=user
        )
        path = self.folder / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())
        with tarfile.open(path) as archive:
            data = archive.extractfile("data.json").read().decode()
        records = json.loads(data)
        models = {record["model"] for record in records}
        for model in (
            "sessions.session",
            "organisation.apitoken",
            "organisation.previewlink",
            "axes.accessattempt",
        ):
            self.assertNotIn(model, models)
        for secret in (
            token.key,
            token.digest,
            link.nonce,
            User.objects.get(pk=user.pk).password,
            "pbkdf2_sha256$",
        ):
            self.assertNotIn(secret, data)
        (stored,) = [r for r in records if r["model"] == "auth.user" and r["fields"]["username"] == "editor"]
        self.assertFalse(is_password_usable(stored["fields"]["password"]))

    def test_restored_users_set_new_passwords(self):
        make_staff(username="editor")
        self.round_trip()
        user = User.objects.get(username="editor")
        self.assertFalse(user.has_usable_password())
        response = self.client.post(
            reverse("admin:login"), {"username": "editor", "password": "a-long-test-password"}
        )
        self.assertEqual(response.status_code, 200)  # The form again, not a redirect to the admin.

    def test_restore_refuses_a_database_with_content(self):
        path = self.folder / "cica.tar.gz"
        call_command("backup", str(path), stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "The database has content already"):
            call_command("restore", str(path), stdout=io.StringIO())
