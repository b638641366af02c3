"""Calendar downloads, included at the site root under "calendar/" (before
Wagtail's page serving, which catches every other path)."""
from django.urls import path

from programme.sessions import views_calendar

app_name = "calendar"

urlpatterns = [
    path("session/<int:session_id>.ics", views_calendar.session_event, name="session_event"),
    path("<str:token>.ics", views_calendar.cohort_feed, name="cohort_feed"),
]
