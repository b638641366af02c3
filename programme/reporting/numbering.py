"""One numbering: "LA 1", "LA 2"… of a cohort's programme report.

- **Who gets a number**: an accepted organisation that consents to
  publication and has submitted its one-page report: the organisations whose
  reflections the public report shows.
- **Fixed at the first publication.** `fix_numbers` stores each number on the
  membership (`Membership.report_number`) when a report of the cohort is
  published, and a stored number never changes: the public page, the
  facilitator's print view, the Word files and the PDF all read it.
- **Later arrivals take the next number**: an organisation that reports or
  consents after a publication gets the next free number at the next one.
  Withdrawing consent removes an organisation's words but keeps its number
  (nobody else is renumbered; the number is not reused).
- **Before any publication**, `report_numbers` gives the numbers the next
  publication would fix, so the editor's preview shows what will be published.
- **The order is not the names'.** The participants list is public and
  alphabetical, so numbers are handed out in the order of a keyed hash of the
  membership (`salted_hmac` with the site's SECRET_KEY): not derivable from
  anything public.
"""
from __future__ import annotations

from django.db import transaction
from django.utils.crypto import salted_hmac

from programme.enums import MembershipStatus, ReflectionKind, SubmissionStatus
from programme.models import Membership, Reflection


def anonymous_order(membership) -> str:
    """A fixed order that nothing public reveals."""
    return salted_hmac("programme.report.la-numbering", f"{membership.cohort_id}:{membership.pk}").hexdigest()


def numbered_memberships(memberships, reported_ids):
    """Of a cohort's `memberships`, those that get a number: accepted,
    consenting, with a submitted one-page report (`reported_ids`)."""
    return [m for m in memberships
            if m.status == MembershipStatus.ACCEPTED and m.consent_to_publish and m.pk in reported_ids]


def report_numbers(memberships, reported_ids) -> dict[int, int]:
    """{membership id: number}: the stored numbers of every membership that has
    one, and the next numbers, in the anonymous order, for those that would
    get one at the next publication. No query: `memberships` are all the
    cohort's memberships (whatever their status: a withdrawn organisation
    keeps its number), loaded with their `report_number`."""
    numbers = {m.pk: m.report_number for m in memberships if m.report_number}
    taken = max(numbers.values(), default=0)
    waiting = sorted(
        (m for m in numbered_memberships(memberships, reported_ids) if m.pk not in numbers), key=anonymous_order
    )
    for offset, membership in enumerate(waiting, start=1):
        numbers[membership.pk] = taken + offset
    return numbers


def reported_membership_ids(*, cohort) -> set[int]:
    """Memberships of the cohort with a submitted one-page report. One query."""
    return set(
        Reflection.objects.filter(
            membership__cohort_id=cohort.pk, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED,
        ).values_list("membership_id", flat=True)
    )


@transaction.atomic
def fix_numbers(*, cohort) -> dict[int, int]:
    """Store the numbers the next publication gives (`report_numbers`),
    holding the cohort's memberships so that two publications at once cannot
    hand out the same number. Returns {membership id: number}."""
    locked = list(Membership.objects.select_for_update().filter(cohort_id=cohort.pk).order_by("pk"))
    numbers = report_numbers(locked, reported_membership_ids(cohort=cohort))
    new = [m for m in locked if not m.report_number and m.pk in numbers]
    for membership in new:
        membership.report_number = numbers[membership.pk]
    Membership.objects.bulk_update(new, ["report_number"])
    return numbers


fix_numbers.alters_data = True
