"""The meeting's rules, each stated once on the model, through every path that writes: the admin,
the API, and the shell or a loader (full_clean)."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from events.models import Meeting, MeetingChange
from tests.factories import (
    admin_form_data,
    admin_url,
    days,
    make_country,
    make_meeting,
    make_meeting_photo,
    make_staff,
    make_token,
    today,
)
from tests.files import image_file


class PhotoDescriptionRuleTests(TestCase):
    """A published meeting's photos are described, or marked decorative."""

    @classmethod
    def setUpTestData(cls):
        cls.publisher = make_staff("Publishers")
        cls.token = make_token(cls.publisher)

    def setUp(self):
        self.meeting = make_meeting(published=False)
        self.photo = make_meeting_photo(self.meeting, alt_text="")

    def publish_through_the_api(self):
        return self.client.patch(
            f"/api/v1/meetings/{self.meeting.pk}/",
            {"status": "published", "version": self.meeting.version},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.token.key}",
        )

    def test_the_api_refuses_to_publish_a_meeting_with_an_undescribed_photo(self):
        response = self.publish_through_the_api()
        self.assertEqual(response.status_code, 400)
        self.assertIn("1 photo has no description", response.json()["errors"]["status"][0])
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).status, Meeting.Status.DRAFT)

    def test_the_api_publishes_once_the_photo_is_described(self):
        self.photo.alt_text = "Delegates at the table"
        self.photo.save()
        self.assertEqual(self.publish_through_the_api().status_code, 200)
        self.assertTrue(Meeting.objects.get(pk=self.meeting.pk).is_published())

    def test_a_decorative_photo_needs_no_description_in_the_api(self):
        self.photo.decorative = True
        self.photo.save()
        self.assertEqual(self.publish_through_the_api().status_code, 200)

    def test_the_admins_publish_action_refuses_it_and_says_why(self):
        self.client.force_login(self.publisher)
        response = self.client.post(
            admin_url(Meeting, "changelist"),
            {"action": "publish_selected", ACTION_CHECKBOX_NAME: [self.meeting.pk], "index": 0},
            follow=True,
        )
        self.assertContains(response, "1 photo has no description")
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).status, Meeting.Status.DRAFT)

    def test_the_admin_form_publishes_when_the_same_form_describes_the_photo(self):
        self.client.force_login(self.publisher)
        url = admin_url(Meeting, "change", self.meeting.pk)
        data = admin_form_data(self.client.get(url))
        data |= {"status": "published", "photos-0-alt_text_en": "Delegates at the table"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Meeting.objects.get(pk=self.meeting.pk).is_published())
        self.photo.refresh_from_db()
        self.assertEqual(self.photo.alt_text, "Delegates at the table")

    def test_the_admin_form_refuses_to_publish_it_with_the_photo_left_undescribed(self):
        self.client.force_login(self.publisher)
        url = admin_url(Meeting, "change", self.meeting.pk)
        response = self.client.post(url, admin_form_data(self.client.get(url)) | {"status": "published"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).status, Meeting.Status.DRAFT)

    def test_full_clean_refuses_it_for_the_shell_and_the_loaders(self):
        self.meeting.status = Meeting.Status.PUBLISHED
        with self.assertRaises(ValidationError) as caught:
            self.meeting.full_clean()
        self.assertIn("status", caught.exception.message_dict)

    def test_a_new_photo_upload_without_a_description_is_refused_on_a_published_meeting(self):
        published = make_meeting()
        self.client.force_login(self.publisher)
        url = admin_url(Meeting, "change", published.pk)
        data = admin_form_data(self.client.get(url))
        data |= {"photos-TOTAL_FORMS": "1", "photos-0-image": image_file("hall.jpg"), "photos-0-order": "0"}
        self.assertEqual(self.client.post(url, data).status_code, 200)
        self.assertFalse(published.photos.exists())


