"""Plans and reports in the Wagtail admin: the submission progress of a
cohort (who has submitted their one-page plan and one-page report, how many
check-ins each organisation wrote), and each plan or reflection in detail,
with its version history and a "Return for changes" form.

Mounted under /admin/peer-learning/ by programme/admin_urls.py: Wagtail's
`require_admin_access` sends anonymous users and users without admin access to
the login page, and turns the PermissionDenied raised here into its standard
"permission denied" response (a redirect to the dashboard with a message; a
403 for XHR). Everything a participant wrote goes through the
`participant_html` filter in the templates.
"""
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin import messages

from programme.enums import (
    GoalCategory,
    MembershipStatus,
    ReflectionKind,
    Section,
    SubmissionStatus,
)
from programme.models import Cohort, Membership, OnePagePlan, Reflection
from programme.permissions import can_facilitate
from programme.submissions import (
    PLAN_FIELDS,
    REPORT_REQUIRED,
    EditConflict,
    SubmissionRefused,
    deadline_for,
    return_for_changes,
)

NOT_STARTED = "not_started"
STATUS_LABELS = {NOT_STARTED: "Not started", **dict(SubmissionStatus.choices)}
COMMENT_MAX = 2000


# --------------------------------------------------------------------------- the cohort's progress


@dataclass
class SubmissionCell:
    """One organisation's plan or final report, as the progress table shows it."""

    submission: object = None
    url: str = ""

    @property
    def status(self):
        return submission_status(self.submission)

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def submitted(self):
        return self.status == SubmissionStatus.SUBMITTED


@dataclass
class OrganisationRow:
    membership: Membership
    plan: SubmissionCell
    report: SubmissionCell
    feedback: SubmissionCell = field(default_factory=SubmissionCell)
    check_ins: list = field(default_factory=list)

    @property
    def organisation(self):
        return self.membership.organisation

    @property
    def check_ins_submitted(self):
        return sum(1 for item in self.check_ins if item["reflection"].status == SubmissionStatus.SUBMITTED)


@dataclass
class Progress:
    """ "7 of 10 plans submitted", with the counts behind it."""

    noun: str
    total: int
    counts: dict

    @property
    def submitted(self):
        return self.counts.get(SubmissionStatus.SUBMITTED.value, 0)

    @property
    def sentence(self):
        return f"{self.submitted} of {self.total} {self.noun} submitted"

    @property
    def breakdown(self):
        """[(label, count)] of the ones not submitted, leaving out zeros."""
        order = [SubmissionStatus.RETURNED.value, SubmissionStatus.DRAFT.value, NOT_STARTED]
        return [(STATUS_LABELS[status].lower(), self.counts[status]) for status in order if self.counts.get(status)]


def submission_status(submission):
    """The submission's status, or "not_started" if there is none or it was
    opened but never saved (the portal creates the row when it is first shown)."""
    if submission is None or (submission.status == SubmissionStatus.DRAFT and submission.version == 1):
        return NOT_STARTED
    return submission.status


def _plan_of(membership):
    try:
        return membership.plan
    except OnePagePlan.DoesNotExist:
        return None


def submission_rows(*, cohort):
    """A row per accepted organisation: its plan, its one-page report, its
    feedback on the programme and its check-ins. Two queries, however many
    organisations."""
    memberships = (
        Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
        .select_related("organisation", "plan")
        .prefetch_related(
            Prefetch(
                "reflections",
                queryset=Reflection.objects.filter(
                    kind__in=[ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN, ReflectionKind.FEEDBACK]
                ).order_by("created_at", "pk"),
                to_attr="listed_reflections",
            )
        )
        .order_by("organisation__name", "pk")
    )
    rows = []
    for membership in memberships:
        plan = _plan_of(membership)
        report = next((r for r in membership.listed_reflections if r.kind == ReflectionKind.FINAL_REPORT), None)
        feedback = next((r for r in membership.listed_reflections if r.kind == ReflectionKind.FEEDBACK), None)
        rows.append(OrganisationRow(
            membership=membership,
            plan=SubmissionCell(plan, plan_url(plan) if plan else ""),
            report=SubmissionCell(report, reflection_url(report) if report else ""),
            feedback=SubmissionCell(feedback, reflection_url(feedback) if feedback else ""),
            check_ins=[
                {"reflection": r, "url": reflection_url(r), "number": n}
                for n, r in enumerate(
                    (r for r in membership.listed_reflections if r.kind == ReflectionKind.CHECK_IN), start=1
                )
            ],
        ))
    return rows


