"""What needs a facilitator's attention, cohort by cohort, for the admin's
home: the next sessions, registers not taken for sessions that are over,
plans and reports due, overdue, returned and newly submitted since their
last visit, people not yet in the portal, actions at red.

A fixed number of queries whatever the number of cohorts and people (eight:
the cohorts, sessions, the registers, memberships, plans, reports, people,
actions)."""
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from programme.enums import (
    MembershipStatus,
    ProgrammeStatus,
    RAGStatus,
    ReflectionKind,
    SessionStatus,
    SubmissionStatus,
)
from programme.models import (
    Action,
    Attendance,
    Cohort,
    Membership,
    OnePagePlan,
    Participant,
    ProgrammeSession,
    Reflection,
)
from programme.permissions import scope_to_facilitator

DUE_SOON = datetime.timedelta(days=14)
NEXT_SESSIONS = 3


@dataclass
class Work:
    """One kind of writing (plans, or one-page reports) in one cohort."""

    noun: str
    deadline: object
    organisations: int = 0
    submitted: int = 0
    returned: int = 0
    new: int = 0  # submitted since the facilitator last looked

    @property
    def outstanding(self):
        return self.organisations - self.submitted

    def state(self, now):
        """"overdue", "due", or "" (nothing to chase)."""
        if not self.deadline or not self.outstanding:
            return ""
        if self.deadline <= now:
            return "overdue"
        return "due" if self.deadline - now <= DUE_SOON else ""


@dataclass
class CohortAttention:
    cohort: Cohort
    next_sessions: list = field(default_factory=list)
    registers_missing: list = field(default_factory=list)
    plans: Work = None
    reports: Work = None
    not_in_portal: int = 0
    red_actions: int = 0

    @property
    def works(self):
        return [self.plans, self.reports]

    def items(self, now):
        """Whether anything here needs doing (for the "all is well" line)."""
        return bool(
            self.registers_missing or self.plans.state(now) or self.reports.state(now) or self.plans.returned
            or self.reports.returned or self.plans.new or self.reports.new or self.not_in_portal or self.red_actions
        )


def attention(*, user, now=None, since=None):
    """A CohortAttention for each cohort of the user's programmes that are not
    completed, in date order. `since`: when they last looked."""
    now = now or timezone.now()
    since = since or now - datetime.timedelta(days=7)  # a first visit: the last week
    cohorts = list(
        scope_to_facilitator(Cohort.objects.all(), user)
        .exclude(programme__status=ProgrammeStatus.COMPLETED)
        .select_related("programme")
        .order_by("programme__title", "starts_on", "name", "pk")
    )
    ids = [cohort.pk for cohort in cohorts]
    found = {
        cohort.pk: CohortAttention(
            cohort=cohort,
            plans=Work(noun="plans", deadline=cohort.plan_deadline),
            reports=Work(noun="one-page reports", deadline=cohort.report_deadline),
        )
        for cohort in cohorts
    }
    if not ids:
        return []

    sessions = ProgrammeSession.objects.filter(cohort_id__in=ids).exclude(status=SessionStatus.CANCELLED)
    for session in sessions.filter(ends_at__gt=now).order_by("starts_at", "pk"):
        if len(found[session.cohort_id].next_sessions) < NEXT_SESSIONS:
            found[session.cohort_id].next_sessions.append(session)
    register = Attendance.objects.filter(session_id=OuterRef("pk"))
    for session in sessions.filter(ends_at__lte=now).annotate(taken=Exists(register)).filter(taken=False).order_by(
        "starts_at", "pk"
    ):
        found[session.cohort_id].registers_missing.append(session)

    organisations = dict(
        Membership.objects.filter(cohort_id__in=ids, status=MembershipStatus.ACCEPTED)
        .values("cohort_id").annotate(n=Count("pk")).order_by().values_list("cohort_id", "n")
    )
    accepted = Q(membership__status=MembershipStatus.ACCEPTED)
    counts = {
        "submitted": Count("pk", filter=Q(status=SubmissionStatus.SUBMITTED)),
        "returned": Count("pk", filter=Q(status=SubmissionStatus.RETURNED)),
        "new": Count("pk", filter=Q(status=SubmissionStatus.SUBMITTED, submitted_at__gt=since)),
    }
    for attribute, rows in (
        ("plans", OnePagePlan.objects.filter(accepted, membership__cohort_id__in=ids)),
        ("reports", Reflection.objects.filter(accepted, membership__cohort_id__in=ids,
                                              kind=ReflectionKind.FINAL_REPORT)),
    ):
        for row in rows.values("membership__cohort_id").annotate(**counts).order_by():
            work = getattr(found[row["membership__cohort_id"]], attribute)
            work.submitted, work.returned, work.new = row["submitted"], row["returned"], row["new"]
    for cohort_id, item in found.items():
        item.plans.organisations = item.reports.organisations = organisations.get(cohort_id, 0)

    for row in (
        Participant.objects.filter(accepted, membership__cohort_id__in=ids, user__isnull=True)
        .values("membership__cohort_id").annotate(n=Count("pk")).order_by()
    ):
        found[row["membership__cohort_id"]].not_in_portal = row["n"]
    for row in (
        Action.objects.filter(accepted, membership__cohort_id__in=ids, status=RAGStatus.RED)
        .values("membership__cohort_id").annotate(n=Count("pk")).order_by()
    ):
        found[row["membership__cohort_id"]].red_actions = row["n"]
    return [found[cohort.pk] for cohort in cohorts]