class AnnouncedChangeRuleTests(TestCase):
    """A change of a published meeting's date, place, format or status keeps what was announced
    before, once the change is live: the same record through the admin and the API, whether a
    Publisher's change goes live at once or an Editor's waits for review until it is published."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        cls.editor_token, cls.publisher_token = make_token(cls.editor), make_token(cls.publisher)
        cls.start = today() + days(30)
        cls.baku = make_country("Azerbaijan", "AZ", slug="azerbaijan")

    def setUp(self):
        self.meeting = make_meeting(start_date=self.start, host_country=self.baku)

    def expected(self):
        return {
            "previous_start_date": self.start,
            "previous_end_date": self.start,
            "previous_city": "Baku",
            "previous_host_country": self.baku,
            "previous_format": Meeting.Format.IN_PERSON,
            "previous_status": Meeting.MeetingStatus.PLANNED,
        }

    def recorded(self):
        change = MeetingChange.objects.get(meeting=self.meeting)
        return {name: getattr(change, name) for name in self.expected()}

    def save_in_the_admin(self, user):
        self.client.force_login(user)
        url = admin_url(Meeting, "change", self.meeting.pk)
        data = admin_form_data(self.client.get(url)) | {"format": "virtual", "city_en": ""}
        self.assertEqual(self.client.post(url, data).status_code, 302)

    def save_through_the_api(self, token):
        return self.client.patch(
            f"/api/v1/meetings/{self.meeting.pk}/",
            {"format": "virtual", "city": "", "version": self.meeting.version},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )

    def test_a_publishers_change_in_the_admin(self):
        self.save_in_the_admin(self.publisher)
        self.assertEqual(self.recorded(), self.expected())

    def test_a_publishers_change_through_the_api(self):
        response = self.save_through_the_api(self.publisher_token)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(self.recorded(), self.expected())
        self.assertEqual(response.json()["changes"][0]["previous_city"], "Baku")

    def test_an_editors_change_in_the_admin_is_recorded_when_published(self):
        self.save_in_the_admin(self.editor)
        self.assertFalse(MeetingChange.objects.exists())
        self.client.force_login(self.publisher)
        before = timezone.now()
        self.client.post(admin_url(Meeting, "pending", self.meeting.pk), {"action": "publish"})
        self.assertEqual(self.recorded(), self.expected())
        self.assertGreaterEqual(MeetingChange.objects.get().changed_at, before)

    def test_an_editors_change_through_the_api_is_recorded_when_published(self):
        self.assertEqual(self.save_through_the_api(self.editor_token).status_code, 202)
        self.assertFalse(MeetingChange.objects.exists())
        response = self.client.post(
            f"/api/v1/meetings/{self.meeting.pk}/pending/publish/",
            {},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.publisher_token.key}",
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(self.recorded(), self.expected())
        self.assertEqual(response.json()["changes"][0]["previous_city"], "Baku")


class PlaceTests(TestCase):
    """Meeting.place(): the one way to say where a meeting is, wherever it is shown."""

    def test_in_person_names_the_city_and_the_country(self):
        meeting = make_meeting(city="Baku", host_country=make_country("Azerbaijan", "AZ"))
        self.assertEqual(meeting.place(), "Baku, Azerbaijan")
        self.assertEqual(meeting.place(with_country=False), "Baku")

    def test_without_a_city_the_country(self):
        meeting = make_meeting(city="", host_country=make_country("Azerbaijan", "AZ"))
        self.assertEqual((meeting.place(), meeting.place_without_country()), ("Azerbaijan", "Azerbaijan"))

    def test_a_virtual_meeting_is_online(self):
        meeting = make_meeting(city="", format=Meeting.Format.VIRTUAL, host_country=make_country())
        self.assertEqual(meeting.place(), "Online")

    def test_an_announced_change_names_the_place_the_same_way(self):
        meeting = make_meeting(city="Baku", host_country=make_country("Azerbaijan", "AZ"))
        change = MeetingChange(
            meeting=meeting,
            previous_status=Meeting.MeetingStatus.PLANNED,
            previous_start_date=meeting.start_date,
            previous_end_date=meeting.end_date,
            previous_format=Meeting.Format.IN_PERSON,
            previous_city=meeting.city,
            previous_host_country=meeting.host_country,
        )
        self.assertEqual(change.previous_place(), meeting.place())

    def test_the_page_the_list_the_feed_and_the_calendar_say_the_same(self):
        meeting = make_meeting(city="Baku", host_country=make_country("Azerbaijan", "AZ"))
        for url in (meeting.get_absolute_url(), "/en/meetings/", "/en/feeds/meetings/"):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "Baku, Azerbaijan")
        calendar = self.client.get(f"/en/meetings/{meeting.slug}/calendar.ics").content
        self.assertIn(b"LOCATION:Baku\\, Azerbaijan", calendar)  # RFC 5545 escapes the comma.
