"""A cohort's plans and reports as its facilitators follow them: a row per
accepted organisation with its plan, one-page report, feedback and check-ins,
"7 of 10 plans submitted" with the rest broken down, and "7 of 9 councils
rated good progress or better" from the submitted one-page reports."""
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from programme.enums import (
    REPORT_SECTIONS,
    DeadlineKind,
    MembershipStatus,
    OrganisationKind,
    ReflectionKind,
    Section,
    SubmissionStatus,
)
from programme.models import Membership, Reflection
from programme.reporting.wording import goal_progress_counts, goal_progress_rated_sentence
from programme.submissions.deadlines import organisation_deadline
from programme.submissions.status import NOT_STARTED, STATUS_LABELS, plan_of, submission_status


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
    def extended_deadlines(self):
        """ "Plan: 11:59pm on Friday 18 December 2020" for each deadline this
        organisation has of its own (the extensions are prefetched)."""
        found = []
        for kind, label in DeadlineKind.choices:
            deadline = organisation_deadline(self.membership, kind)
            if deadline.extended:
                found.append(f"{label}: {deadline.text}")
        return found

    @property
    def deadlines_url(self):
        return reverse("programme_admin:organisation_deadlines", args=[self.membership.pk])

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


def submission_rows(*, cohort):
    """A row per accepted organisation: its plan, its one-page report, its
    feedback on the programme and its check-ins. Two queries, however many
    organisations (three with the organisations' own deadlines)."""
    memberships = (
        Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
        .select_related("organisation", "plan", "cohort")
        .prefetch_related(
            "deadline_extensions",
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
        plan = plan_of(membership)
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


def reflection_content(kind, lines_by_section):
    """[{section, statements}] in the report's order: the four report sections
    always for a report or check-in (so a missing one shows), others when
    they have statements."""
    always = set(REPORT_SECTIONS) if kind in (ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN) else set()
    return [
        {"section": section, "heading": section.label, "statements": lines_by_section.get(section.value, [])}
        for section in Section
        if section in always or lines_by_section.get(section.value)
    ]



def goal_progress_sentence(reports) -> str:
    """ "7 of 9 councils rated good progress or better", of the submitted
    one-page `reports` (with their memberships' organisations loaded) that
    carry a rating; "" when none does. The programme report's own sentence
    counts the same reports (programme.reporting.build)."""
    rated = [r for r in reports if r.status == SubmissionStatus.SUBMITTED and r.goal_progress]
    good, count = goal_progress_counts(r.goal_progress for r in rated)
    councils = all(r.membership.organisation.kind == OrganisationKind.LOCAL_AUTHORITY for r in rated)
    return goal_progress_rated_sentence(good, count, councils=councils)


def cohort_goal_progress(*, cohort) -> str:
    """goal_progress_sentence for the cohort's accepted organisations. One query."""
    return goal_progress_sentence(
        Reflection.objects.filter(
            membership__cohort_id=cohort.pk, membership__status=MembershipStatus.ACCEPTED,
            kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED,
        ).exclude(goal_progress="").select_related("membership__organisation").order_by()
    )
