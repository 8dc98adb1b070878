"""Uploaded files at /media/: a file is public exactly when the content holding it is, whatever the
storage, and no file's address can be guessed from the name it was uploaded under."""

import io
import json
import re
import shutil
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from events.models import Meeting, MeetingDocument, MeetingPhoto
from organisation import review
from organisation.models import FoundingDocument, Organisation, PendingVersion, PreviewLink
from tests.factories import (
    days,
    make_country,
    make_founding_document,
    make_meeting,
    make_organisation,
    make_staff,
)
from tests.files import image_file, pdf_file

RANDOM = r"[0-9a-f]{32}"


class MediaTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting("Draft summit", published=False)
        cls.photo = MeetingPhoto.objects.create(
            meeting=cls.meeting, image=image_file("summit-hall.jpg", size=(900, 600)), alt_text="The hall"
        )
        cls.document = MeetingDocument.objects.create(
            meeting=cls.meeting, title="Declaration", file=pdf_file("astana-declaration.pdf")
        )
        cls.editor = make_staff("Editors")

    def urls(self):
        """The address of the photo, of each of its renditions, and of the document's PDF."""
        photo = MeetingPhoto.objects.get(pk=self.photo.pk)
        names = [photo.image.name, *(r[fmt] for r in photo.renditions for fmt in ("webp", "jpeg"))]
        names.append(MeetingDocument.objects.get(pk=self.document.pk).file.name)
        return ["/media/" + name for name in names]

    def statuses(self, client=None):
        return {(client or self.client).get(url).status_code for url in self.urls()}

    def publish(self, publish_at=None):
        meeting = Meeting.objects.get(pk=self.meeting.pk)
        meeting.status = Meeting.Status.PUBLISHED
        meeting.publish_at = publish_at or timezone.now() - days(1)
        meeting.save()


class FileNameTests(MediaTestCase):
    def test_names_are_random_not_the_uploaded_ones(self):
        for url in self.urls():
            with self.subTest(url=url):
                self.assertNotRegex(url, "summit|hall|astana|declaration")
                self.assertRegex(
                    url, rf"^/media/meetings/(photos|documents)/(renditions/)?{RANDOM}(-\d+w)?\."
                )


class DraftFileTests(MediaTestCase):
    def test_a_draft_meetings_photo_renditions_and_pdf_are_not_public(self):
        self.assertEqual(self.statuses(), {404})

    def test_staff_who_may_see_the_draft_get_them_never_cached(self):
        self.client.force_login(self.editor)
        for url in self.urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
                self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_staff_without_the_right_to_see_it_do_not(self):
        self.client.force_login(make_staff())
        self.assertEqual(self.statuses(), {404})

    def test_a_reviewer_with_a_preview_link_gets_them(self):
        link = PreviewLink.objects.create(content_object=self.meeting)
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 200)
        self.assertEqual(self.statuses(), {200})
        link.revoke()
        self.assertEqual(self.statuses(), {404})

    def test_published_they_are_public_and_cacheable(self):
        self.publish()
        for url in self.urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Cache-Control"], "public, max-age=86400")

    def test_a_scheduled_publication_makes_them_public_when_its_time_comes_without_a_save(self):
        publish_at = timezone.now() + days(1)
        self.publish(publish_at)
        self.assertEqual(self.statuses(), {404})
        with mock.patch("django.utils.timezone.now", return_value=publish_at + days(1)):
            self.assertEqual(self.statuses(), {200})

    def test_unpublished_again_they_are_private_again(self):
        self.publish()
        Meeting.objects.filter(pk=self.meeting.pk).update(status=Meeting.Status.DRAFT)
        self.assertEqual(self.statuses(), {404})

    def test_a_draft_founding_documents_pdf_and_an_unpublished_logo(self):
        make_organisation(status=Organisation.Status.DRAFT, logo=image_file("logo.png"))
        document = make_founding_document(published=False, file=pdf_file("charter.pdf"))
        for name in (
            Organisation.objects.get().logo.name,
            FoundingDocument.objects.get(pk=document.pk).file.name,
        ):
            with self.subTest(name=name):
                self.assertEqual(self.client.get("/media/" + name).status_code, 404)

    def test_a_countrys_flag_is_public(self):
        country = make_country(flag=image_file("flag.png"))
        self.assertEqual(self.client.get(country.flag.url).status_code, 200)

    def test_a_file_no_row_holds_is_served_to_nobody(self):
        Path(settings.MEDIA_ROOT, "meetings", "photos", "orphan.jpg").write_bytes(b"\xff\xd8")
        self.client.force_login(make_staff(is_superuser=True))
        self.assertEqual(self.client.get("/media/meetings/photos/orphan.jpg").status_code, 404)
        self.assertEqual(self.client.get("/media/meetings/photos/../photos/orphan.jpg").status_code, 404)


