"""A cohort at a glance: its sessions (each with a link to its register), its
memberships by status, the attendance summary per organisation with the
sentence the programme report reuses ("6 of 10 organisations attended every
session") and the briefing's ("7 of 10 councils had a director at the
briefing"), how the one-page reports rated the progress towards their goals
("7 of 9 councils rated good progress or better"), its agreed actions
counted by RAG status, and every download.

Mounted under /admin/peer-learning/ by programme/admin/urls.py: Wagtail's
`require_admin_access` sends anonymous users and users without admin access to
the login page, and turns the PermissionDenied raised here into its standard
"permission denied" response.
"""

from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from programme.actions.tracker import rag_counts
from programme.admin.lookup import facilitated_or_404
from programme.enums import MembershipStatus, SessionKind
from programme.models import Cohort, Membership
from programme.reporting.downloads import cohort_downloads
from programme.sessions.attendance import SUMMARY_SESSION_KINDS, attendance_summary
from programme.sessions.briefing import briefing_summary
from programme.submissions.progress import cohort_goal_progress


def membership_counts(*, cohort):
    """[(label, count)] in the order of MembershipStatus, leaving out statuses
    nobody has. One query."""
    counts = dict(
        Membership.objects.filter(cohort_id=cohort.pk)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(status.label, counts[status.value]) for status in MembershipStatus if counts.get(status.value)]


@require_safe
def cohort_overview(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    summary = attendance_summary(cohort=cohort)
    sessions = [
        {
            "summary": item,
            "register_url": reverse("programme_admin:register", args=[item.session.pk]),
            "feedback_url": reverse("programme_admin:session_feedback", args=[item.session.pk]),
            "places_url": reverse("programme_admin:session_places", args=[item.session.pk])
            if item.session.for_some_organisations else "",
            "briefing_url": reverse("programme_admin:briefing", args=[item.session.pk])
            if item.session.kind == SessionKind.BRIEFING else "",
            "notes_url": reverse("programme_admin:session_notes", args=[item.session.pk]),
        }
        for item in summary.sessions
    ]
    counted_kinds = [kind.label for kind in SessionKind if kind in SUMMARY_SESSION_KINDS]
    memberships = membership_counts(cohort=cohort)
    actions_url = reverse("programme_admin:cohort_actions", args=[cohort.pk])
    counts, actions_total = rag_counts(cohort=cohort)
    context = {
        "cohort": cohort,
        "summary": summary,
        "briefing": briefing_summary(cohort=cohort),
        "goal_progress": cohort_goal_progress(cohort=cohort),
        "sessions": sessions,
        "memberships": memberships,
        "membership_total": sum(count for _, count in memberships),
        "counted_kinds": ", ".join(label.lower() for label in counted_kinds),
        "actions_url": actions_url,
        "action_counts": [
            {"status": status, "label": label, "count": count, "url": f"{actions_url}?status={status}"}
            for status, label, count in counts
        ],
        "actions_total": actions_total,
        "downloads": cohort_downloads(cohort=cohort),
    }
    return TemplateResponse(request, "programme/admin/cohort_overview.html", context)


urlpatterns = [
    path("cohorts/<int:cohort_id>/overview/", cohort_overview, name="cohort_overview"),
]
