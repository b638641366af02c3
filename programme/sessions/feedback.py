"""Feedback after each session: a rating on a fixed scale (SessionRating)
and two short answers, one per participant and session.

Who may give it (`feedback_refusal` says why not, in words a participant
reads): a participant of an organisation the session is for (a 1-1 or an
action learning set belongs to some organisations only, places.py), once
the session has started, never for a cancelled session, not by someone the
register marks as absent or sending apologies (nobody is turned away before
the register is taken), and until two weeks after the cohort's last day. Giving it again replaces the earlier answer, so
the facilitator's counts are always one answer per person.

The facilitator's results (`session_results`) and the report's figures
(`report_feedback`) are read here too, each in a fixed number of queries."""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from programme.dates import end_of_day
from programme.enums import (
    USEFUL_RATINGS,
    AttendanceStatus,
    MembershipStatus,
    SessionRating,
    SessionStatus,
)
from programme.models import Attendance, SessionFeedback
from programme.sanitise import sanitise_html
from programme.sessions.places import is_for, sessions_for

__all__ = [
    "FeedbackRefused",
    "RatingChart",
    "SessionResults",
    "feedback_closes_at",
    "feedback_due",
    "feedback_refusal",
    "give_feedback",
    "report_feedback",
    "session_label",
    "session_results",
]


class FeedbackRefused(ValueError):
    """This person may not give feedback on this session (the message says why)."""


def session_label(session) -> str:
    """ "session 3" for a numbered workshop, else the session's title in quotes."""
    return f"session {session.number}" if session.number else f"“{session.title}”"


# The review session is often on the cohort's last day, and its follow-up
# email goes out a day or two later: feedback stays open a fortnight longer.
FEEDBACK_GRACE = datetime.timedelta(days=14)


def feedback_closes_at(cohort):
    """Feedback is taken until the end of the day two weeks after the cohort's
    last day (UK time); a cohort without an end date takes it for as long as it runs."""
    return end_of_day(cohort.ends_on + FEEDBACK_GRACE) if cohort.ends_on else None


def feedback_refusal(*, session, participant, now=None) -> str:
    """Why `participant` may not give feedback on `session` now ("" if they may)."""
    now = now or timezone.now()
    membership = participant.membership
    if membership.status != MembershipStatus.ACCEPTED or not is_for(session, membership):
        return "This session is not one of your organisation's."
    if session.status == SessionStatus.CANCELLED:
        return "This session was cancelled, so there is nothing to give feedback on."
    if session.starts_at > now:
        return "This session has not started yet. You can tell us how it went once it has started."
    closes = feedback_closes_at(session.cohort)
    if closes is not None and now > closes:
        return "Your cohort ended more than two weeks ago, so feedback on its sessions is closed."
    if missed(session=session, participant=participant):
        return ("The register shows you did not attend this session, so there is no feedback to give. "
                "If that is wrong, tell your facilitator.")
    return ""


def missed(*, session, participant) -> bool:
    """The register marks `participant` absent from `session` or sending apologies. One query."""
    return Attendance.objects.filter(session_id=session.pk, participant_id=participant.pk).exclude(
        status=AttendanceStatus.ATTENDED).exists()


def give_feedback(*, session, participant, rating, useful="", better="", now=None) -> SessionFeedback:
    """Record `participant`'s feedback on `session`, replacing any earlier
    answer of theirs. FeedbackRefused if they may not give it. The answers
    are participant text: cleaned here, on the way in."""
    refusal = feedback_refusal(session=session, participant=participant, now=now)
    if refusal:
        raise FeedbackRefused(refusal)
    rating = SessionRating(int(rating))
    with transaction.atomic():
        feedback, _ = SessionFeedback.objects.update_or_create(
            session=session, participant=participant,
            defaults={"rating": rating, "useful": sanitise_html(useful), "better": sanitise_html(better)},
        )
    return feedback


give_feedback.alters_data = True


def feedback_due(*, membership, participant, sessions, now=None):
    """Of `sessions` (the membership's, as the portal lists them), those this
    person can still tell us about and has not: held (ended, not cancelled),
    not missed by them, and feedback still open. Newest first. One query."""
    if participant is None:
        return []
    now = now or timezone.now()
    closes = feedback_closes_at(membership.cohort)
    if closes is not None and now > closes:
        return []
    # Answered already, or marked absent or sending apologies: nothing to ask. One query.
    answered = set(
        SessionFeedback.objects.filter(participant=participant).order_by().values_list("session_id", flat=True)
        .union(Attendance.objects.filter(participant=participant).exclude(status=AttendanceStatus.ATTENDED)
               .order_by().values_list("session_id", flat=True))
    )
    return [
        session for session in reversed(sessions)
        if session.ends_at <= now and session.status != SessionStatus.CANCELLED and session.pk not in answered
    ]


