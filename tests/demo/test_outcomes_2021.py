"""The demo's outcome figures: illustrative baseline and end figures for the
ten 2021 councils (and said to be illustrative), Derby City's real figures
from seed 003, and the published 2021 report's Impact section."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.outcomes_2021 import DERBY, ILLUSTRATIVE
from programme.models import Cohort, OutcomeReturn
from programme.outcomes.measures import EET
from resources.cache import purge_page_cache
from resources.models import ProgrammeReportPage

pytestmark = pytest.mark.demo


@pytest.fixture
def cohort_2021(demo):
    return Cohort.objects.get(name="2021 cohort")


def test_every_2021_council_has_a_baseline_and_an_end_figure_marked_illustrative(cohort_2021):
    returns = OutcomeReturn.objects.filter(membership__cohort=cohort_2021, measure__name=EET)

    assert returns.filter(point="baseline").count() == returns.filter(point="end").count() == 10
    assert set(returns.values_list("note", flat=True)) == {ILLUSTRATIVE}
    assert all(Decimal(30) < value < Decimal(70) for value in returns.values_list("value", flat=True))


def test_derby_citys_baseline_is_the_seed_003_figures(demo):
    derby = {row.measure.name: row for row in OutcomeReturn.objects.filter(membership__organisation__name=DERBY)
             .select_related("measure")}

    assert derby[EET].value == Decimal("59.6")
    assert derby["Care leavers at university"].value == Decimal("15")
    assert str(derby[EET].refers_to) == "2021-03-31"
    assert "Corporate Parenting Committee" in derby[EET].note


def test_the_demo_facilitator_sees_the_2021_cohorts_outcome_figures(cohort_2021, client):
    client.force_login(get_user_model().objects.get(username="facilitator"))

    page = client.get(reverse("programme_admin:cohort_outcomes", args=[cohort_2021.pk])).content.decode()

    assert "Kent County Council" in page and "57.1%" in page and "56.4%" in page
    assert "illustrative figure for the demo" in page  # the national figure's source


def test_the_published_2021_report_has_an_impact_section(cohort_2021, client):
    page = ProgrammeReportPage.objects.live().get(cohort=cohort_2021)
    purge_page_cache()

    html = client.get(page.url).content.decode()

    assert "3.1 Impact: did the figures move?" in html
    assert "Kent County Council</th>" not in html
