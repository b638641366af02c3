"""A programme's outcome measures and the national and statistical-neighbour
figures its facilitators type in beside them."""
from django.db import transaction
from django.db.models import Max

from programme.enums import MeasureDirection, MeasureUnit
from programme.models import Comparator, OutcomeMeasure

EET = "Care leavers aged 19–21 in education, employment or training"
# What councils already report to their committees (seed 003).
STARTER_SET = [
    (EET, MeasureUnit.PERCENT, MeasureDirection.HIGHER,
     "The share of care leavers aged 19–21 the council is in touch with who are in education, employment or "
     "training, as in the DfE's annual return."),
    ("Care leavers aged 19–21 not in education, employment or training (NEET)", MeasureUnit.COUNT,
     MeasureDirection.LOWER, "How many young people, on the date the figure refers to."),
    ("Care leavers in apprenticeships", MeasureUnit.COUNT, MeasureDirection.HIGHER,
     "How many young people, on the date the figure refers to."),
    ("Care leavers at university", MeasureUnit.COUNT, MeasureDirection.HIGHER,
     "How many young people, on the date the figure refers to."),
]


def measures_of(programme):
    return OutcomeMeasure.objects.filter(programme_id=programme.pk).order_by("position", "pk")


@transaction.atomic
def add_measure(*, programme, name, unit, direction, description=""):
    """A new measure, listed after the programme's others."""
    last = OutcomeMeasure.objects.filter(programme_id=programme.pk).aggregate(last=Max("position"))["last"]
    return OutcomeMeasure.objects.create(
        programme=programme, name=name.strip(), unit=unit, direction=direction, description=description.strip(),
        position=(last or 0) + 1,
    )


add_measure.alters_data = True


@transaction.atomic
def add_starter_measures(*, programme):
    """The starter set, leaving out any the programme already has (by name).
    Returns the measures added."""
    existing = set(OutcomeMeasure.objects.filter(programme_id=programme.pk).values_list("name", flat=True))
    return [
        add_measure(programme=programme, name=name, unit=unit, direction=direction, description=description)
        for name, unit, direction, description in STARTER_SET if name not in existing
    ]


add_starter_measures.alters_data = True


def figures_sent(measure) -> int:
    """How many figures organisations have sent for `measure` (corrections included)."""
    return measure.returns.count()


def _locked(measure):
    """`measure` read again with its row locked until the transaction ends, so
    that no figure is recorded between counting its figures and acting on the
    count (returns.record_figure locks the same row)."""
    return OutcomeMeasure.objects.select_for_update().get(pk=measure.pk)


class MeasureInUse(ValueError):
    """A change that would reinterpret figures already sent."""


@transaction.atomic
def change_measure(*, measure, name, description, unit, direction):
    """Rename or redescribe a measure at any time; change its unit or better
    direction only while no figure has been sent for it, since every figure
    sent was given in the old unit and judged by the old direction."""
    measure = _locked(measure)
    if (unit, direction) != (measure.unit, measure.direction) and figures_sent(measure):
        raise MeasureInUse("Figures have been sent for this measure: its unit and direction can no longer change.")
    measure.name, measure.description = name.strip(), description.strip()
    measure.unit, measure.direction = unit, direction
    measure.save(update_fields=["name", "description", "unit", "direction"])
    return measure


change_measure.alters_data = True


@transaction.atomic
def delete_measure(*, measure):
    """Delete a measure nobody has sent a figure for (with its comparators).
    A measure with figures stays: deleting it would lose what organisations sent.
    Published reports keep it either way: they are frozen."""
    measure = _locked(measure)
    if figures_sent(measure):
        raise MeasureInUse("Figures have been sent for this measure, so it cannot be deleted.")
    measure.delete()


delete_measure.alters_data = True


def set_comparator(*, measure, kind, refers_to, value, source):
    """The national or neighbour figure of `measure` for the period ending
    `refers_to`: a second figure for the same period replaces the first."""
    comparator, _ = Comparator.objects.update_or_create(
        measure=measure, kind=kind, refers_to=refers_to, defaults={"value": value, "source": source.strip()},
    )
    return comparator


set_comparator.alters_data = True


def comparators_for(*, measures, as_at=None):
    """{(measure id, kind): Comparator}: the national and neighbour figure to
    set beside the cohort's. `as_at` ({measure id: date}) is when the cohort's
    latest figures for a measure refer to: the comparator is then the one for
    the same period (the most recent on or before that date), so that a 2022
    national figure is not set beside a cohort's 2021 figures; if every
    comparator is later, the earliest. Without a date, the most recent.
    One query."""
    as_at = as_at or {}
    found = {}
    for comparator in Comparator.objects.filter(measure__in=[m.pk for m in measures]).order_by("refers_to", "pk"):
        key = (comparator.measure_id, comparator.kind)
        when = as_at.get(comparator.measure_id)
        if key not in found or when is None or comparator.refers_to <= when:
            found[key] = comparator
    return found


def latest_on(figures) -> dict:
    """{measure id: the date the most recent of `figures` (Figures) refers to}."""
    when = {}
    for figure in figures:
        if figure.latest_on and (figure.measure_id not in when or figure.latest_on > when[figure.measure_id]):
            when[figure.measure_id] = figure.latest_on
    return when