class PendingFileTests(TestCase):
    """A photo an Editor adds to a live meeting waits, with the change, for a Publisher."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting("Live summit")
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")

    def add_photo(self):
        def save():
            meeting = Meeting.objects.get(pk=self.meeting.pk)
            MeetingPhoto.objects.create(meeting=meeting, image=image_file("hall.jpg"), alt_text="The hall")
            meeting.save()
            return None, meeting

        _, outcome = review.edit(Meeting.objects.get(pk=self.meeting.pk), self.editor, save)
        self.assertEqual(outcome, "pending")
        (pending,) = PendingVersion.objects.all()
        (item,) = [i for i in pending.snapshot["objects"] if i["model"] == "events.meetingphoto"]
        name = json.loads(item["data"])[0]["fields"]["image"]
        return pending, "/media/" + name

    def test_only_staff_who_may_see_drafts_get_it_until_it_is_published(self):
        pending, url = self.add_photo()
        self.assertFalse(MeetingPhoto.objects.exists())
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(make_staff())
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.publisher)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("private", response["Cache-Control"])
        review.publish(pending, self.publisher)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_discarded_it_is_served_to_nobody(self):
        pending, url = self.add_photo()
        review.discard(pending, self.publisher)
        self.client.force_login(self.publisher)
        self.assertEqual(self.client.get(url).status_code, 404)


@override_settings(SERVE_MEDIA=False)
class NginxTests(MediaTestCase):
    """In production on local disk the site decides, and nginx sends the file (X-Accel-Redirect)."""

    def test_a_public_file_is_sent_by_nginx_with_long_caching(self):
        self.publish()
        url = self.urls()[0]
        response = self.client.get(url)
        self.assertEqual(response["X-Accel-Redirect"], url.replace("/media/", "/internal-media/"))
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertEqual(response["Cache-Control"], "public, max-age=86400")
        self.assertEqual(response.content, b"")

    def test_a_draft_file_is_not(self):
        self.assertEqual(self.statuses(), {404})


S3 = {
    "BACKEND": "cica_site.storage.S3MediaStorage",
    "OPTIONS": {
        "bucket_name": "cica-media",
        "endpoint_url": "https://objects.example.net",
        "region_name": "eu-central-1",
        "access_key": "test-key",
        "secret_key": "test-secret",
        "location": "media",
        "querystring_auth": True,
        "file_overwrite": False,
    },
}


class ObjectStorageTests(TestCase):
    """With media in a private bucket: no request goes to it here, addresses are computed locally."""

    @classmethod
    def setUpTestData(cls):
        cls.draft = make_meeting(published=False)
        cls.published = make_meeting()
        # Names stored without writing a file: nothing is uploaded.
        cls.draft_document = MeetingDocument.objects.create(
            meeting=cls.draft, title="D", file="meetings/documents/a.pdf"
        )
        cls.document = MeetingDocument.objects.create(
            meeting=cls.published, title="P", file="meetings/documents/b.pdf"
        )

    def setUp(self):
        self.settings_override = override_settings(STORAGES={**settings.STORAGES, "default": S3})
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)
        self.addCleanup(storages._storages.clear)
        storages._storages.clear()

    def test_file_addresses_are_the_sites_own(self):
        self.assertEqual(
            storages["default"].url("meetings/documents/b.pdf"), "/media/meetings/documents/b.pdf"
        )

    def test_a_public_file_redirects_to_a_short_lived_signed_address_on_the_bucket(self):
        response = self.client.get("/media/meetings/documents/b.pdf")
        self.assertEqual(response.status_code, 302)
        location = urlsplit(response["Location"])
        self.assertEqual((location.scheme, location.netloc), ("https", "objects.example.net"))
        self.assertEqual(location.path, "/cica-media/media/meetings/documents/b.pdf")
        query = parse_qs(location.query)
        self.assertEqual(query["X-Amz-Expires"], ["3600"])
        self.assertIn("X-Amz-Signature", query)
        self.assertRegex(response["Cache-Control"], "public, max-age=1800")

    def test_a_draft_file_gets_no_address_at_all(self):
        self.assertEqual(self.client.get("/media/meetings/documents/a.pdf").status_code, 404)

    def test_staff_who_may_see_the_draft_get_a_signed_address_never_cached(self):
        self.client.force_login(make_staff("Editors"))
        response = self.client.get("/media/meetings/documents/a.pdf")
        self.assertEqual(response.status_code, 302)
        self.assertIn("X-Amz-Signature", response["Location"])
        self.assertIn("no-store", response["Cache-Control"])


class RenameUploadsTests(TestCase):
    """Files stored before names were random get random names: `manage.py rename_uploads`."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting()
        cls.photo = MeetingPhoto.objects.create(
            meeting=cls.meeting, image=image_file("x.jpg", size=(900, 600)), alt_text="The hall"
        )
        cls.document = MeetingDocument.objects.create(meeting=cls.meeting, title="D", file=pdf_file())

    def setUp(self):
        # As stored before: under the names they were uploaded with.
        root = Path(settings.MEDIA_ROOT)
        for obj, field, old in [
            (self.photo, "image", "meetings/photos/summit.jpg"),
            (self.document, "file", "meetings/documents/astana.pdf"),
        ]:
            stored = Path(root, getattr(type(obj).objects.get(pk=obj.pk), field).name)
            shutil.copyfile(stored, root / old)
            type(obj).objects.filter(pk=obj.pk).update(**{field: old})
        self.original = (root / "meetings/photos/summit.jpg").read_bytes()

    def test_old_names_become_random_and_the_files_are_served(self):
        output = io.StringIO()
        call_command("rename_uploads", stdout=output)
        photo = MeetingPhoto.objects.get(pk=self.photo.pk)
        document = MeetingDocument.objects.get(pk=self.document.pk)
        self.assertRegex(photo.image.name, rf"^meetings/photos/{RANDOM}\.jpg$")
        self.assertRegex(document.file.name, rf"^meetings/documents/{RANDOM}\.pdf$")
        self.assertEqual(photo.image.read(), self.original)
        self.assertTrue(all(re.search(RANDOM, r["webp"]) for r in photo.renditions))
        self.assertEqual(self.client.get(photo.image.url).status_code, 200)
        self.assertEqual(self.client.get("/media/meetings/photos/summit.jpg").status_code, 404)
        self.assertIn("Renamed 2 files.", output.getvalue())

    def test_running_it_again_changes_nothing(self):
        call_command("rename_uploads", stdout=io.StringIO())
        output = io.StringIO()
        call_command("rename_uploads", stdout=output)
        self.assertIn("Renamed 0 files.", output.getvalue())
