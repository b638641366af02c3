"""Outcome figures for the demo's 2021 programme.

The 2021 programme report gives no outcome figures, so the ten councils'
baseline (31 March 2021) and end (31 March 2022) figures here are
ILLUSTRATIVE: invented, plausible in size, and every one says so in its note;
so do the national and neighbour figures' sources.

The one real set is seed 003, Derby City Council's committee update (March
2021): 59.6% of its care leavers in education, employment or training ("on
par with our statistical neighbours and nationally"), 15 at university, and a
NEET group of "approximately 100 at any given time". Derby was not one of the
ten, so it is the first member of an illustrative 2022 cohort, with those
figures as its baseline. Idempotent: nothing is added twice."""
import datetime
from decimal import Decimal

from programme.enums import (
    ComparatorKind,
    MeasureDirection,
    MeasureUnit,
    MembershipStatus,
    ReturnPoint,
)
from programme.models import Cohort, Membership, Organisation, OutcomeReturn
from programme.outcomes.measures import (
    EET,
    add_measure,
    add_starter_measures,
    measures_of,
    set_comparator,
)

ILLUSTRATIVE = "Illustrative figure for the demo: the 2021 programme report gives no outcome figures."
COMPARATOR_SOURCE = "illustrative figure for the demo, not from a published source"
DERBY = "Derby City Council"
DERBY_NOTE = ("From Derby City's update to its Corporate Parenting Committee (March 2021): “on par with our "
              "statistical neighbours and nationally”.")
RING_FENCED = "Apprenticeship offers ring-fenced for care leavers"
BASELINE_ON = datetime.date(2021, 3, 31)
END_ON = datetime.date(2022, 3, 31)

# council: (EET % start, end), (NEET start, end), (apprenticeships start, end), (university start, end),
# (ring-fenced offers start, end). Illustrative.
FIGURES = {
    "Cambridgeshire County Council": ((55.2, 58.9), (96, 84), (6, 9), (21, 23), (0, 4)),
    "Devon County Council": ((52.4, 55.0), (118, 109), (8, 11), (24, 25), (2, 6)),
    "Durham County Council": ((49.8, 53.6), (104, 93), (7, 12), (17, 18), (0, 5)),
    "Kent County Council": ((57.1, 56.4), (231, 236), (15, 18), (62, 66), (5, 10)),
    "Hull City Council": ((46.5, 51.2), (88, 76), (4, 8), (9, 11), (0, 3)),
    "London Borough of Tower Hamlets": ((60.3, 62.8), (52, 47), (5, 7), (19, 22), (2, 4)),
    "Walsall Council": ((48.9, 50.1), (73, 70), (3, 6), (8, 9), (0, 2)),
    "Warrington Borough Council": ((58.0, 61.5), (31, 26), (4, 6), (7, 9), (1, 4)),
    "Wirral Council": ((51.7, 51.0), (79, 81), (6, 7), (12, 12), (0, 1)),
    "Sefton Borough Council": ((53.6, 57.3), (58, 50), (4, 7), (10, 11), (0, 3)),
}
# (kind, as at, EET %), illustrative; the neighbours' differ council by council in life.
COMPARATORS = [
    (ComparatorKind.NATIONAL, BASELINE_ON, "59.0"),
    (ComparatorKind.NATIONAL, END_ON, "60.0"),
    (ComparatorKind.NEIGHBOURS, BASELINE_ON, "58.5"),
    (ComparatorKind.NEIGHBOURS, END_ON, "59.5"),
]


def _send(membership, measure, point, value, refers_to, note):
    if OutcomeReturn.objects.filter(membership=membership, measure=measure, point=point).exists():
        return
    OutcomeReturn.objects.create(membership=membership, measure=measure, point=point, value=Decimal(str(value)),
                                 refers_to=refers_to, note=note)


def load_demo_outcomes(*, cohort):
    programme = cohort.programme
    if not measures_of(programme).exists():
        add_starter_measures(programme=programme)
        add_measure(programme=programme, name=RING_FENCED, unit=MeasureUnit.COUNT,
                    direction=MeasureDirection.HIGHER,
                    description="Apprenticeship places the council (or its partners) keep for care leavers.")
    measures = list(measures_of(programme))
    eet = next(m for m in measures if m.name == EET)
    for kind, refers_to, value in COMPARATORS:
        set_comparator(measure=eet, kind=kind, refers_to=refers_to, value=Decimal(value), source=COMPARATOR_SOURCE)
    memberships = {m.organisation.name: m for m in cohort.memberships.select_related("organisation")}
    for name, figures in FIGURES.items():
        membership = memberships.get(name)
        if membership is None:
            continue
        for measure, (start, end) in zip(measures, figures, strict=False):
            _send(membership, measure, ReturnPoint.BASELINE, start, BASELINE_ON, ILLUSTRATIVE)
            _send(membership, measure, ReturnPoint.END, end, END_ON, ILLUSTRATIVE)
    _load_derby(programme, measures)


def _load_derby(programme, measures):
    derby = Organisation.objects.filter(name=DERBY).first()
    if derby is None:
        return
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme, name="2022 cohort (illustrative)",
        defaults={"starts_on": datetime.date(2022, 4, 1), "ends_on": datetime.date(2023, 3, 31)},
    )
    membership, _ = Membership.objects.get_or_create(
        cohort=cohort, organisation=derby,
        defaults={"status": MembershipStatus.ACCEPTED,
                  "application_statement": "Derby City wants to move more of its NEET care leavers into work."},
    )
    by_name = {m.name: m for m in measures}
    for name, value in ((EET, "59.6"),
                        ("Care leavers aged 19–21 not in education, employment or training (NEET)", 100),
                        ("Care leavers at university", 15)):
        if name in by_name:
            _send(membership, by_name[name], ReturnPoint.BASELINE, value, BASELINE_ON, DERBY_NOTE)
