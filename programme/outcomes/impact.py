"""The report's "Impact" section: for each outcome measure, how many
organisations improved it, the median change, and the cohort's median
beside the national and statistical-neighbour figures.

The rules are the report's (programme/reporting/build.py):
- **Who is counted**: accepted organisations of the cohort.
- **Organisation figures** appear in public only for organisations with a
  report number (accepted, consenting, with a submitted one-page report:
  programme/reporting/numbering.py), under that number, never a name.
- **Suppression**: a measure fewer organisations than the threshold reported
  (a baseline and a later figure) is left out of the public report
  altogether, exactly as a theme named by fewer organisations: no name, no
  count, no figure. The facilitator's copy keeps it, marked. A number of
  organisations that improved below the threshold reads "fewer than N".

Queries: one when the programme has no measures; three otherwise (the
measures, their comparator figures, the figures), whatever the cohort's size."""
from __future__ import annotations

from programme.enums import ComparatorKind, MeasureDirection, MembershipStatus
from programme.models import OutcomeReturn
from programme.outcomes.figures import figures_rows, improved, number, signed, summarise
from programme.outcomes.measures import comparators_for, latest_on, measures_of
from programme.reporting.data import ImpactMeasure, ImpactOrganisation, ImpactSection


def impact_section(*, cohort, memberships, labels, public, threshold) -> ImpactSection | None:
    """`memberships`: the cohort's accepted memberships (with organisations);
    `labels`: {membership id: "LA n"} of the organisations shown by number."""
    measures = list(measures_of(cohort.programme))
    if not measures:
        return None
    by_id = {m.pk: m for m in memberships}
    figures = [
        f for f in figures_rows(OutcomeReturn.objects.filter(membership__cohort_id=cohort.pk))
        if f.membership_id in by_id
    ]
    comparators = comparators_for(measures=measures, as_at=latest_on(figures))
    items, left_out = [], 0
    for measure in measures:
        mine = [f for f in figures if f.measure_id == measure.pk]
        summary = summarise(mine, direction=measure.direction)
        below = summary.reporting < threshold
        if public and below:
            left_out += 1
            continue
        national = comparators.get((measure.pk, ComparatorKind.NATIONAL))
        neighbours = comparators.get((measure.pk, ComparatorKind.NEIGHBOURS))
        shown = [f for f in mine if f.change is not None and (f.membership_id in labels or not public)]
        if public:
            shown.sort(key=lambda f: int(labels[f.membership_id].rsplit(" ", 1)[-1]))
        else:
            shown.sort(key=lambda f: by_id[f.membership_id].organisation.name)
        items.append(ImpactMeasure(
            name=measure.name, unit=measure.unit, direction_label=MeasureDirection(measure.direction).label,
            reporting=summary.reporting, improved=summary.improved,
            median_change=signed(summary.median_change, measure.unit),
            cohort_baseline=number(summary.median_baseline, measure.unit),
            cohort_latest=number(summary.median_latest, measure.unit),
            national=number(national.value, measure.unit) if national else "",
            national_as_at=f"{national.refers_to:%-d %B %Y}" if national else "",
            neighbours=number(neighbours.value, measure.unit) if neighbours else "",
            neighbours_as_at=f"{neighbours.refers_to:%-d %B %Y}" if neighbours else "",
            sources="; ".join(dict.fromkeys(c.source for c in (national, neighbours) if c and c.source)),
            organisations=[
                ImpactOrganisation(
                    label=labels.get(f.membership_id, ""), baseline=number(f.baseline, measure.unit),
                    latest=number(f.latest, measure.unit), change=signed(f.change, measure.unit),
                    improved=improved(f.change, measure.direction),
                    organisation="" if public else by_id[f.membership_id].organisation.name,
                )
                for f in shown
            ],
            below_threshold=below,
            improved_display=f"fewer than {threshold}" if public and 0 < summary.improved < threshold else "",
        ))
    return ImpactSection(measures=items, left_out=left_out)


# --------------------------------------------------------------------------- across cohorts


def programme_outcomes(*, programme, cohorts):
    """[(measure, [Summary per cohort of `cohorts`], display)] for the
    programme's learning screen: each measure, cohort by cohort (accepted
    organisations only). Two queries: the measures, and the figures of every
    cohort in one aggregate."""
    measures = list(measures_of(programme))
    if not measures:
        return []
    figures = figures_rows(OutcomeReturn.objects.filter(
        membership__cohort__programme_id=programme.pk, membership__status=MembershipStatus.ACCEPTED,
    ))
    rows = []
    for measure in measures:
        per_cohort = []
        for cohort in cohorts:
            summary = summarise([f for f in figures if f.measure_id == measure.pk and f.cohort_id == cohort.pk],
                                direction=measure.direction)
            per_cohort.append({
                "reporting": summary.reporting, "improved": summary.improved,
                "median_change": signed(summary.median_change, measure.unit),
                "median_latest": number(summary.median_latest, measure.unit),
            })
        rows.append({"measure": measure, "cohorts": per_cohort})
    return rows
