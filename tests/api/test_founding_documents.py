from tests.api.base import ApiTestCase
from tests.factories import make_founding_document, make_meeting, make_staff, make_token

URL = "/api/v1/founding-documents/"


class FoundingDocumentTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting("First Summit")
        cls.act = make_founding_document(
            "Almaty Act",
            adopted_at=cls.meeting,
            file="documents/almaty-act.pdf",
            url="https://example.org/act",
        )
        cls.draft = make_founding_document("Draft", published=False)
        cls.from_draft_meeting = make_founding_document(
            "Declaration", adopted_at=make_meeting(published=False)
        )

    def test_drafts_are_not_listed(self):
        self.assertCountEqual(self.ids(URL), [self.act.pk, self.from_draft_meeting.pk])

    def test_file_is_an_absolute_address_and_the_external_link_is_separate(self):
        item = self.get_json(f"{URL}{self.act.pk}/")
        self.assertEqual(
            (item["file"], item["external_url"]),
            ("http://testserver/media/documents/almaty-act.pdf", "https://example.org/act"),
        )

    def test_the_adopting_meeting_is_a_reference(self):
        item = self.get_json(f"{URL}{self.act.pk}/")
        self.assertEqual(item["adopted_at"]["url"], f"http://testserver/api/v1/meetings/{self.meeting.pk}/")

    def test_a_draft_adopting_meeting_is_not_revealed(self):
        self.assertIsNone(self.get_json(f"{URL}{self.from_draft_meeting.pk}/")["adopted_at"])

    def test_staff_who_may_edit_meetings_see_the_draft_meeting(self):
        token = make_token(make_staff("Editors"))
        self.assertIsNotNone(
            self.get_json(f"{URL}{self.from_draft_meeting.pk}/", **self.auth(token))["adopted_at"]
        )

    def test_search(self):
        self.assertEqual(self.ids(URL + "?search=act"), [self.act.pk])
