"""The portal's outcome figures (programme/portal/views_outcomes.py), through
HTTP: an organisation sends and corrects its own figures, impossible ones are
refused beside their field, and nobody sees another organisation's."""
import datetime
import html
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from programme.enums import ReturnPoint
from programme.models import OutcomeReturn

OVERVIEW = "/portal/outcomes/"


def form_url(point):
    return reverse("portal:outcomes_return", args=[point])


def post_figure(client, measure, point="baseline", value="", refers_to="2021-03-31", note=""):
    return client.post(form_url(point), {
        f"value_{measure.pk}": value, f"refers_to_{measure.pk}": refers_to, f"note_{measure.pk}": note,
    })


def test_overview_shows_the_organisations_own_figures_and_not_another_organisations(measured, login):
    page = login(measured.a_user).get(OVERVIEW).content.decode()

    assert "59.6%" in page and "63.0%" in page and "40" in page
    assert "50.0%" not in page and "48.5%" not in page  # P Borough's figures


def test_the_form_refuses_a_percentage_over_100_beside_the_field_and_saves_nothing(measured, login):
    before = OutcomeReturn.objects.count()

    response = post_figure(login(measured.a_user), measured.eet, value="104", refers_to="2021-03-31")

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    error = f'id="id_value_{measured.eet.pk}_error"'
    assert error in page and "A percentage cannot be more than 100." in page
    assert page.index(error) < page.index(f'name="value_{measured.eet.pk}"')  # said beside the field
    assert 'value="104"' in page  # what they typed is kept
    assert OutcomeReturn.objects.count() == before


def test_the_form_refuses_a_negative_count(measured, login):
    response = post_figure(login(measured.a_user), measured.neet, value="-3")

    assert response.status_code == 400
    assert "A count of young people cannot be negative." in response.content.decode()


def test_the_form_refuses_a_figure_dated_in_the_future(measured, login):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = post_figure(login(measured.a_user), measured.university, value="7", refers_to=tomorrow)

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_refers_to_{measured.university.pk}_error"' in page
    assert "cannot refer to a date in the future" in page


def test_the_form_needs_the_date_a_figure_refers_to(measured, login):
    response = post_figure(login(measured.a_user), measured.university, value="7", refers_to="")

    assert response.status_code == 400
    assert "Give the date the figure refers to." in response.content.decode()


def test_a_figure_is_saved_with_its_date_note_and_author(measured, login):
    client = login(measured.a_user)

    response = post_figure(client, measured.university, value="7", refers_to="2021-03-31",
                           note="From the leaving care team's caseload")

    assert response.status_code == 302 and response["Location"] == OVERVIEW
    row = OutcomeReturn.objects.get(membership=measured.a, measure=measured.university)
    assert (row.value, row.refers_to, row.note, row.entered_by) == (
        Decimal("7"), datetime.date(2021, 3, 31), "From the leaving care team's caseload", measured.a_user)
    assert "1 figure saved" in client.get(OVERVIEW).content.decode()


def test_a_late_correction_keeps_the_earlier_figure_in_the_history(measured, login):
    client = login(measured.a_user)
    form = client.get(form_url("baseline")).content.decode()
    assert f'name="value_{measured.eet.pk}" value="59.6"' in form  # the current figure, to correct

    post_figure(client, measured.eet, value="58.9", refers_to="2021-03-31", note="Recounted")

    page = client.get(OVERVIEW).content.decode()
    assert "58.9%" in page
    assert "Earlier figures (1)" in page and "59.6% as at 31 March 2021" in page
    assert list(OutcomeReturn.objects.filter(membership=measured.a, measure=measured.eet, point="baseline")
                .order_by("pk").values_list("value", flat=True)) == [Decimal("59.6"), Decimal("58.9")]


def test_saving_the_form_unchanged_records_nothing(measured, login):
    """What the form shows (each input's value attribute) posted back as it is."""
    client = login(measured.a_user)
    before = OutcomeReturn.objects.count()
    page = client.get(form_url("end")).content.decode()
    data = dict(re.findall(r'<input type="text" name="([a-z_0-9]+)" value="([^"]*)"', page))
    data.update({name: html.unescape(text.strip()) for name, text in
                 re.findall(r'<textarea name="([a-z_0-9]+)"[^>]*>(.*?)</textarea>', page, re.S)})
    assert data[f"refers_to_{measured.eet.pk}"] == "31/03/2022"  # as a UK date, as the hint says

    response = client.post(form_url("end"), data)

    assert response.status_code == 302
    assert OutcomeReturn.objects.count() == before


def test_a_uk_date_is_accepted(measured, login):
    post_figure(login(measured.a_user), measured.university, value="7", refers_to="31/03/2021")

    assert OutcomeReturn.objects.get(measure=measured.university).refers_to == datetime.date(2021, 3, 31)


def test_a_posted_measure_of_another_programme_is_ignored(measured, other_world, login):
    from programme.outcomes.measures import add_starter_measures
    theirs = add_starter_measures(programme=other_world.programme)[0]

    post_figure(login(measured.a_user), theirs, value="10")

    assert not OutcomeReturn.objects.filter(measure=theirs).exists()


def test_the_follow_up_form_is_not_found_until_its_date_is_set(measured, login):
    client = login(measured.a_user)
    assert client.get(form_url(ReturnPoint.FOLLOW_UP)).status_code == 404
    assert client.get(form_url("anything")).status_code == 404

    measured.cohort.outcomes_follow_up_on = datetime.date(2022, 9, 1)
    measured.cohort.save()

    response = client.get(form_url(ReturnPoint.FOLLOW_UP))
    assert response.status_code == 200 and "Follow-up (1 September 2022)" in response.content.decode()


def test_another_programmes_participant_sees_none_of_these_figures(measured, other_world, login):
    client = login(other_world.a_user)

    page = client.get(OVERVIEW).content.decode()
    assert "59.6" not in page and "not set up the programme's outcome measures" in page
    assert "59.6" not in client.get(form_url("baseline")).content.decode()


def test_the_portal_figures_need_a_login_and_are_never_stored_by_a_browser(measured, client, login):
    assert client.get(OVERVIEW).status_code == 302
    response = login(measured.a_user).get(OVERVIEW)
    assert response["Cache-Control"] == "private, no-store"
