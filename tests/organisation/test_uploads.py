"""Logos, flags and founding documents uploaded through the admin."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from organisation.models import Country, FoundingDocument, Organisation
from tests.factories import (
    admin_form_data,
    admin_url,
    make_country,
    make_founding_document,
    make_organisation,
    make_policy_page,
    make_staff,
)
from tests.files import image_file, pdf_file


class UploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")

    def post_change(self, user, obj, **changes):
        self.client.force_login(user)
        url = admin_url(obj, "change", obj.pk)
        return self.client.post(url, admin_form_data(self.client.get(url)) | changes)


class FlagTests(UploadTestCase):
    def test_a_publisher_uploads_a_flag_and_it_gets_renditions(self):
        country = make_country()
        response = self.post_change(self.publisher, country, flag=image_file("flag.png", size=(600, 300)))
        self.assertEqual(response.status_code, 302)
        country = Country.objects.get(pk=country.pk)
        self.assertEqual([r["width"] for r in country.renditions], [80, 160, 320])

    def test_a_text_file_as_a_flag_is_refused_with_the_reason(self):
        country = make_country()
        response = self.post_change(
            self.editor, country, flag=SimpleUploadedFile("flag.png", b"not an image")
        )
        self.assertIn("not a JPEG, PNG or WebP image", response.context["adminform"].form.errors["flag"][0])


class LogoTests(UploadTestCase):
    def test_a_publisher_uploads_the_logo_and_the_about_page_shows_it_as_a_picture(self):
        organisation = make_organisation()
        self.post_change(self.publisher, organisation, logo=image_file("logo.png", size=(1000, 500)))
        self.assertEqual(Organisation.objects.get().image_width, 1000)
        content = self.client.get("/en/about/").content.decode()
        self.assertRegex(
            content, r'<source type="image/webp" srcset="/media/organisation/renditions/[0-9a-f]{32}-200w'
        )


class FoundingDocumentFileTests(UploadTestCase):
    def test_an_editor_uploads_a_pdf_and_its_pages_are_counted(self):
        document = make_founding_document(published=False)
        self.post_change(self.editor, document, file=pdf_file("act.pdf", pages=3))
        self.assertEqual(FoundingDocument.objects.get(pk=document.pk).page_count, 3)

    def test_a_text_file_renamed_pdf_is_refused(self):
        document = make_founding_document()
        response = self.post_change(
            self.editor, document, file=SimpleUploadedFile("act.pdf", b"Not a PDF\n" * 9)
        )
        self.assertIn("The file is not a PDF.", response.context["adminform"].form.errors["file"][0])

    def test_the_file_is_served_as_a_download(self):
        document = make_founding_document(title="Almaty Act", file=pdf_file("act.pdf"))
        response = self.client.get(document.get_file_url())
        self.assertEqual(
            (response["Content-Type"], response["Content-Disposition"], response["X-Content-Type-Options"]),
            ("application/pdf", 'attachment; filename="almaty-act.pdf"', "nosniff"),
        )

    def test_a_draft_documents_file_is_404_to_the_public(self):
        document = make_founding_document(published=False, file=pdf_file())
        self.assertEqual(self.client.get(document.get_file_url()).status_code, 404)

    def test_the_about_page_offers_an_accessible_format(self):
        make_organisation()
        make_policy_page("Contact", slug="contact")
        make_founding_document(file=pdf_file())
        self.assertContains(self.client.get("/en/about/"), "ask for an accessible format")
