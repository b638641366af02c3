"""The participant portal, included at /portal/ (before Wagtail's page serving)."""
from django.urls import path

from programme.portal import (
    views,
    views_account,
    views_actions,
    views_booking,
    views_consent,
    views_join,
    views_outcomes,
    views_peers,
    views_plan,
    views_reflections,
    views_session_feedback,
)

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:session_id>/book/", views_booking.book, name="book_slot"),
    # Feedback on one session (not "feedback/": that is feedback on the whole programme).
    path("sessions/<int:session_id>/feedback/", views_session_feedback.session_feedback, name="session_feedback"),
    path("plan/", views_plan.plan, name="plan"),
    path("check-ins/", views_reflections.reflections, name="reflections"),
    path("check-ins/new/", views_reflections.reflection_new, name="reflection_new"),
    path("check-ins/<int:pk>/", views_reflections.reflection, name="reflection"),
    path("report/", views_reflections.report, name="report"),
    path("feedback/", views_reflections.feedback, name="feedback"),
    path("consent/", views_consent.consent, name="consent"),
    path("actions/", views_actions.actions, name="actions"),
    path("actions/<int:pk>/", views_actions.action, name="action"),
    path("outcomes/", views_outcomes.outcomes, name="outcomes"),
    path("outcomes/<str:point>/", views_outcomes.outcomes_return, name="outcomes_return"),
    path("peers/", views_peers.peers, name="peers"),
    path("peers/<int:pk>/", views_peers.peer, name="peer"),
    path("calendar/new-address/", views_account.calendar_new_address, name="calendar_new_address"),
    path("switch-cohort/", views_account.switch_cohort, name="switch_cohort"),
    # Accepting an invitation (no login yet: the link is the credential, once).
    path("join/<str:token>/", views_join.join, name="join"),
    path("join/<str:token>/new-link/", views_join.join_again, name="join_again"),
]
