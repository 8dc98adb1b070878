from django.urls import path

from events import calendars, views
from events.feeds import MeetingFeed

app_name = "events"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/calendar.ics", calendars.calendar, name="calendar"),
    path("meetings/calendar/body/<slug:slug>.ics", calendars.body_calendar, name="body-calendar"),
    path("meetings/calendar/country/<slug:slug>.ics", calendars.country_calendar, name="country-calendar"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<slug:slug>/calendar.ics", calendars.meeting_calendar, name="meeting-calendar"),
    path("meetings/documents/<int:pk>/", views.meeting_document_file, name="meeting-document-file"),
    path("feeds/meetings/", MeetingFeed(), name="meeting-feed"),
]
