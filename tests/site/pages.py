"""One page of each type, for the tests that check something on every page of the site."""

import datetime

from django.test import TestCase

from events.models import Meeting, MeetingChange
from organisation.models import Country
from tests.factories import days, load_seed, make_meeting, make_meeting_document, make_meeting_photo, today
from tests.files import image_file


class SitePagesTestCase(TestCase):
    """One page of each type in `urls`, with content as the seed has it plus a meeting with everything."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        azerbaijan = Country.objects.get(code="AZ")
        cls.meeting = make_meeting(
            "Expert meeting on connectivity",
            start_date=today() + days(40),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(13, 0),
            time_zone="Asia/Baku",
            host_country=azerbaijan,
            summary="Experts meet on transport connectivity.",
            theme="Connectivity",
            meeting_status=Meeting.MeetingStatus.POSTPONED,
        )
        MeetingChange.objects.create(
            meeting=cls.meeting,
            previous_status=Meeting.MeetingStatus.CONFIRMED,
            previous_start_date=today() + days(20),
            previous_end_date=today() + days(20),
            previous_format=Meeting.Format.IN_PERSON,
            previous_city="Baku",
            note="Postponed at the host's request.",
        )
        make_meeting_document(cls.meeting, "Connectivity statement")
        make_meeting_photo(
            cls.meeting, image=image_file("table.png", size=(120, 80)), alt_text="Experts around a table"
        )
        cls.urls = {
            "home": "/en/",
            "about": "/en/about/",
            "member states": "/en/member-states/",
            "measures": "/en/measures/",
            "meetings": "/en/meetings/",
            "filtered meetings": "/en/meetings/?kind=summit&country=KZ",
            "meeting": cls.meeting.get_absolute_url(),
            "relations page": "/en/relations/azerbaijan/",
            "policy page": "/en/privacy/",
            "search": "/en/search/?q=baku",
            "not found": "/en/no-such-page/",
        }
