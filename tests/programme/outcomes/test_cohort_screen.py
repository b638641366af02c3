"""The facilitator's outcomes screen of a cohort and its CSV, through HTTP:
each organisation's baseline, latest and change against the national and
neighbour figures, a chart with its data, a fixed number of queries, and 404
for another programme's facilitator."""
import csv
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.enums import ReturnPoint
from programme.models import Membership, OutcomeReturn
from tests.builders import add_organisations, make_facilitator
from tests.programme.outcomes.conftest import MARCH_2021, MARCH_2022


def screen_url(cohort):
    return reverse("programme_admin:cohort_outcomes", args=[cohort.pk])


def csv_url(cohort):
    return reverse("programme_admin:cohort_outcomes_csv", args=[cohort.pk])


def test_screen_shows_each_organisations_baseline_latest_and_change(measured, login):
    response = login(measured.facilitator).get(screen_url(measured.cohort))

    assert response.status_code == 200
    page = response.content.decode()
    eet = page[page.index(f'id="measure-{measured.eet.pk}"'):page.index(f'id="measure-{measured.neet.pk}"')]
    county = eet[eet.index("P County Council</th>"):]
    county = county[:county.index("</tr>")]
    assert "59.6%" in county and "63.0%" in county and "+3.4 points" in county and "(better)" in county
    assert "+8.0 points" in county  # 63.0 against the national 55.0
    assert "+5.5 points" in county  # against the neighbours' 57.5
    borough = eet[eet.index("P Borough Council</th>"):]
    assert "−1.5 points" in borough[:borough.index("</tr>")] and "(worse)" in borough[:borough.index("</tr>")]
    assert "1 of 2 with a baseline and a later figure improved" in eet
    assert "National 55.0% as at 31 March 2021 (DfE, Children looked after in England 2021)" in eet


def test_screen_draws_a_chart_per_measure_with_its_figures_described(measured, login):
    page = login(measured.facilitator).get(screen_url(measured.cohort)).content.decode()

    assert f'<svg role="img" aria-labelledby="outcome-chart-{measured.eet.pk}-title' in page
    assert "P County Council: 59.6% → 63.0%" in page  # the chart's description, for screen readers
    assert "National 55.0%" in page
    # A measure nobody sent figures for has no chart (and says so in its table).
    assert f"outcome-chart-{measured.university.pk}" not in page
    assert "Not sent" in page


def test_screen_leaves_out_organisations_that_are_not_accepted(measured, login):
    Membership.objects.filter(pk=measured.b.pk).update(status="withdrawn")

    page = login(measured.facilitator).get(screen_url(measured.cohort)).content.decode()

    assert "P Borough Council" not in page


def test_csv_holds_every_figure_with_its_date_and_is_formula_safe(measured, login):
    measured.b.organisation.name = "=HYPERLINK(\"http://evil.example\")"
    measured.b.organisation.save()

    response = login(measured.facilitator).get(csv_url(measured.cohort))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    county = next(r for r in rows if r["organisation"] == "P County Council" and r["measure"] == measured.eet.name)
    assert (county["baseline"], county["baseline as at"], county["end"], county["end as at"], county["change"],
            county["improved"], county["national"]) == ("59.6", "2021-03-31", "63.0", "2022-03-31", "3.4", "yes",
                                                        "55.0")
    assert any(r["organisation"].startswith("'=HYPERLINK") for r in rows)
    assert len(rows) == 2 * 4  # every organisation for every measure


def test_another_programmes_facilitator_gets_404(measured, other_world, login):
    client = login(other_world.facilitator)

    assert client.get(screen_url(measured.cohort)).status_code == 404
    assert client.get(csv_url(measured.cohort)).status_code == 404


def test_a_facilitator_of_no_programme_gets_404(measured, login):
    assert login(make_facilitator("nobody")).get(screen_url(measured.cohort)).status_code == 404


def _fill(world, count):
    add_organisations(world.cohort, count, participants_each=0)
    memberships = Membership.objects.filter(cohort=world.cohort)
    OutcomeReturn.objects.bulk_create(
        OutcomeReturn(membership=m, measure=measure, point=point, value=Decimal(n % 90), refers_to=day)
        for n, m in enumerate(memberships)
        for measure in (world.eet, world.neet, world.apprenticeships, world.university)
        for point, day in ((ReturnPoint.BASELINE, MARCH_2021), (ReturnPoint.END, MARCH_2022))
    )


def _queries(client, cohort):
    with CaptureQueriesContext(connection) as context:
        response = client.get(screen_url(cohort))
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_screen_runs_the_same_queries_for_10_and_100_organisations(measured, other_world, login):
    from programme.outcomes.measures import add_starter_measures
    measures = add_starter_measures(programme=other_world.programme)
    other_world.eet, other_world.neet, other_world.apprenticeships, other_world.university = measures
    _fill(measured, 8)  # 10 with P County and P Borough
    _fill(other_world, 98)  # 100
    other_world.programme.facilitators.add(measured.facilitator)
    client = login(measured.facilitator)
    _queries(client, measured.cohort)  # warm the session and the admin's own lookups

    small, small_page = _queries(client, measured.cohort)
    large, large_page = _queries(client, other_world.cohort)

    assert [len(table.rows) for table in small_page.context["tables"]] == [10] * 4
    assert [len(table.rows) for table in large_page.context["tables"]] == [100] * 4
    assert "Cohort Y council 097</th>" in large_page.content.decode()
    assert small == large
