"""A programme's outcome measures screen, through HTTP: the starter set, a
measure of its own, national and neighbour figures refused when impossible,
and 404 for another programme's facilitator."""
import datetime

from django.urls import reverse
from django.utils import timezone

from programme.models import Comparator, OutcomeMeasure
from programme.outcomes.measures import add_starter_measures, set_comparator


def url(programme):
    return reverse("programme_admin:outcome_measures", args=[programme.pk])


def test_the_starter_set_is_added_from_the_screen(world, login):
    client = login(world.facilitator)

    response = client.post(url(world.programme), {"action": "starter"}, follow=True)

    page = response.content.decode()
    assert "4 starter measures added." in page
    assert "Add the starter set" not in page  # nothing of it left to add
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


# --------------------------------------------------------------------------- one measure: change, remove, delete


def measure_url(measure):
    return reverse("programme_admin:outcome_measure", args=[measure.programme_id, measure.pk])


def test_the_list_links_each_measure_to_its_screen(measured, login):
    page = login(measured.facilitator).get(url(measured.programme)).content.decode()
    assert f'href="{measure_url(measured.eet)}"' in page


def test_a_measure_with_figures_can_be_renamed_but_keeps_its_unit_and_direction(measured, login):
    client = login(measured.facilitator)
    page = client.get(measure_url(measured.eet)).content.decode()
    assert "Organisations have sent 4 figures for it" in page
    assert page.count("Fixed: figures have been sent in it.") == 2  # unit and direction
    assert "---------" not in page

    # a hand-made post asking for another unit and direction: the disabled fields keep theirs
    response = client.post(measure_url(measured.eet), {
        "action": "save", "name": "EET, aged 19 to 21", "description": "As in the DfE return.",
        "unit": "count", "direction": "lower",
    })

    assert response.status_code == 302
    measured.eet.refresh_from_db()
    assert (measured.eet.name, measured.eet.unit, measured.eet.direction) == ("EET, aged 19 to 21", "percent", "higher")


def test_a_measure_without_figures_can_change_everything_and_be_deleted(measured, login):
    client = login(measured.facilitator)
    response = client.post(measure_url(measured.university), {
        "action": "save", "name": "Care leavers in higher education", "description": "",
        "unit": "percent", "direction": "higher",
    })
    assert response.status_code == 302
    measured.university.refresh_from_db()
    assert (measured.university.name, measured.university.unit) == ("Care leavers in higher education", "percent")

    response = client.post(measure_url(measured.university), {"action": "delete"}, follow=True)
    assert "Measure deleted: Care leavers in higher education." in response.content.decode()
    assert not OutcomeMeasure.objects.filter(pk=measured.university.pk).exists()


def test_a_measure_with_figures_cannot_be_deleted(measured, login):
    client = login(measured.facilitator)
    assert "It cannot be deleted" in client.get(measure_url(measured.neet)).content.decode()

    response = client.post(measure_url(measured.neet), {"action": "delete"}, follow=True)

    assert "Figures have been sent for this measure, so it cannot be deleted." in response.content.decode()
    assert OutcomeMeasure.objects.filter(pk=measured.neet.pk).exists()


def test_renaming_onto_another_measures_name_is_refused_beside_the_field(measured, login):
    response = login(measured.facilitator).post(measure_url(measured.university), {
        "action": "save", "name": measured.neet.name.upper(), "unit": "count", "direction": "higher",
        "description": "",
    })

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'id="id_name-error"' in page
    assert OutcomeMeasure.objects.get(pk=measured.university.pk).name == "Care leavers at university"


def test_a_comparator_typed_wrong_is_removed_and_only_this_measures(measured, other_world, login):
    national = Comparator.objects.get(measure=measured.eet, kind="national")
    theirs = set_comparator(measure=add_starter_measures(programme=other_world.programme)[0], kind="national",
                            refers_to=datetime.date(2021, 3, 31), value=1, source="theirs")
    client = login(measured.facilitator)

    for wrong in (theirs.pk, "abc", "99999999999999999999999", ""):
        response = client.post(measure_url(measured.eet), {"action": "remove_comparator", "comparator": wrong},
                               follow=True)
        assert "That figure was not found" in response.content.decode()
    assert Comparator.objects.filter(pk=theirs.pk).exists()

    response = client.post(measure_url(measured.eet), {"action": "remove_comparator", "comparator": national.pk},
                           follow=True)
    assert "Figure removed." in response.content.decode()
    assert not Comparator.objects.filter(pk=national.pk).exists()
    assert Comparator.objects.filter(measure=measured.eet, kind="neighbours").exists()


def test_another_programmes_measure_screen_is_404(measured, other_world, login):
    client = login(other_world.facilitator)
    assert client.get(measure_url(measured.eet)).status_code == 404
    assert client.post(measure_url(measured.university), {"action": "delete"}).status_code == 404
    assert OutcomeMeasure.objects.filter(pk=measured.university.pk).exists()
    # …and through its own programme's address with this measure's id
    theirs = reverse("programme_admin:outcome_measure", args=[other_world.programme.pk, measured.eet.pk])
    assert login(other_world.facilitator).get(theirs).status_code == 404
