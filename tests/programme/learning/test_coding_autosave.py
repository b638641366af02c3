"""Saving as the facilitator goes: the coding screen's script posts one
statement each time its ticks change to
/admin/peer-learning/cohorts/<id>/coding/save/ (views_coding.coding_save),
which answers in JSON. The script itself is driven in Chromium by
tests/browser/test_browser_coding.py."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import CodedStatement, LearningTheme
from tests.programme.learning.coding_helpers import codes, reflection, save_form, theme


def save_url(cohort):
    return reverse("programme_admin:coding_save", args=[cohort.pk])


def test_autosave_saves_one_statement_and_answers_with_the_progress(world, themes, client):
    covid_statement, funding_statement = world.first
    CodedStatement.objects.create(statement=funding_statement, theme=themes["funding"])
    client.force_login(world.facilitator)

    response = client.post(save_url(world.cohort), save_form([covid_statement], {covid_statement: [themes["covid"]]}))

    assert response.status_code == 200
    assert response.json() == {
        "saved": [covid_statement.pk], "coded": [covid_statement.pk], "added": 1, "removed": 0,
        "progress": {"coded": 2, "total": 3, "text": "2 of 3 statements coded"},
    }
    assert codes(covid_statement) == {"Coding: Covid restrictions"}
    assert codes(funding_statement) == {"Coding: funding"}  # not posted: untouched
    assert CodedStatement.objects.get(statement=covid_statement).coded_by == world.facilitator


def test_autosave_unticking_the_last_box_uncodes_the_statement(world, themes, client):
    statement = world.first[0]
    CodedStatement.objects.create(statement=statement, theme=themes["covid"])
    client.force_login(world.facilitator)

    answer = client.post(save_url(world.cohort), save_form([statement], {})).json()

    assert (answer["coded"], answer["removed"], answer["progress"]["coded"]) == ([], 1, 0)
    assert codes(statement) == set()


def test_autosave_counts_a_statement_coded_only_with_a_retired_theme_as_coded(world, themes, client):
    # As the screen's "coded" filter and progress do: the coding is history, kept.
    statement = world.first[0]
    CodedStatement.objects.create(statement=statement, theme=theme("Coding: retired", retired=True))
    client.force_login(world.facilitator)

    answer = client.post(save_url(world.cohort), save_form([statement], {})).json()

    assert answer["coded"] == [statement.pk]
    assert codes(statement) == {"Coding: retired"}


def test_autosave_refuses_another_cohorts_statement_and_saves_nothing(world, programme_y, themes, client):
    theirs = reflection(programme_y.memberships[0], ["Y's statement"])[0]
    client.force_login(world.facilitator)

    response = client.post(save_url(world.cohort), save_form([theirs], {theirs: [themes["covid"]]}))

    assert response.status_code == 400
    assert "not a submitted statement of Cohort X" in response.json()["error"]
    assert "Y's statement" not in response.content.decode()
    assert CodedStatement.objects.count() == 0


def test_autosave_refuses_a_theme_retired_since_the_page_was_opened(world, themes, client):
    statement = world.first[0]
    LearningTheme.objects.filter(pk=themes["funding"].pk).update(retired=True)
    client.force_login(world.facilitator)

    response = client.post(save_url(world.cohort), save_form([statement], {statement: [themes["funding"]]}))

    assert response.status_code == 400
    assert "retired or merged" in response.json()["error"]
    assert codes(statement) == set()


def test_autosave_refuses_a_form_that_is_not_the_screens(world, themes, client):
    statement = world.first[0]
    client.force_login(world.facilitator)

    for data in ({}, {"statement": "x"}, {"statement": statement.pk, "codes-999999": themes["covid"].pk},
                 {"statement": statement.pk, f"codes-{statement.pk}": "not-a-number"}):
        response = client.post(save_url(world.cohort), data)
        assert response.status_code == 400, data
        assert response.json()["error"]
    assert CodedStatement.objects.count() == 0


def test_autosave_is_post_only(world, client):
    client.force_login(world.facilitator)

    assert client.get(save_url(world.cohort)).status_code == 405


def test_autosave_for_another_programmes_cohort_is_404_and_saves_nothing(world, programme_y, themes, client):
    statement = world.first[0]
    client.force_login(programme_y.facilitator)

    response = client.post(save_url(world.cohort), save_form([statement], {statement: [themes["covid"]]}))

    assert response.status_code == 404
    assert CodedStatement.objects.count() == 0


def test_autosave_anonymous_is_sent_to_the_login(world, themes, client):
    statement = world.first[0]

    response = client.post(save_url(world.cohort), save_form([statement], {statement: [themes["covid"]]}))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert CodedStatement.objects.count() == 0


def test_autosave_queries_do_not_grow_with_the_statements_sent(world, themes, client):
    client.force_login(world.facilitator)
    url = save_url(world.cohort)

    def queries(statements):
        data = save_form(statements, {statement: [themes["covid"], themes["funding"]] for statement in statements})
        with CaptureQueriesContext(connection) as context:
            assert client.post(url, data).status_code == 200
        return len(context.captured_queries)

    one = queries(world.first[:1])
    forty = queries(reflection(world.memberships[2], [f"Line {n}" for n in range(40)]))

    assert one == forty
