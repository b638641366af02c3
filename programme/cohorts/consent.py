"""Consent to publication: the organisation's own decision, given or
withdrawn in the portal by one of its participants, or overridden by a
facilitator who says why. The one home of the rule; the portal view, the
facilitator's screen and the demo all call these functions.

- A decision is a `ConsentRecord` (who, when, through which door, the exact
  wording they confirmed, a facilitator's reason) and sets
  `Membership.consent_to_publish`, the latest decision, in the same
  transaction.
- A decision changes nothing public by itself: the public report is the
  snapshot taken when it was last published. A withdrawal (or a new consent)
  takes effect at the next publication, and the report's editor lists it
  among the changes since publication. So nothing here purges the page cache.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from programme.dates import format_moment
from programme.enums import (
    FEEDBACK_SECTIONS,
    REPORT_SECTIONS,
    ConsentDecision,
    ConsentSource,
    ReflectionKind,
    SubmissionStatus,
)
from programme.models import ConsentRecord, Membership, OnePagePlan, Participant, Statement

REASON_MAX = 1000

# What a participant confirms for their organisation (kept, word for word, in
# each record: if this text changes, old records still say what was agreed).
CONSENT_WORDING = (
    "On behalf of {organisation}, I confirm that the words our organisation submitted to the "
    "programme (the goal in our one-page plan, our one-page report and our feedback on the "
    "programme) may appear in the published programme report. Our words appear without our "
    "organisation's name, under a label such as “LA 3”; our name appears only in the list of "
    "organisations that took part. The facilitators may leave some of our words out, but never "
    "change them. We can withdraw this consent at any time: a withdrawal takes effect the next "
    "time the report is published."
)


def consent_wording(membership) -> str:
    return CONSENT_WORDING.format(organisation=membership.organisation.name)


def _person_name(membership, user):
    participant = (
        Participant.objects.filter(membership=membership, user=user).order_by("pk").values_list("name", flat=True)
        .first()
    )
    return participant or user.get_full_name() or user.get_username()


@transaction.atomic
def _record(*, membership, decision, source, user, reason="", now=None):
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    record = ConsentRecord.objects.create(
        membership=locked, decision=decision, source=source, recorded_by=user,
        recorded_by_name=_person_name(locked, user) if user is not None else "",
        wording=consent_wording(membership), reason=reason, recorded_at=now or timezone.now(),
    )
    Membership.objects.filter(pk=locked.pk).update(consent_to_publish=decision == ConsentDecision.GIVEN)
    membership.consent_to_publish = decision == ConsentDecision.GIVEN
    return record


def give_consent(*, membership, user, now=None) -> ConsentRecord:
    """A participant of the organisation consents for it, in the portal."""
    return _record(membership=membership, decision=ConsentDecision.GIVEN, source=ConsentSource.PORTAL,
                   user=user, now=now)


give_consent.alters_data = True


def withdraw_consent(*, membership, user, now=None) -> ConsentRecord:
    """A participant of the organisation withdraws its consent, in the portal."""
    return _record(membership=membership, decision=ConsentDecision.WITHDRAWN, source=ConsentSource.PORTAL,
                   user=user, now=now)


withdraw_consent.alters_data = True


def override_consent(*, membership, consent: bool, reason: str, user, now=None) -> ConsentRecord:
    """A facilitator records a decision the organisation did not make in the
    portal (consent given on paper, or withdrawn by telephone…). The reason is
    required and kept. Raises ValidationError({"reason": …}) without one."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you are recording this for the organisation."})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason to {REASON_MAX} characters (it has {len(reason)})."})
    decision = ConsentDecision.GIVEN if consent else ConsentDecision.WITHDRAWN
    return _record(membership=membership, decision=decision, source=ConsentSource.FACILITATOR, user=user,
                   reason=reason, now=now)


override_consent.alters_data = True


# --------------------------------------------------------------------------- reading the state