def session_for_feedback(*, membership, session_id):
    """The session `session_id` if it is one of the membership's (else None). One query."""
    return sessions_for(membership).select_related("cohort").filter(pk=session_id).first()


# --------------------------------------------------------------------------- the facilitator's results


@dataclass(frozen=True)
class RatingRow:
    value: int
    label: str
    count: int
    bar_width: float
    y: int

    @property
    def text_y(self) -> int:
        return self.y + CHART_ROW_HEIGHT // 2 + 5

    @property
    def bar_y(self) -> int:
        return self.y + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2

    @property
    def value_x(self) -> float:
        return CHART_LABEL_WIDTH + 10 + self.bar_width + 6


CHART_WIDTH = 520
CHART_LABEL_WIDTH = 130
CHART_BAR_SPACE = 330
CHART_ROW_HEIGHT = 28
CHART_BAR_HEIGHT = 18


@dataclass(frozen=True)
class RatingChart:
    """The rating distribution as data for an SVG bar chart (one bar per
    point of the scale, every point shown, even at 0) and its data table."""

    id: str
    title: str
    description: str
    rows: list[RatingRow]
    width: int = CHART_WIDTH
    label_x: int = CHART_LABEL_WIDTH
    bar_x: int = CHART_LABEL_WIDTH + 10
    bar_height: int = CHART_BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.rows) * CHART_ROW_HEIGHT + 8


def rating_chart(*, chart_id, title, counts: Counter) -> RatingChart:
    largest = max(counts.values(), default=0) or 1
    rows = [
        RatingRow(value=rating.value, label=rating.label, count=counts.get(rating.value, 0),
                  bar_width=round(CHART_BAR_SPACE * counts.get(rating.value, 0) / largest, 1),
                  y=4 + index * CHART_ROW_HEIGHT)
        for index, rating in enumerate(reversed(SessionRating))
    ]
    description = "Bar chart: how many people gave each rating. " + "; ".join(
        f"{row.label}: {row.count}" for row in rows
    ) + "."
    return RatingChart(id=chart_id, title=title, description=description, rows=rows)


@dataclass(frozen=True)
class SessionResults:
    responses: int
    attended: int
    average: str  # "4.2" ("" with no responses)
    useful: int  # how many rated it Useful or Very useful
    chart: RatingChart
    answers: list[SessionFeedback]

    @property
    def responses_sentence(self) -> str:
        noun = "response" if self.responses == 1 else "responses"
        if not self.attended:  # the register is not taken yet (or nobody came)
            return f"{self.responses or 'No'} {noun}"
        people = "person" if self.attended == 1 else "people"
        return f"{self.responses} {noun} from the {self.attended} {people} who attended"


def _average(value) -> str:
    return f"{value:.1f}" if value is not None else ""


def session_results(session) -> SessionResults:
    """Everything the facilitator's feedback screen shows for `session`.
    Two queries, whatever the number of answers."""
    answers = list(
        SessionFeedback.objects.filter(session_id=session.pk)
        .select_related("participant__membership__organisation")
        .order_by("participant__membership__organisation__name", "participant__name", "pk")
    )
    attended = Attendance.objects.filter(session_id=session.pk, status=AttendanceStatus.ATTENDED).count()
    counts = Counter(answer.rating for answer in answers)
    average = sum(answer.rating for answer in answers) / len(answers) if answers else None
    return SessionResults(
        responses=len(answers), attended=attended, average=_average(average),
        useful=sum(count for rating, count in counts.items() if rating in USEFUL_RATINGS),
        chart=rating_chart(chart_id=f"ratings-{session.pk}", title=f"Ratings of {session.title}", counts=counts),
        answers=answers,
    )


# --------------------------------------------------------------------------- the report's figures


def report_feedback(*, cohort):
    """{session id: (responses, organisations responding, average rating,
    how many rated it useful)} for the cohort's sessions, counting only
    people of organisations accepted into the cohort. One query."""
    rows = (
        SessionFeedback.objects.filter(
            session__cohort_id=cohort.pk, participant__membership__status=MembershipStatus.ACCEPTED,
        )
        .values("session_id")
        .annotate(
            responses=Count("pk"),
            organisations=Count("participant__membership_id", distinct=True),
            average=Avg("rating"),
            useful=Count("pk", filter=Q(rating__in=[int(r) for r in USEFUL_RATINGS])),
        )
        .order_by()
    )
    return {row["session_id"]: row for row in rows}
