"""Photos and documents uploaded through the admin: checked by content, cleaned, described."""

import io
from unittest import mock

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import TestCase
from PIL import Image

from events.models import Meeting, MeetingDocument, MeetingPhoto
from tests.factories import (
    add_inline_row,
    admin_form_data,
    admin_url,
    inline_formset,
    make_meeting,
    make_policy_page,
    make_staff,
    post_action,
)
from tests.files import camera_exif, image_file, noise_jpeg, pdf_file, pdf_with, png_bomb, two_colour_photo


class UploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.meeting = make_meeting(published=False)

    def post_inline(self, user, prefix, meeting=None, **row):
        meeting = meeting or self.meeting
        self.client.force_login(user)
        url = admin_url(Meeting, "change", meeting.pk)
        data = add_inline_row(admin_form_data(self.client.get(url)), prefix, **row)
        return self.client.post(url, data)

    def upload_photo(self, file, user=None, **row):
        return self.post_inline(
            user or self.editor, "photos", image=file, alt_text_en="The hall", order=0, **row
        )

    def inline_errors(self, response, prefix):
        return [
            error for form in inline_formset(response, prefix).forms for error in form.errors.get("image", [])
        ]


class PhotoUploadTests(UploadTestCase):
    def test_an_editor_uploads_a_photo(self):
        self.assertEqual(self.upload_photo(image_file("hall.jpg")).status_code, 302)
        self.assertEqual(MeetingPhoto.objects.get().alt_text, "The hall")

    def test_a_publisher_uploads_a_photo(self):
        self.upload_photo(image_file("hall.jpg"), user=self.publisher)
        self.assertTrue(MeetingPhoto.objects.exists())

    def test_a_huge_image_is_refused_with_its_dimensions(self):
        response = self.upload_photo(SimpleUploadedFile("poster.png", png_bomb(8000, 6000)))
        self.assertEqual(response.status_code, 200)
        self.assertIn("8000 × 6000", self.inline_errors(response, "photos")[0])
        self.assertFalse(MeetingPhoto.objects.exists())

    def test_a_decompression_bomb_is_refused_with_a_message(self):
        response = self.upload_photo(SimpleUploadedFile("bomb.png", png_bomb(50000, 50000)))
        self.assertIn("far too large in pixels", self.inline_errors(response, "photos")[0])

    def test_a_truncated_file_is_refused(self):
        data = noise_jpeg()
        response = self.upload_photo(SimpleUploadedFile("photo.jpg", data[: len(data) // 2]))
        self.assertIn("damaged or incomplete", self.inline_errors(response, "photos")[0])
        self.assertFalse(MeetingPhoto.objects.exists())

    def test_a_text_file_renamed_png_is_refused(self):
        response = self.upload_photo(SimpleUploadedFile("minutes.png", b"Minutes of the meeting\n" * 20))
        self.assertIn("not a JPEG, PNG or WebP image", self.inline_errors(response, "photos")[0])

    def test_a_png_renamed_jpg_is_accepted_and_stored_as_png(self):
        self.upload_photo(image_file("logo.jpg", fmt="PNG"))
        photo = MeetingPhoto.objects.get()
        self.assertTrue(photo.image.name.endswith(".png"))
        with photo.image.open("rb") as stored:
            self.assertEqual(Image.open(stored).format, "PNG")

    def test_gps_and_all_exif_are_gone_from_the_stored_photo(self):
        self.upload_photo(SimpleUploadedFile("phone.jpg", two_colour_photo(camera_exif())))
        with MeetingPhoto.objects.get().image.open("rb") as stored:
            image = Image.open(io.BytesIO(stored.read()))
        self.assertEqual(dict(image.getexif()), {})
        self.assertNotIn("exif", image.info)

    def test_the_stored_photo_is_turned_upright(self):
        self.upload_photo(SimpleUploadedFile("phone.jpg", two_colour_photo(camera_exif(orientation=6))))
        photo = MeetingPhoto.objects.get()
        self.assertEqual((photo.image_width, photo.image_height), (20, 40))

    def test_the_renditions_carry_no_exif_either(self):
        self.upload_photo(SimpleUploadedFile("phone.jpg", two_colour_photo(camera_exif())))
        for rendition in MeetingPhoto.objects.get().renditions:
            for fmt in ("webp", "jpeg"):
                with default_storage.open(rendition[fmt]) as file:
                    self.assertEqual(dict(Image.open(io.BytesIO(file.read())).getexif()), {})

    def test_renditions_are_made_once_on_save_in_webp_and_jpeg(self):
        self.upload_photo(image_file("hall.jpg", size=(2000, 1000)))
        renditions = MeetingPhoto.objects.get().renditions
        self.assertEqual(
            [(r["width"], r["height"]) for r in renditions], [(400, 200), (800, 400), (1600, 800)]
        )
        self.assertTrue(all(default_storage.exists(r[fmt]) for r in renditions for fmt in ("webp", "jpeg")))


class PhotoPageTests(UploadTestCase):
    def setUp(self):
        self.meeting = make_meeting()
        self.photo = MeetingPhoto.objects.create(
            meeting=self.meeting, image=image_file("hall.jpg", size=(2000, 1000)), alt_text="The hall"
        )

    def test_the_page_serves_a_picture_with_srcset_sizes_width_and_height(self):
        content = self.client.get(self.meeting.get_absolute_url()).content.decode()
        self.assertRegex(
            content,
            r'<source type="image/webp" srcset="/media/meetings/photos/renditions/'
            r"[0-9a-f]{32}-400w\.webp 400w, "
            r'[^"]*-800w\.webp 800w, [^"]*-1600w\.webp 1600w" sizes="\(min-width: 62rem\) 19rem',
        )
        self.assertIn('width="800" height="400" alt="The hall"', content)

    def test_the_page_opens_no_image_file(self):
        with (
            mock.patch("PIL.Image.open", side_effect=AssertionError("opened")),
            mock.patch.object(default_storage, "open", side_effect=AssertionError("opened")),
        ):
            self.assertEqual(self.client.get(self.meeting.get_absolute_url()).status_code, 200)

    def test_a_decorative_photo_has_an_empty_alt(self):
        MeetingPhoto.objects.filter(pk=self.photo.pk).update(decorative=True)
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), 'height="400" alt=""')

    def test_replacing_the_image_deletes_the_old_renditions(self):
        old = [r["jpeg"] for r in self.photo.renditions]
        with self.captureOnCommitCallbacks(execute=True):
            self.photo.image = image_file("other.jpg")
            self.photo.save()
        self.assertFalse(any(default_storage.exists(name) for name in old))

    def test_deleting_the_photo_deletes_its_renditions(self):
        names = [r[fmt] for r in self.photo.renditions for fmt in ("webp", "jpeg")]
        with self.captureOnCommitCallbacks(execute=True):
            self.photo.delete()
        self.assertFalse(any(default_storage.exists(name) for name in names))

    def test_deleting_the_meeting_deletes_its_photos_renditions(self):
        names = [r["webp"] for r in self.photo.renditions]
        with self.captureOnCommitCallbacks(execute=True):
            self.meeting.delete()
        self.assertFalse(any(default_storage.exists(name) for name in names))


class AltTextTests(UploadTestCase):
    def test_a_draft_meetings_photo_may_wait_for_its_description(self):
        response = self.post_inline(self.editor, "photos", image=image_file("hall.jpg"), order=0)
        self.assertEqual(response.status_code, 302)

    def test_a_published_meetings_photo_needs_a_description(self):
        published = make_meeting()
        response = self.post_inline(
            self.editor, "photos", meeting=published, image=image_file("hall.jpg"), order=0
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MeetingPhoto.objects.exists())

    def test_a_decorative_photo_needs_no_description(self):
        published = make_meeting()
        response = self.post_inline(
            self.publisher,
            "photos",
            meeting=published,
            image=image_file("hall.jpg"),
            decorative="on",
            order=0,
        )
        self.assertEqual(response.status_code, 302)

    def test_publishing_through_the_form_needs_every_photo_described(self):
        MeetingPhoto.objects.create(meeting=self.meeting, image=image_file("hall.jpg"))
        self.client.force_login(self.publisher)
        url = admin_url(Meeting, "change", self.meeting.pk)
        response = self.client.post(url, admin_form_data(self.client.get(url)) | {"status": "published"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).status, "draft")

    def test_the_publish_action_leaves_a_meeting_with_an_undescribed_photo_a_draft(self):
        MeetingPhoto.objects.create(meeting=self.meeting, image=image_file("hall.jpg"))
        self.client.force_login(self.publisher)
        post_action(self.client, Meeting, "publish_selected", self.meeting)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).status, "draft")


