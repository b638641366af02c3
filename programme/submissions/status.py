"""Where a plan or reflection stands. The one home of "not started": there is
no row yet (rows are created by the first save, never by opening a page), or
an older row that was created on opening and never saved (version 1, draft)."""
from programme.enums import SubmissionStatus
from programme.models import OnePagePlan

NOT_STARTED = "not_started"
STATUS_LABELS = {NOT_STARTED: "Not started", **dict(SubmissionStatus.choices)}


def submission_status(submission):
    """"not_started", or the submission's SubmissionStatus value."""
    if submission is None or submission.pk is None:
        return NOT_STARTED
    if submission.status == SubmissionStatus.DRAFT and submission.version == 1:
        return NOT_STARTED
    return submission.status


def is_started(submission):
    return submission_status(submission) != NOT_STARTED


def status_label(submission):
    """(label, CSS key) for a status tag: ("Not started", "not-started")."""
    status = submission_status(submission)
    return STATUS_LABELS[status], status.replace("_", "-")


def plan_of(membership):
    """The organisation's one-page plan, or None if nobody has saved one.
    Reads `membership.plan` (select_related("plan") keeps it to no query)."""
    try:
        return membership.plan
    except OnePagePlan.DoesNotExist:
        return None
