"""A programme's outcome measures screen, through HTTP: the starter set, a
measure of its own, national and neighbour figures refused when impossible,
and 404 for another programme's facilitator."""
import datetime

from django.urls import reverse
from django.utils import timezone

from programme.models import Comparator, OutcomeMeasure


def url(programme):
    return reverse("programme_admin:outcome_measures", args=[programme.pk])


def test_the_starter_set_is_added_from_the_screen(world, login):
    client = login(world.facilitator)

    response = client.post(url(world.programme), {"action": "starter"}, follow=True)

    page = response.content.decode()
    assert "4 starter measures added." in page
    assert "Care leavers aged 19–21 in education, employment or training" in page
    assert OutcomeMeasure.objects.filter(programme=world.programme).count() == 4


def test_a_measure_the_goals_call_for_can_be_added(world, login):
    response = login(world.facilitator).post(url(world.programme), {
        "action": "measure", "measure-name": "Apprenticeship offers ring-fenced for care leavers",
        "measure-unit": "count", "measure-direction": "higher", "measure-description": "",
    })

    assert response.status_code == 302
    assert OutcomeMeasure.objects.get(programme=world.programme).name == \
        "Apprenticeship offers ring-fenced for care leavers"


def test_a_measure_without_a_unit_is_refused_beside_the_field(world, login):
    response = login(world.facilitator).post(url(world.programme), {
        "action": "measure", "measure-name": "Ring-fenced offers", "measure-direction": "higher",
    })

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'id="id_measure-unit-error"' in page
    assert "Say whether the measure is a percentage or a count." in page


def test_a_national_figure_is_recorded_with_its_source(measured, login):
    response = login(measured.facilitator).post(url(measured.programme), {
        "action": "comparator", "comparator-measure": measured.neet.pk, "comparator-kind": "national",
        "comparator-refers_to": "2021-03-31", "comparator-value": "39000", "comparator-source": "DfE 2021",
    }, follow=True)

    assert "National (England) figure recorded" in response.content.decode()
    assert Comparator.objects.get(measure=measured.neet).source == "DfE 2021"


def test_an_impossible_comparator_is_refused_beside_its_field(measured, login):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = login(measured.facilitator).post(url(measured.programme), {
        "action": "comparator", "comparator-measure": measured.eet.pk, "comparator-kind": "national",
        "comparator-refers_to": tomorrow, "comparator-value": "120", "comparator-source": "DfE",
    })

    assert response.status_code == 400
    page = response.content.decode()
    assert "A percentage cannot be more than 100." in page and 'id="id_comparator-value-error"' in page
    assert "cannot refer to a date in the future" in page


def test_another_programmes_measure_cannot_be_posted(measured, other_world, login):
    from programme.outcomes.measures import add_starter_measures
    theirs = add_starter_measures(programme=other_world.programme)[0]

    response = login(measured.facilitator).post(url(measured.programme), {
        "action": "comparator", "comparator-measure": theirs.pk, "comparator-kind": "national",
        "comparator-refers_to": "2021-03-31", "comparator-value": "50", "comparator-source": "DfE",
    })

    assert response.status_code == 400
    assert not Comparator.objects.filter(measure=theirs).exists()


def test_another_programmes_facilitator_gets_404(measured, other_world, login):
    client = login(other_world.facilitator)

    assert client.get(url(measured.programme)).status_code == 404
    assert client.post(url(measured.programme), {"action": "starter"}).status_code == 404
