"""The facilitator screens beyond create/edit, mounted under
/admin/peer-learning/ (wagtail_hooks.py): each screen module lists its own
urlpatterns. Wagtail's `require_admin_access` wraps them all, so anonymous
users and users without admin access are sent to the login page."""
from django.urls import include, path

from programme.actions import views as action_views
from programme.cohorts import (
    views_consent,
    views_overview,
    views_people,
    views_roster,
    views_run_again,
)
from programme.learning import views_across_cohorts, views_coding, views_merge
from programme.notifications import views as notification_views
from programme.outcomes import views as outcome_views
from programme.outcomes import views_measures as outcome_measure_views
from programme.reporting import views as reporting_views
from programme.sessions import (
    views_breakouts,
    views_briefing,
    views_feedback,
    views_notes,
    views_places,
    views_register,
)
from programme.submissions import views as submission_views
from programme.submissions import views_deadlines

SCREENS = [
    views_overview,
    views_roster,
    views_people,
    views_consent,
    views_run_again,
    views_register,
    views_feedback,
    views_breakouts,
    views_places,
    views_briefing,
    views_notes,
    submission_views,
    views_deadlines,
    views_coding,
    views_merge,
    views_across_cohorts,
    notification_views,
    reporting_views,
    action_views,
    outcome_views,
    outcome_measure_views,
]

urlpatterns = [path("", include(screen.urlpatterns)) for screen in SCREENS]
