"""The programme's learning screen across cohorts shows the outcome
measures cohort by cohort (programme/outcomes/impact.py: programme_outcomes)."""
from django.urls import reverse

from programme.enums import ReturnPoint
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory
from tests.programme.outcomes.conftest import MARCH_2022, send


def test_learning_screen_shows_each_measure_by_cohort(measured, login):
    later = CohortFactory(programme=measured.programme, name="Cohort P 2022")
    newcomer = MembershipFactory(cohort=later, organisation=OrganisationFactory(name="P District Council"))
    send(newcomer, measured.eet, ReturnPoint.BASELINE, "40")
    send(newcomer, measured.eet, ReturnPoint.END, "45", MARCH_2022)

    response = login(measured.facilitator).get(
        reverse("programme_admin:programme_learning", args=[measured.programme.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index('id="outcomes-heading"'):]
    section = section[:section.index("</section>")]
    row = section[section.index(measured.eet.name):]
    row = row[:row.index("</tr>")]
    assert row.index("1 of 2 improved; median change +1.0 points") < row.index("1 of 1 improved; median change "
                                                                              "+5.0 points")
    assert "No figures yet" in section  # apprenticeships, university


def test_learning_screen_of_another_programme_is_404(measured, other_world, login):
    url = reverse("programme_admin:programme_learning", args=[measured.programme.pk])

    assert login(other_world.facilitator).get(url).status_code == 404
