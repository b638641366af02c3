"""The figures an organisation sends from the portal: the one place an
OutcomeReturn is written. A figure is never changed: a correction is a new
row, so the earlier value stays in the history and the newest row is the
current figure."""
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from programme.enums import MeasureUnit, ReturnPoint
from programme.models import OutcomeMeasure, OutcomeReturn
from programme.sanitise import plain_text


def open_points(cohort):
    """The points a cohort's organisations send figures at: baseline and end,
    and the follow-up once the facilitators have set its date."""
    points = [ReturnPoint.BASELINE, ReturnPoint.END]
    if cohort.outcomes_follow_up_on:
        points.append(ReturnPoint.FOLLOW_UP)
    return points


def figure_errors(*, measure, value, refers_to, today=None):
    """{"value" or "refers_to": message} of a figure that cannot be right."""
    today = today or timezone.localdate()
    errors = {}
    if value is not None:
        if value < 0:
            errors["value"] = ("A percentage cannot be below 0." if measure.unit == MeasureUnit.PERCENT
                               else "A count of young people cannot be negative.")
        elif measure.unit == MeasureUnit.PERCENT and value > 100:
            errors["value"] = "A percentage cannot be more than 100."
        elif measure.unit == MeasureUnit.COUNT and value != value.to_integral_value():
            errors["value"] = "A count is a whole number of young people."
    if refers_to is not None and refers_to > today:
        errors["refers_to"] = (f"The figure cannot refer to a date in the future: today is "
                               f"{today:%-d %B %Y}. Give the date the figure was true on.")
    return errors


def current_returns(queryset=None):
    """The current figures: the newest row of each organisation, measure and
    point (a row no later row supersedes). Done in the database."""
    queryset = OutcomeReturn.objects.all() if queryset is None else queryset
    newer = OutcomeReturn.objects.filter(
        membership_id=OuterRef("membership_id"), measure_id=OuterRef("measure_id"), point=OuterRef("point"),
        pk__gt=OuterRef("pk"),
    )
    return queryset.filter(~Exists(newer))


@transaction.atomic
def record_figure(*, membership, measure, point, value, refers_to, note="", user=None, now=None):
    """Record `membership`'s figure for `measure` at `point`. The same figure,
    date and note as the current one records nothing (returns None);
    anything else is a new row, the earlier one kept as history."""
    if measure.programme_id != membership.cohort.programme_id:
        raise ValueError("That measure is not one of this programme's.")
    if point not in open_points(membership.cohort):
        raise ValueError(f"{point!r} is not a point this cohort sends figures at.")
    errors = figure_errors(measure=measure, value=value, refers_to=refers_to)
    if errors:
        raise ValueError(" ".join(errors.values()))
    note = plain_text(note or "").strip()
    # The measure's row is locked while the figure is written, as deleting or
    # re-uniting it locks it to count its figures (measures.py): neither can
    # slip between the other's count and write.
    if not OutcomeMeasure.objects.select_for_update().filter(pk=measure.pk).values_list("pk", flat=True):
        raise ValueError("That measure has just been deleted.")
    current = (
        OutcomeReturn.objects.select_for_update()
        .filter(membership=membership, measure=measure, point=point).order_by("-pk").first()
    )
    if current and current.value == Decimal(value) and current.refers_to == refers_to and current.note == note:
        return None
    return OutcomeReturn.objects.create(
        membership=membership, measure=measure, point=point, value=value, refers_to=refers_to, note=note,
        entered_by=user, entered_at=now or timezone.now(),
    )


record_figure.alters_data = True


def history_of(membership):
    """{(measure id, point): [OutcomeReturn, newest first]} of one
    organisation (only its own rows). One query."""
    history = {}
    for row in (OutcomeReturn.objects.filter(membership=membership).select_related("entered_by")
                .order_by("measure_id", "point", "-pk")):
        history.setdefault((row.measure_id, row.point), []).append(row)
    return history