@dataclass(frozen=True)
class ConsentState:
    given: bool
    decision: str = ""  # "" when nobody ever recorded one
    source: str = ""
    by: str = ""
    at: object = None
    reason: str = ""

    @property
    def summary(self) -> str:
        """ "Given by Helen Brooks (in the portal), 3 February 2022 at 10am" """
        if not self.decision:
            return "Not given: never asked or answered"
        verb = "Given" if self.decision == ConsentDecision.GIVEN else "Withdrawn"
        door = {
            ConsentSource.PORTAL: "in the portal",
            ConsentSource.FACILITATOR: "facilitator override",
            ConsentSource.BEFORE_RECORDS: "ticked before consent was recorded",
        }.get(self.source, self.source)
        who = f" by {self.by}" if self.by else ""
        when = f", {format_moment(self.at)}" if self.at else ""
        return f"{verb}{who} ({door}){when}"


def _state(membership, record):
    if record is None:
        return ConsentState(given=membership.consent_to_publish)
    return ConsentState(
        given=record.decision == ConsentDecision.GIVEN, decision=record.decision, source=record.source,
        by=record.recorded_by_name, at=record.recorded_at, reason=record.reason,
    )


def consent_state(membership) -> ConsentState:
    """The organisation's current decision and who made it. One query."""
    return _state(membership, membership.consent_records.order_by("-recorded_at", "-pk").first())


def with_latest_consent(memberships):
    """The memberships queryset annotated with the latest record's fields, so
    a list of organisations shows each one's consent in the same query."""
    latest = ConsentRecord.objects.filter(membership=OuterRef("pk")).order_by("-recorded_at", "-pk")
    return memberships.annotate(**{
        f"latest_consent_{name}": Subquery(latest.values(name)[:1])
        for name in ("decision", "source", "recorded_by_name", "recorded_at")
    })


def annotated_consent_state(membership) -> ConsentState:
    """ConsentState of a membership from `with_latest_consent` (no query)."""
    decision = getattr(membership, "latest_consent_decision", None)
    if not decision:
        return ConsentState(given=membership.consent_to_publish)
    return ConsentState(
        given=decision == ConsentDecision.GIVEN, decision=decision, source=membership.latest_consent_source,
        by=membership.latest_consent_recorded_by_name or "", at=membership.latest_consent_recorded_at,
    )


# --------------------------------------------------------------------------- what consent covers


@dataclass(frozen=True)
class WordsForPublication:
    """What of an organisation's own words the public report may show, as the
    portal shows it before asking for consent: its submitted plan's goal, its
    submitted one-page report and its submitted feedback (never drafts)."""

    label: str  # "LA 4" once fixed, else ""
    goal: str
    report: list  # [(section label, [statements])]
    feedback: list

    @property
    def empty(self) -> bool:
        return not (self.goal or any(s for _, s in self.report) or any(s for _, s in self.feedback))


def words_for_publication(membership) -> WordsForPublication:
    """Three queries."""
    goal = (
        OnePagePlan.objects.filter(membership=membership, status=SubmissionStatus.SUBMITTED)
        .values_list("goal", flat=True).first() or ""
    )
    sections = {}
    for kind, section, text in (
        Statement.objects.filter(
            reflection__membership=membership, reflection__status=SubmissionStatus.SUBMITTED,
            reflection__kind__in=[ReflectionKind.FINAL_REPORT, ReflectionKind.FEEDBACK],
        ).order_by("reflection_id", "position", "pk").values_list("reflection__kind", "section", "text")
    ):
        sections.setdefault((kind, section), []).append(text)
    return WordsForPublication(
        label=f"LA {membership.report_number}" if membership.report_number else "",
        goal=goal,
        report=[(s.label, sections.get((ReflectionKind.FINAL_REPORT, s), [])) for s in REPORT_SECTIONS],
        feedback=[(s.label, sections.get((ReflectionKind.FEEDBACK, s), [])) for s in FEEDBACK_SECTIONS],
    )


def consent_history(membership):
    """Every decision, newest first. One query."""
    return list(membership.consent_records.select_related("recorded_by").order_by("-recorded_at", "-pk"))
