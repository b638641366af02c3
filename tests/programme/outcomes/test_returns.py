"""Recording an organisation's figures (programme/outcomes/returns.py): what
is refused, and that a correction keeps the earlier figure in the history."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from programme.enums import ReturnPoint
from programme.models import OutcomeReturn
from programme.outcomes.measures import STARTER_SET, add_measure, add_starter_measures
from programme.outcomes.returns import current_returns, figure_errors, history_of, open_points
from tests.factories import ProgrammeFactory
from tests.programme.outcomes.conftest import MARCH_2021, MARCH_2022, send


def test_starter_set_is_added_once(db):
    programme = ProgrammeFactory()

    first = add_starter_measures(programme=programme)
    again = add_starter_measures(programme=programme)

    assert [m.name for m in first] == [name for name, *_ in STARTER_SET]
    assert [(m.unit, m.direction) for m in first] == [("percent", "higher"), ("count", "lower"),
                                                      ("count", "higher"), ("count", "higher")]
    assert again == []


def test_a_measure_the_goals_call_for_is_listed_after_the_starter_set(db):
    programme = ProgrammeFactory()
    add_starter_measures(programme=programme)

    ring_fenced = add_measure(programme=programme, name="Apprenticeship offers ring-fenced for care leavers",
                              unit="count", direction="higher")

    assert list(programme.outcome_measures.order_by("position"))[-1] == ring_fenced


@pytest.mark.parametrize("unit, value, field, message", [
    ("percent", Decimal("100.1"), "value", "A percentage cannot be more than 100."),
    ("percent", Decimal("-1"), "value", "A percentage cannot be below 0."),
    ("count", Decimal("-1"), "value", "A count of young people cannot be negative."),
    ("count", Decimal("2.5"), "value", "A count is a whole number of young people."),
])
def test_figure_errors_refuse_impossible_figures(unit, value, field, message):
    class Measure:
        pass
    measure = Measure()
    measure.unit = unit

    assert figure_errors(measure=measure, value=value, refers_to=None) == {field: message}


def test_figure_errors_refuse_a_date_in_the_future(measured):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    errors = figure_errors(measure=measured.eet, value=Decimal("50"), refers_to=tomorrow)

    assert list(errors) == ["refers_to"]
    assert "cannot refer to a date in the future" in errors["refers_to"]
    assert figure_errors(measure=measured.eet, value=Decimal("100"), refers_to=timezone.localdate()) == {}


def test_a_correction_is_a_new_row_and_the_earlier_figure_stays_in_the_history(measured):
    corrected = send(measured.a, measured.eet, ReturnPoint.BASELINE, "58.9", note="Recounted after audit")

    rows = history_of(measured.a)[(measured.eet.pk, ReturnPoint.BASELINE)]
    assert [row.value for row in rows] == [Decimal("58.9"), Decimal("59.6")]  # newest first
    assert rows[0] == corrected and rows[0].note == "Recounted after audit"
    current = current_returns(OutcomeReturn.objects.filter(membership=measured.a, measure=measured.eet))
    assert sorted((row.point, row.value) for row in current) == [("baseline", Decimal("58.9")),
                                                                 ("end", Decimal("63.0"))]


def test_sending_the_same_figure_again_records_nothing(measured):
    before = OutcomeReturn.objects.count()

    assert send(measured.a, measured.eet, ReturnPoint.BASELINE, "59.6") is None
    assert OutcomeReturn.objects.count() == before


def test_a_figure_is_refused_by_the_domain_function_too(measured):
    with pytest.raises(ValueError, match="more than 100"):
        send(measured.a, measured.eet, ReturnPoint.END, "101", MARCH_2022)
    with pytest.raises(ValueError, match="not one of this programme"):
        other = add_measure(programme=ProgrammeFactory(), name="Other", unit="count", direction="higher")
        send(measured.a, other, ReturnPoint.END, 1, MARCH_2022)


def test_the_follow_up_is_open_only_once_its_date_is_set(measured):
    cohort = measured.cohort
    assert ReturnPoint.FOLLOW_UP not in open_points(cohort)
    with pytest.raises(ValueError):
        send(measured.a, measured.eet, ReturnPoint.FOLLOW_UP, "65", MARCH_2022)

    cohort.outcomes_follow_up_on = datetime.date(2022, 9, 1)
    cohort.save()

    assert open_points(cohort) == [ReturnPoint.BASELINE, ReturnPoint.END, ReturnPoint.FOLLOW_UP]
    assert send(measured.a, measured.eet, ReturnPoint.FOLLOW_UP, "65", MARCH_2022) is not None


def test_history_holds_only_the_organisations_own_figures(measured):
    history = history_of(measured.b)

    assert {key for key in history} == {(measured.eet.pk, "baseline"), (measured.eet.pk, "end")}
    assert all(row.membership_id == measured.b.pk for rows in history.values() for row in rows)
    assert MARCH_2021 in {row.refers_to for rows in history.values() for row in rows}
