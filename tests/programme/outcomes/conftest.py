"""A cohort with the starter measures, a national figure and figures sent by
its two organisations (builders.build_cohort: P County and P Borough)."""
import datetime
from decimal import Decimal

import pytest

from programme.enums import ComparatorKind, ReturnPoint
from programme.outcomes.measures import add_starter_measures, set_comparator
from programme.outcomes.returns import record_figure

MARCH_2021 = datetime.date(2021, 3, 31)
MARCH_2022 = datetime.date(2022, 3, 31)


def send(membership, measure, point, value, refers_to=MARCH_2021, note="", user=None):
    return record_figure(membership=membership, measure=measure, point=point, value=Decimal(str(value)),
                         refers_to=refers_to, note=note, user=user)


@pytest.fixture
def measured(world):
    """world + the starter set (eet %, neet, apprenticeships, university),
    a national EET figure of 55.0%, and: County EET 59.6% → 63.0%, NEET 40 → 34;
    Borough EET 50.0% → 48.5%."""
    eet, neet, apprenticeships, university = add_starter_measures(programme=world.programme)
    set_comparator(measure=eet, kind=ComparatorKind.NATIONAL, refers_to=MARCH_2021, value=Decimal("55.0"),
                   source="DfE, Children looked after in England 2021")
    set_comparator(measure=eet, kind=ComparatorKind.NEIGHBOURS, refers_to=MARCH_2021, value=Decimal("57.5"),
                   source="DfE, statistical neighbours")
    send(world.a, eet, ReturnPoint.BASELINE, "59.6", user=world.a_user)
    send(world.a, eet, ReturnPoint.END, "63.0", MARCH_2022, user=world.a_user)
    send(world.a, neet, ReturnPoint.BASELINE, 40, user=world.a_user)
    send(world.a, neet, ReturnPoint.END, 34, MARCH_2022, user=world.a_user)
    send(world.b, eet, ReturnPoint.BASELINE, "50.0", user=world.b_user)
    send(world.b, eet, ReturnPoint.END, "48.5", MARCH_2022, user=world.b_user)
    world.eet, world.neet, world.apprenticeships, world.university = eet, neet, apprenticeships, university
    return world