class DocumentUploadTests(UploadTestCase):
    def upload(self, file, user=None):
        return self.post_inline(
            user or self.editor, "documents", title_en="Declaration", kind="declaration", file=file
        )

    def test_a_pdf_is_stored_with_its_size_and_page_count(self):
        self.assertEqual(self.upload(pdf_file("declaration.pdf", pages=14)).status_code, 302)
        document = MeetingDocument.objects.get()
        self.assertEqual((document.page_count, document.file_size), (14, document.file.size))

    def test_a_publisher_uploads_a_pdf(self):
        self.upload(pdf_file(), user=self.publisher)
        self.assertTrue(MeetingDocument.objects.exists())

    def test_a_text_file_renamed_pdf_is_refused(self):
        response = self.upload(SimpleUploadedFile("declaration.pdf", b"Final declaration\n" * 50))
        errors = [
            e
            for i in response.context["inline_admin_formsets"]
            for f in i.formset.forms
            for e in f.errors.get("file", [])
        ]
        self.assertIn("The file is not a PDF.", errors[0])
        self.assertFalse(MeetingDocument.objects.exists())

    def test_a_pdf_with_javascript_is_refused_with_a_message(self):
        response = self.upload(SimpleUploadedFile("declaration.pdf", pdf_with(javascript="app.alert(1)")))
        self.assertContains(response, "The PDF contains JavaScript or an action that starts a program")
        self.assertFalse(MeetingDocument.objects.exists())

    def test_a_pdf_is_stored_without_its_metadata(self):
        data = pdf_with(metadata={"/Author": "A. Secretary", "/Creator": "Internal drafting system"})
        self.assertEqual(self.upload(SimpleUploadedFile("declaration.pdf", data)).status_code, 302)
        stored = MeetingDocument.objects.get().file.read()
        self.assertNotIn(b"A. Secretary", stored)
        self.assertNotIn(b"Internal drafting system", stored)

    def test_a_truncated_pdf_is_refused(self):
        data = pdf_file(pages=3).read()
        self.upload(SimpleUploadedFile("declaration.pdf", data[: len(data) // 2]))
        self.assertFalse(MeetingDocument.objects.exists())


class DocumentLinkTests(UploadTestCase):
    def setUp(self):
        self.meeting = make_meeting()
        self.document = MeetingDocument.objects.create(
            meeting=self.meeting, title="Declaration", file=pdf_file("declaration.pdf", pages=2)
        )

    def test_the_link_gives_type_size_and_pages(self):
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), "pages)</span>")
        self.assertEqual(
            self.document.file_details(), f"PDF, {filesizeformat(self.document.file_size)}, 2 pages"
        )

    def test_the_file_is_a_download_with_a_safe_type(self):
        response = self.client.get(self.document.get_file_url())
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="declaration.pdf"')
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-"))

    def test_a_draft_meetings_file_is_not_served_to_the_public(self):
        draft = make_meeting(published=False)
        document = MeetingDocument.objects.create(meeting=draft, title="Draft", file=pdf_file())
        self.assertEqual(self.client.get(document.get_file_url()).status_code, 404)

    def test_each_document_offers_an_accessible_format_through_the_contact_page(self):
        make_policy_page("Contact", slug="contact")
        self.assertContains(
            self.client.get(self.meeting.get_absolute_url()),
            '(<a href="/en/contact/?document=Declaration">ask for an accessible format</a>)',
        )

    def test_without_a_public_contact_page_no_such_link_is_offered(self):
        make_policy_page("Contact", slug="contact", published=False)
        self.assertNotContains(self.client.get(self.meeting.get_absolute_url()), "accessible format")
