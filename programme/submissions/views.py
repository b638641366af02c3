"""Plans and reports in the Wagtail admin: the submission progress of a
cohort (who has submitted their one-page plan and one-page report, how many
check-ins each organisation wrote), and each plan or reflection in detail,
with its version history and a "Return for changes" form.

Mounted under /admin/peer-learning/ by programme/admin/urls.py: Wagtail's
`require_admin_access` sends anonymous users and users without admin access to
the login page, and turns the PermissionDenied raised here into its standard
"permission denied" response (a redirect to the dashboard with a message; a
403 for XHR). Everything a participant wrote goes through the
`participant_html` filter in the templates.
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import (
    ReflectionKind,
    SubmissionStatus,
)
from programme.models import Cohort, OnePagePlan, Reflection
from programme.models.submissions import RETURN_COMMENT_MAX
from programme.reporting.downloads import PEOPLE, REPORT, cohort_downloads
from programme.submissions.content import (
    GOAL_PROGRESS_KEY,
    goal_progress_label,
    plan_content,
    plan_data,
    statements_by_section,
)
from programme.submissions.deadlines import deadline_for
from programme.submissions.progress import (
    goal_progress_sentence,
    plan_url,
    progress,
    reflection_content,
    reflection_url,
    submission_rows,
)
from programme.submissions.status import STATUS_LABELS
from programme.submissions.views_deadlines import DeadlineDateField
from programme.submissions.writing import (
    EditConflict,
    SubmissionRefused,
    return_for_changes,
)

# --------------------------------------------------------------------------- the cohort's progress


@require_safe
def submissions(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    rows = submission_rows(cohort=cohort)
    context = {
        "cohort": cohort,
        "rows": rows,
        "plans": progress(rows, noun="plans", pick=lambda row: row.plan),
        "reports": progress(rows, noun="one-page reports", pick=lambda row: row.report),
        "feedback": progress(rows, noun="feedback forms", pick=lambda row: row.feedback),
        "check_ins_submitted": sum(row.check_ins_submitted for row in rows),
        "goal_progress": goal_progress_sentence(
            row.report.submission for row in rows if row.report.submission is not None
        ),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
        "downloads": cohort_downloads(cohort=cohort, groups=(REPORT, PEOPLE)),
    }
    return TemplateResponse(request, "programme/admin/submissions.html", context)


# --------------------------------------------------------------------------- one plan or reflection


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should change?",
        help_text="Tell the organisation what to change, so they know what to do. Be specific.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=RETURN_COMMENT_MAX,
        error_messages={
            "required": "Say what should change, so the organisation knows what to do.",
            "max_length": f"Keep the comment to {RETURN_COMMENT_MAX:,} characters or fewer.",
        },
    )
    reopen_until = DeadlineDateField(
        label="Open again until", required=False,
        help_text="The deadline has passed: the organisation may submit it again until 11:59pm (UK time) on this "
                  "day. Only this organisation gets longer.",
    )


def _snapshot_statements(data):
    return {
        section: [line for line in str(text or "").splitlines() if line.strip()]
        for section, text in data.items() if section != GOAL_PROGRESS_KEY
    }


def _chosen_version(request, versions):
    """The snapshot asked for with ?version=N (None for the current one); 404 for any other N."""
    asked = request.GET.get("version")
    if asked in (None, ""):
        return None
    try:
        number = int(asked)
    except ValueError:
        raise Http404("No such version.") from None
    for version in versions:
        if version.version == number:
            return version
    raise Http404("No such version.")


def _detail(request, submission, *, url, template_context):
    versions = list(submission.versions.select_related("author").order_by("-version", "-created_at"))
    shown = None
    form = ReturnForm()
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                return_for_changes(submission=submission, user=request.user, comment=form.cleaned_data["comment"],
                                   reopen_until=form.cleaned_data.get("reopen_until"))
            except SubmissionRefused as refused:
                for name, message in refused.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            except EditConflict:
                form.add_error(None, "It changed while you were looking at it. Nothing was saved: read it again below.")
            else:
                organisation = submission.membership.organisation
                messages.success(
                    request, f"Returned to {organisation.name} for changes. They can now edit it and submit it again."
                )
                return redirect(url)
        messages.error(request, "It could not be returned because of the errors below.")
        submission.refresh_from_db()
    else:
        shown = _chosen_version(request, versions)

    membership = submission.membership
    context = {
        "submission": submission,
        "membership": membership,
        "organisation": membership.organisation,
        "cohort": membership.cohort,
        "status_label": STATUS_LABELS[submission.status],
        "deadline": deadline_for(submission),
        "versions": [
            {"version": v, "url": f"{url}?version={v.version}", "shown": shown is not None and v.pk == shown.pk}
            for v in versions
        ],
        "shown_version": shown,
        "form": form,
        "can_return": submission.status == SubmissionStatus.SUBMITTED and shown is None,
        "action_url": url,
        "current_url": url,
        "submissions_url": reverse("programme_admin:submissions", args=[membership.cohort_id]),
        "deadlines_url": reverse("programme_admin:organisation_deadlines", args=[membership.pk]),
        **template_context(shown),
    }
    return TemplateResponse(request, "programme/admin/submission_detail.html", context)


@require_http_methods(["GET", "POST"])
def plan_detail(request, plan_id):
    plan = facilitated_or_404(
        OnePagePlan.objects.select_related(
            "membership__organisation", "membership__cohort__programme", "submitted_by", "updated_by"
        ),
        request.user, pk=plan_id,
    )

    def content(shown):
        data = shown.data if shown else plan_data(plan)
        return {"title": "One-page plan", "is_plan": True, "fields": plan_content(data)}

    return _detail(request, plan, url=plan_url(plan), template_context=content)


@require_http_methods(["GET", "POST"])
def reflection_detail(request, reflection_id):
    reflection = facilitated_or_404(
        Reflection.objects.select_related(
            "membership__organisation", "membership__cohort__programme", "submitted_by", "updated_by", "session"
        ),
        request.user, pk=reflection_id,
    )

    def content(shown):
        lines = _snapshot_statements(shown.data) if shown else statements_by_section(reflection.statements.all())
        # The rating as it was in the version shown (a version saved before
        # ratings existed has none).
        rating = shown.data.get(GOAL_PROGRESS_KEY, "") if shown else reflection.goal_progress
        return {
            "title": reflection.get_kind_display(),
            "is_plan": False,
            "is_final_report": reflection.kind == ReflectionKind.FINAL_REPORT,
            "goal_progress": goal_progress_label(rating),
            "sections": reflection_content(reflection.kind, lines),
        }

    return _detail(request, reflection, url=reflection_url(reflection), template_context=content)


urlpatterns = [
    path("cohorts/<int:cohort_id>/submissions/", submissions, name="submissions"),
    path("submissions/plan/<int:plan_id>/", plan_detail, name="plan_detail"),
    path("submissions/reflection/<int:reflection_id>/", reflection_detail, name="reflection_detail"),
]
