"""The one home of "is this organisation's plan or report still open".

A cohort has one deadline for plans and one for one-page reports. An
organisation may have its own, later one (a `DeadlineExtension`): granted by
the facilitator, or set when they return work after the cohort's deadline.
Only that organisation gets longer; everybody else keeps the cohort's.

Deadlines are typed as a date and mean the end of that day in UK time
(`programme.dates.end_of_day`), and are always written the same way
(`programme.dates.format_deadline`: "11:59pm on Sunday 6 December 2020").

`membership.deadline_extensions.all()` is read, so a list of organisations
prefetching "deadline_extensions" costs one query in all."""
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from programme.dates import end_of_day, format_deadline, london
from programme.enums import DeadlineKind, ReflectionKind
from programme.models import DeadlineExtension, OnePagePlan

EXTENSION_REASON_MAX = 200


class DeadlineRefused(ValueError):
    """The date asked for cannot be a deadline; `field` names the form field."""

    def __init__(self, message, *, field="until"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Deadline:
    """When an organisation's plan or report is due, and whether that is past."""

    due: datetime.datetime | None
    passed: bool
    cohort_due: datetime.datetime | None = None
    extended: bool = False

    @property
    def text(self):
        """ "11:59pm on Sunday 6 December 2020" ("" for no deadline)."""
        return format_deadline(self.due)

    @property
    def is_open(self):
        return not self.passed


def kind_of(submission):
    """The DeadlineKind a plan or reflection falls under (None: no deadline)."""
    if isinstance(submission, OnePagePlan):
        return DeadlineKind.PLAN
    if submission.kind == ReflectionKind.FINAL_REPORT:
        return DeadlineKind.REPORT
    return None


def cohort_deadline(cohort, kind):
    if kind == DeadlineKind.PLAN:
        return cohort.plan_deadline
    if kind == DeadlineKind.REPORT:
        return cohort.report_deadline
    return None


def extension_of(membership, kind):
    """The organisation's own deadline of this kind, or None."""
    if membership.pk is None:
        return None
    for extension in membership.deadline_extensions.all():
        if extension.kind == kind:
            return extension
    return None


def organisation_deadline(membership, kind, *, now=None):
    """The Deadline that applies to this organisation's plan or report: its
    own, if the facilitator set one later than the cohort's, else the cohort's."""
    if kind is None:
        return Deadline(due=None, passed=False)
    now = now or timezone.now()
    cohort_due = cohort_deadline(membership.cohort, kind)
    extension = extension_of(membership, kind)
    due, extended = cohort_due, False
    if extension is not None and (cohort_due is None or extension.until > cohort_due):
        due, extended = extension.until, True
    return Deadline(due=due, passed=bool(due and now > due), cohort_due=cohort_due, extended=extended)


def deadline_for(submission, now=None):
    """The Deadline of this plan or reflection (check-ins have none)."""
    return organisation_deadline(submission.membership, kind_of(submission), now=now)


def is_open(submission, now=None):
    return not deadline_for(submission, now).passed


def check_new_deadline(*, membership, kind, until_date, today=None):
    """The end of `until_date` as a deadline for this organisation, or
    DeadlineRefused saying what is wrong with the date."""
    if not isinstance(until_date, datetime.date):
        raise DeadlineRefused("Enter the new deadline as a date, for example 18 December 2020.")
    today = today or london(timezone.now()).date()
    if until_date < today:
        raise DeadlineRefused(
            f"The new deadline must be today or later: {until_date.day} {until_date:%B %Y} has passed."
        )
    until = end_of_day(until_date)
    cohort_due = cohort_deadline(membership.cohort, kind)
    if cohort_due is not None and until <= cohort_due:
        raise DeadlineRefused(
            f"The new deadline must be later than the cohort's deadline, {format_deadline(cohort_due)}."
        )
    return until


@transaction.atomic
def extend_deadline(*, membership, kind, until_date, user, reason="", today=None):
    """Give one organisation until the end of `until_date` for its plan or
    report. Replaces any earlier extension of the same kind."""
    if kind not in DeadlineKind.values:
        raise DeadlineRefused("Choose the plan or the one-page report.", field="kind")
    reason = (reason or "").strip()
    if len(reason) > EXTENSION_REASON_MAX:
        raise DeadlineRefused(f"Keep the reason to {EXTENSION_REASON_MAX} characters or fewer.", field="reason")
    until = check_new_deadline(membership=membership, kind=kind, until_date=until_date, today=today)
    extension, _ = DeadlineExtension.objects.update_or_create(
        membership=membership, kind=kind, defaults={"until": until, "granted_by": user, "reason": reason},
    )
    if hasattr(membership, "_prefetched_objects_cache"):
        membership._prefetched_objects_cache.pop("deadline_extensions", None)
    return extension


extend_deadline.alters_data = True


@transaction.atomic
def end_extension(*, membership, kind):
    """Take the organisation back to the cohort's deadline."""
    DeadlineExtension.objects.filter(membership=membership, kind=kind).delete()
    if hasattr(membership, "_prefetched_objects_cache"):
        membership._prefetched_objects_cache.pop("deadline_extensions", None)


end_extension.alters_data = True
