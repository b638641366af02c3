"""Each organisation's baseline, latest and change, worked out in the
database (programme/outcomes/figures.py), and the measure across organisations."""
import datetime
from decimal import Decimal

from programme.enums import ReturnPoint
from programme.models import OutcomeReturn
from programme.outcomes.figures import figures_rows, number, signed, summarise
from tests.programme.outcomes.conftest import MARCH_2022, send


def by_key(cohort):
    return {(f.membership_id, f.measure_id): f
            for f in figures_rows(OutcomeReturn.objects.filter(membership__cohort_id=cohort.pk))}


def test_figures_give_baseline_latest_and_change(measured):
    figures = by_key(measured.cohort)

    county_eet = figures[(measured.a.pk, measured.eet.pk)]
    assert (county_eet.baseline, county_eet.latest, county_eet.change) == (Decimal("59.6"), Decimal("63.0"),
                                                                         Decimal("3.4"))
    assert county_eet.baseline_on == datetime.date(2021, 3, 31) and county_eet.latest_on == MARCH_2022
    assert figures[(measured.b.pk, measured.eet.pk)].change == Decimal("-1.5")
    assert figures[(measured.a.pk, measured.neet.pk)].change == Decimal("-6")


def test_the_latest_is_the_follow_up_when_there_is_one_and_the_newest_correction_counts(measured):
    measured.cohort.outcomes_follow_up_on = datetime.date(2022, 9, 1)
    measured.cohort.save()
    send(measured.a, measured.eet, ReturnPoint.FOLLOW_UP, "66.0", MARCH_2022)
    send(measured.a, measured.eet, ReturnPoint.FOLLOW_UP, "65.2", MARCH_2022, note="Corrected")

    county_eet = by_key(measured.cohort)[(measured.a.pk, measured.eet.pk)]

    assert county_eet.latest == Decimal("65.2") and county_eet.latest_point == "Follow-up"
    assert county_eet.change == Decimal("5.6")


def test_summary_counts_improvement_in_the_measures_better_direction(measured):
    figures = by_key(measured.cohort)
    eet = [f for f in figures.values() if f.measure_id == measured.eet.pk]
    neet = [f for f in figures.values() if f.measure_id == measured.neet.pk]

    eet_summary = summarise(eet, direction="higher")
    neet_summary = summarise(neet, direction="lower")

    # The median of +3.4 and −1.5 is 0.95, given to one decimal place.
    assert (eet_summary.reporting, eet_summary.improved, eet_summary.median_change) == (2, 1, Decimal("1.0"))
    assert (neet_summary.reporting, neet_summary.improved) == (1, 1)  # a fall in NEET is better


def test_an_organisation_with_only_a_baseline_is_not_counted_as_reporting(measured):
    send(measured.b, measured.neet, ReturnPoint.BASELINE, 12)
    neet = [f for f in by_key(measured.cohort).values() if f.measure_id == measured.neet.pk]

    assert summarise(neet, direction="lower").reporting == 1


def test_numbers_read_as_people_write_them():
    assert number(Decimal("59.6"), "percent") == "59.6%"
    assert number(Decimal("12"), "count") == "12"
    assert signed(Decimal("3.4"), "percent") == "+3.4 points"
    assert signed(Decimal("-6"), "count") == "−6"
    assert signed(Decimal("0"), "count") == "no change"
