"""Every organisation's agreed actions of a cohort, for its facilitators, laid
out as a council's scrutiny committee tracks its recommendations (seed 002):
the action, its owner, the latest update, the RAG status and the completion
date, with each action's RAG history. Filterable by organisation and status;
a filter value the screen does not offer is ignored, never an error, so an
old bookmark or a hand-edited address still shows the list.

The screen and its CSV read the same rows (`tracker_rows`), so the file
holds exactly what the filtered screen shows."""
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from programme.actions.tracking import ACTION_ORDER, status_history
from programme.dates import london
from programme.enums import MembershipStatus, RAGStatus
from programme.models import Action, ActionUpdate, Membership
from programme.reporting.spreadsheets import to_csv
from programme.sanitise import plain_text

# "Open" is every action not done yet: what a facilitator chases.
OPEN = "open"
STATUS_CHOICES = [(OPEN, "Open (not done)"), *RAGStatus.choices]


@dataclass(frozen=True)
class TrackerFilters:
    """The filters in force: an organisation id of the cohort, a status of
    STATUS_CHOICES, or "" for all."""

    organisation: int | None = None
    status: str = ""

    @property
    def active(self):
        return self.organisation is not None or bool(self.status)

    def as_query(self):
        """The filters as query parameters (only the ones in force)."""
        query = {}
        if self.organisation is not None:
            query["organisation"] = str(self.organisation)
        if self.status:
            query["status"] = self.status
        return query


def organisation_choices(*, cohort):
    """[(organisation id, name)] of the cohort's organisations that are
    members now (accepted) or have actions. One query."""
    memberships = (
        Membership.objects.filter(cohort_id=cohort.pk)
        .annotate(action_count=Count("actions"))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return [
        (membership.organisation_id, membership.organisation.name)
        for membership in memberships
        if membership.status == MembershipStatus.ACCEPTED or membership.action_count
    ]


def read_filters(query, *, organisations):
    """The filters of a query string (request.GET). `organisations` is what
    organisation_choices offered: any other value, or one that is not a
    number or not a status, is ignored."""
    offered = {organisation_id for organisation_id, _ in organisations}
    organisation = None
    raw = str(query.get("organisation", "")).strip()
    if raw.isdigit() and int(raw) in offered:
        organisation = int(raw)
    status = str(query.get("status", "")).strip()
    if status not in dict(STATUS_CHOICES):
        status = ""
    return TrackerFilters(organisation=organisation, status=status)


@dataclass
class TrackerRow:
    action: Action
    latest: ActionUpdate | None
    history: list = field(default_factory=list)

    @property
    def organisation(self):
        return self.action.membership.organisation

    @property
    def status_changes(self):
        """How many times the status moved (the first history entry is where it started)."""
        return len(self.history) - 1


TAKING_PART = Q(membership__status=MembershipStatus.ACCEPTED)


def _actions(*, cohort, filters):
    actions = (
        Action.objects.filter(membership__cohort_id=cohort.pk)
        .select_related("membership__organisation", "session", "created_by")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.select_related("author")))
        .order_by("membership__organisation__name", "membership_id", *ACTION_ORDER)
    )
    if filters.organisation is not None:
        actions = actions.filter(membership__organisation_id=filters.organisation)
    else:
        # Like every count of the cohort's work (the overview, the facilitator's
        # home), the organisations taking part; one that withdrew keeps its
        # actions, shown when it is picked in the filter.
        actions = actions.filter(TAKING_PART)
    if filters.status == OPEN:
        actions = actions.exclude(status=RAGStatus.DONE)
    elif filters.status:
        actions = actions.filter(status=filters.status)
    return actions


def tracker_rows(*, cohort, filters=TrackerFilters()):
    """A row per action of the cohort that passes `filters`, by organisation,
    then soonest due. Two queries, however many actions and updates."""
    rows = []
    for action in _actions(cohort=cohort, filters=filters):
        updates = action.updates.all()  # newest first
        rows.append(TrackerRow(action=action, latest=updates[0] if updates else None, history=status_history(action)))
    return rows


def rag_counts(*, cohort):
    """[(status value, label, count)] of the cohort's actions, for each RAG
    status (zeros included, so the four always read the same way), and the
    total. One query."""
    counts = dict(
        Action.objects.filter(TAKING_PART, membership__cohort_id=cohort.pk)
        .values_list("status").annotate(n=Count("pk")).order_by()
    )
    by_status = [(status.value, status.label, counts.get(status.value, 0)) for status in RAGStatus]
    return by_status, sum(count for _, _, count in by_status)


# --------------------------------------------------------------------------- the CSV

TRACKER_HEADER = [
    "organisation", "action", "owner", "agreed at", "due", "latest update", "latest update on",
    "RAG status", "completion date", "RAG history",
]


def _day(moment):
    """The day (UK time) of a moment, as 2021-03-02: a spreadsheet reads it as a date."""
    return london(moment).date().isoformat() if moment else ""


def _history_text(history):
    """ "2021-03-03: added as Amber; 2021-04-05: Amber to Green"."""
    parts = []
    for entry in history:
        if entry["previous"] is None:
            parts.append(f"{_day(entry['on'])}: added as {entry['status_label']}")
        else:
            parts.append(f"{_day(entry['on'])}: {entry['previous_label']} to {entry['status_label']}")
    return "; ".join(parts)


def tracker_csv(*, cohort, filters=TrackerFilters()) -> bytes:
    """The rows of `tracker_rows` as CSV, every cell formula-safe. Dates are
    written 2021-03-02, which every spreadsheet reads as a date; the
    completion date is the day the action was done, empty while it is not."""
    rows = []
    for row in tracker_rows(cohort=cohort, filters=filters):
        action = row.action
        rows.append([
            row.organisation.name,
            plain_text(action.description),
            action.owner,
            action.session.title if action.session else "",
            f"{action.due_on:%Y-%m-%d}" if action.due_on else "",
            plain_text(row.latest.note) if row.latest else "",
            _day(row.latest.created_at) if row.latest else "",
            action.get_status_display(),
            f"{action.completed_on:%Y-%m-%d}" if action.completed_on else "",
            _history_text(row.history),
        ])
    return to_csv(TRACKER_HEADER, rows)
