from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings

from organisation.documents import clean_pdf, human_size, pdf_info, pdf_text, validate_pdf
from tests.files import pdf_bytes, pdf_with, text_pdf_file


def upload(data, name="document.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


class ValidatePdfTests(SimpleTestCase):
    def assert_refused(self, file, code):
        with self.assertRaises(ValidationError) as raised:
            validate_pdf(file)
        self.assertEqual(raised.exception.code, code)
        return raised.exception

    def test_real_pdf_is_accepted(self):
        validate_pdf(upload(pdf_bytes(pages=2)))

    def test_text_file_renamed_pdf_is_refused(self):
        self.assert_refused(upload(b"Final declaration of the Summit\n" * 20), "not_pdf")

    def test_image_renamed_pdf_is_refused(self):
        self.assert_refused(upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "not_pdf")

    def test_empty_file_is_refused(self):
        self.assert_refused(upload(b""), "empty")

    def test_truncated_pdf_is_refused(self):
        data = pdf_bytes(pages=3)
        self.assert_refused(upload(data[: len(data) // 2]), "incomplete")

    def test_garbage_behind_a_pdf_header_is_refused(self):
        self.assert_refused(upload(b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n"), "broken")

    def test_pdf_whose_pages_point_nowhere_is_refused(self):
        data = pdf_bytes(pages=2).replace(b"/Kids [ 4 0 R 5 0 R ]", b"/Kids [ 98 0 R 99 0 R ]")
        self.assert_refused(upload(data), "no_pages")

    def test_pdf_without_pages_is_refused(self):
        self.assert_refused(upload(pdf_bytes(pages=0)), "no_pages")

    def test_password_protected_pdf_is_refused(self):
        error = self.assert_refused(upload(pdf_bytes(user_password="secret")), "encrypted")
        self.assertIn("password-protected", error.messages[0])

    def test_pdf_encrypted_with_only_an_owner_password_is_refused(self):
        self.assert_refused(upload(pdf_bytes(owner_password="owner")), "encrypted")

    def test_pdf_over_the_default_size_limit_is_refused_before_it_is_parsed(self):
        data = pdf_bytes() + b"\x00" * (20 * 1024 * 1024)
        error = self.assert_refused(upload(data), "too_big")
        self.assertIn("20.0\xa0MB", error.messages[0])

    @override_settings(MAX_DOCUMENT_UPLOAD_SIZE=100)
    def test_size_limit_comes_from_settings(self):
        self.assert_refused(upload(pdf_bytes()), "too_big")

    def test_file_is_rewound_after_validation(self):
        file = upload(pdf_bytes())
        validate_pdf(file)
        self.assertEqual(file.tell(), 0)


class ActivePdfTests(SimpleTestCase):
    """PDFs that would run something in a reader's viewer are refused, with a message saying what
    to do."""

    def assert_refused(self, data):
        with self.assertRaises(ValidationError) as raised:
            validate_pdf(upload(data))
        self.assertEqual(raised.exception.code, "active")
        self.assertIn("JavaScript", raised.exception.messages[0])

    def test_a_document_level_script_is_refused(self):
        self.assert_refused(pdf_with(javascript="app.alert('hello')"))

    def test_a_launch_action_is_refused(self):
        self.assert_refused(pdf_with(launch="calc.exe"))

    def test_a_link_that_runs_a_script_is_refused(self):
        self.assert_refused(pdf_with(link_javascript="app.launchURL('https://example.org')"))

    def test_metadata_alone_is_accepted(self):
        validate_pdf(upload(pdf_with(metadata={"/Author": "A. Secretary"})))


class CleanPdfTests(SimpleTestCase):
    def test_the_stored_file_has_no_metadata_and_the_same_pages(self):
        data = pdf_with(metadata={"/Author": "A. Secretary", "/Producer": "Office 2031", "/Title": "Draft 7"})
        self.assertIn(b"A. Secretary", data)
        cleaned = clean_pdf(upload(data)).read()
        for trace in (b"A. Secretary", b"Office 2031", b"Draft 7", b"xmpmeta"):
            self.assertNotIn(trace, cleaned)
        self.assertEqual(pdf_info(upload(cleaned))["pages"], 1)

    def test_what_validation_refuses_is_not_cleaned_either(self):
        with self.assertRaises(ValidationError):
            clean_pdf(upload(pdf_with(javascript="app.alert(1)")))


class PdfInfoTests(SimpleTestCase):
    def test_counts_pages_and_bytes(self):
        data = pdf_bytes(pages=14)
        self.assertEqual(pdf_info(upload(data)), {"pages": 14, "size": len(data)})

    def test_refuses_what_is_not_a_pdf(self):
        with self.assertRaises(ValidationError):
            pdf_info(upload(b"not a pdf"))

    def test_human_size_in_megabytes(self):
        self.assertEqual(human_size(1.2 * 1024 * 1024), "1.2\xa0MB")

    def test_human_size_in_kilobytes(self):
        self.assertEqual(human_size(2048), "2.0\xa0KB")


class PdfTextTests(SimpleTestCase):
    def test_reads_the_text_of_every_page(self):
        self.assertEqual(pdf_text(text_pdf_file("We pledge dialogue")), "We pledge dialogue")

    def test_a_pdf_without_text_has_none(self):
        self.assertEqual(pdf_text(upload(pdf_bytes(pages=2))), "")

    def test_keeps_at_most_the_limit(self):
        with mock.patch("organisation.documents.MAX_TEXT_LENGTH", 9):
            self.assertEqual(pdf_text(text_pdf_file("We pledge dialogue")), "We pledge")

    def test_text_that_cannot_be_read_is_none_and_the_file_is_rewound(self):
        file = upload(b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n")
        with self.assertLogs("organisation.documents", "WARNING"):
            self.assertEqual(pdf_text(file), "")
        self.assertEqual(file.tell(), 0)