def progress(rows, *, noun, pick):
    counts = {}
    for row in rows:
        status = pick(row).status
        counts[status] = counts.get(status, 0) + 1
    return Progress(noun=noun, total=len(rows), counts=counts)


def plan_url(plan):
    return reverse("programme_admin:plan_detail", args=[plan.pk])


def reflection_url(reflection):
    return reverse("programme_admin:reflection_detail", args=[reflection.pk])


@require_safe
def submissions(request, cohort_id):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)
    if not can_facilitate(request.user, cohort):
        raise PermissionDenied
    rows = submission_rows(cohort=cohort)
    context = {
        "cohort": cohort,
        "rows": rows,
        "plans": progress(rows, noun="plans", pick=lambda row: row.plan),
        "reports": progress(rows, noun="one-page reports", pick=lambda row: row.report),
        "feedback": progress(rows, noun="feedback forms", pick=lambda row: row.feedback),
        "check_ins_submitted": sum(row.check_ins_submitted for row in rows),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
    }
    return TemplateResponse(request, "programme/admin/submissions.html", context)


# --------------------------------------------------------------------------- one plan or reflection


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should change?",
        help_text="Tell the organisation what to change, so they know what to do. Be specific.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=COMMENT_MAX,
        error_messages={
            "required": "Say what should change, so the organisation knows what to do.",
            "max_length": f"Keep the comment to {COMMENT_MAX} characters or fewer.",
        },
    )


def plan_content(data):
    """[(heading, html, is_blank)] of a plan's fields, from the plan or a snapshot's data."""
    categories = dict(GoalCategory.choices)
    content = []
    for name in PLAN_FIELDS:
        value = data.get(name) or ""
        if name == "goal_category":
            value = categories.get(value, value)
        heading = OnePagePlan._meta.get_field(name).verbose_name
        content.append({"name": name, "heading": heading[:1].upper() + heading[1:], "value": value})
    return content


def reflection_content(kind, lines_by_section):
    """[{section, statements}] in the report's order: the four report sections
    always for a report or check-in (so a missing one shows), others when
    they have statements."""
    always = set(REPORT_REQUIRED) if kind in (ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN) else set()
    return [
        {"section": section, "heading": section.label, "statements": lines_by_section.get(section.value, [])}
        for section in Section
        if section in always or lines_by_section.get(section.value)
    ]


def _current_statements(reflection):
    by_section = {}
    for statement in reflection.statements.all():
        by_section.setdefault(statement.section, []).append(statement.text)
    return by_section


def _snapshot_statements(data):
    return {section: [line for line in str(text or "").splitlines() if line.strip()] for section, text in data.items()}


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
    if not can_facilitate(request.user, submission):
        raise PermissionDenied
    versions = list(submission.versions.select_related("author").order_by("-version", "-created_at"))
    shown = None
    form = ReturnForm()
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                return_for_changes(submission=submission, user=request.user, comment=form.cleaned_data["comment"])
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
        **template_context(shown),
    }
    return TemplateResponse(request, "programme/admin/submission_detail.html", context)


@require_http_methods(["GET", "POST"])
def plan_detail(request, plan_id):
    plan = get_object_or_404(
        OnePagePlan.objects.select_related(
            "membership__organisation", "membership__cohort__programme", "submitted_by", "updated_by"
        ),
        pk=plan_id,
    )

    def content(shown):
        data = shown.data if shown else {name: getattr(plan, name) for name in PLAN_FIELDS}
        return {"title": "One-page plan", "is_plan": True, "fields": plan_content(data)}

    return _detail(request, plan, url=plan_url(plan), template_context=content)


@require_http_methods(["GET", "POST"])
def reflection_detail(request, reflection_id):
    reflection = get_object_or_404(
        Reflection.objects.select_related(
            "membership__organisation", "membership__cohort__programme", "submitted_by", "updated_by", "session"
        ),
        pk=reflection_id,
    )

    def content(shown):
        lines = _snapshot_statements(shown.data) if shown else _current_statements(reflection)
        return {
            "title": reflection.get_kind_display(),
            "is_plan": False,
            "sections": reflection_content(reflection.kind, lines),
        }

    return _detail(request, reflection, url=reflection_url(reflection), template_context=content)


urlpatterns = [
    path("cohorts/<int:cohort_id>/submissions/", submissions, name="submissions"),
    path("submissions/plan/<int:plan_id>/", plan_detail, name="plan_detail"),
    path("submissions/reflection/<int:reflection_id>/", reflection_detail, name="reflection_detail"),
]
