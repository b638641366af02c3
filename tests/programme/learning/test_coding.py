"""Coding statements into learning themes: saving codes (programme/coding.py),
the coding screen at /admin/peer-learning/cohorts/<id>/coding/ and the merge
screen at /admin/peer-learning/themes/<id>/merge/."""
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from programme.enums import GoalCategory, Section, SubmissionStatus
from programme.learning.coding import set_codes
from programme.models import CodedStatement, LearningTheme, OnePagePlan
from tests.factories import UserFactory
from tests.helpers import count_queries
from tests.programme.learning.coding_helpers import (
    codes,
    coding_url,
    reflection,
    save_form,
    statement_texts,
    theme,
)

SUBMITTED, DRAFT = SubmissionStatus.SUBMITTED, SubmissionStatus.DRAFT


def merge_url(source):
    return reverse("programme_admin:theme_merge", args=[source.pk])


# --------------------------------------------------------------------------- set_codes


def test_set_codes_replaces_the_codes_of_each_statement(world, themes):
    covid_statement, funding_statement = world.first
    CodedStatement.objects.create(statement=covid_statement, theme=themes["funding"])
    CodedStatement.objects.create(statement=covid_statement, theme=themes["senior"])

    counts = set_codes(
        cohort=world.cohort, user=world.facilitator,
        codes={covid_statement.pk: {themes["covid"].pk, themes["senior"].pk}, funding_statement.pk: {themes["funding"].pk}},
    )

    assert counts == {"added": 2, "removed": 1}
    assert codes(covid_statement) == {"Coding: Covid restrictions", "Coding: senior manager support"}
    assert codes(funding_statement) == {"Coding: funding"}
    added = CodedStatement.objects.get(statement=funding_statement)
    assert added.coded_by == world.facilitator


def test_set_codes_an_empty_set_clears_the_statement(world, themes):
    statement = world.first[0]
    CodedStatement.objects.create(statement=statement, theme=themes["covid"])

    counts = set_codes(cohort=world.cohort, codes={statement.pk: set()}, user=world.facilitator)

    assert counts == {"added": 0, "removed": 1}
    assert codes(statement) == set()


def test_set_codes_leaves_statements_not_listed_alone(world, themes):
    listed, unlisted = world.first
    CodedStatement.objects.create(statement=unlisted, theme=themes["funding"])

    set_codes(cohort=world.cohort, codes={listed.pk: {themes["covid"].pk}}, user=world.facilitator)

    assert codes(unlisted) == {"Coding: funding"}


def test_set_codes_another_cohorts_statement_saves_nothing(world, programme_y, themes):
    ours = world.first[0]
    theirs = reflection(programme_y.memberships[0], ["Y's statement"])[0]

    with pytest.raises(ValueError, match="not a submitted statement"):
        set_codes(
            cohort=world.cohort, user=world.facilitator,
            codes={ours.pk: {themes["covid"].pk}, theirs.pk: {themes["covid"].pk}},
        )

    assert CodedStatement.objects.count() == 0


def test_set_codes_a_draft_statement_is_refused(world, themes):
    draft = reflection(world.memberships[2], ["Still writing"], status=DRAFT)[0]

    with pytest.raises(ValueError):
        set_codes(cohort=world.cohort, codes={draft.pk: {themes["covid"].pk}}, user=world.facilitator)

    assert CodedStatement.objects.count() == 0


def test_set_codes_a_retired_theme_is_refused(world, themes):
    retired = theme("Coding: retired", retired=True)
    statement = world.first[0]

    with pytest.raises(ValueError, match="retired"):
        set_codes(cohort=world.cohort, codes={statement.pk: {themes["covid"].pk, retired.pk}}, user=world.facilitator)

    assert codes(statement) == set()


def test_set_codes_keeps_codings_on_retired_themes(world, themes):
    statement = world.first[0]
    retired = theme("Coding: retired", retired=True)
    CodedStatement.objects.create(statement=statement, theme=retired)

    set_codes(cohort=world.cohort, codes={statement.pk: {themes["covid"].pk}}, user=world.facilitator)

    assert codes(statement) == {"Coding: retired", "Coding: Covid restrictions"}


def test_set_codes_unknown_theme_is_refused(world):
    with pytest.raises(ValueError):
        set_codes(cohort=world.cohort, codes={world.first[0].pk: {999_999}}, user=world.facilitator)


# --------------------------------------------------------------------------- the coding screen


def test_coding_screen_shows_progress_and_every_submitted_statement(world, themes, client):
    CodedStatement.objects.create(statement=world.first[0], theme=themes["covid"])
    reflection(world.memberships[2], ["A draft nobody should code"], status=DRAFT)
    client.force_login(world.facilitator)

    response = client.get(coding_url(world.cohort))

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 of 3 statements coded" in html
    assert statement_texts(response) == [
        "Covid restrictions delayed our employer event", "No funding for travel", "Senior managers gave us time",
    ]
    assert "X Council 0" in html  # the organisation, for the facilitator
    assert "A draft nobody should code" not in html


def test_coding_screen_ticks_the_saved_codes(world, themes, client):
    statement = world.first[0]
    CodedStatement.objects.create(statement=statement, theme=themes["covid"])
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort)).content.decode()

    assert re.search(rf'value="{themes["covid"].pk}" id="s{statement.pk}-t{themes["covid"].pk}" checked', html)
    assert f'<input type="hidden" name="statement" value="{statement.pk}">' in html


def test_coding_screen_highlights_suggestions_without_ticking_them(world, themes, client):
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort)).content.decode()

    statement = world.first[0]  # "Covid restrictions delayed our employer event"
    box = re.search(rf'<label class="coding-theme coding-theme--suggested" for="s{statement.pk}-t(\d+)">(.*?)</label>',
                    html, flags=re.S)
    assert box is not None
    assert int(box.group(1)) == themes["covid"].pk
    assert "suggested" in box.group(2)
    assert " checked" not in box.group(2)


def test_coding_screen_filters_by_section(world, client):
    client.force_login(world.facilitator)

    response = client.get(coding_url(world.cohort, section=Section.ENABLERS.value))

    assert statement_texts(response) == ["Senior managers gave us time"]


def test_coding_screen_filters_by_organisation(world, client):
    client.force_login(world.facilitator)
    organisation = world.memberships[1].organisation

    response = client.get(coding_url(world.cohort, organisation=organisation.pk))

    assert statement_texts(response) == ["Senior managers gave us time"]


def test_coding_screen_filters_coded_and_uncoded(world, themes, client):
    CodedStatement.objects.create(statement=world.first[1], theme=themes["funding"])
    client.force_login(world.facilitator)

    uncoded = client.get(coding_url(world.cohort, status="uncoded"))
    coded = client.get(coding_url(world.cohort, status="coded"))

    assert statement_texts(uncoded) == ["Covid restrictions delayed our employer event", "Senior managers gave us time"]
    assert statement_texts(coded) == ["No funding for travel"]
    assert "1 of 3 statements coded" in uncoded.content.decode()  # the progress is the cohort's, not the filter's


def test_coding_screen_ignores_a_hand_edited_filter(world, programme_y, client):
    client.force_login(world.facilitator)
    someone_elses = programme_y.memberships[0].organisation

    response = client.get(coding_url(world.cohort, organisation=someone_elses.pk, section="nonsense"))

    assert response.status_code == 200
    assert len(statement_texts(response)) == 3
    assert "Select a valid choice" in response.content.decode()


def test_coding_screen_pages_fifty_statements_keeping_the_filters(world, client):
    reflection(world.memberships[2], [f"Statement {n:03}" for n in range(60)])
    client.force_login(world.facilitator)

    first = client.get(coding_url(world.cohort, status="uncoded"))
    second = client.get(coding_url(world.cohort, status="uncoded", page=2))

    assert len(statement_texts(first)) == 50
    assert len(statement_texts(second)) == 13
    html = first.content.decode()
    assert "Page 1 of 2" in html
    # Moving to another page is a button of the form: it saves the page first.
    assert '<button type="submit" name="go" value="next" class="button button-secondary">Save and go to page 2</button>' in html
    assert 'name="go" value="previous"' not in html
    assert "Statements 1 to 50 of 63" in html
    assert 'name="go" value="previous"' in second.content.decode()


def test_coding_screen_save_codes_the_page(world, themes, client):
    covid_statement, funding_statement = world.first
    senior_statement = world.second[0]
    CodedStatement.objects.create(statement=senior_statement, theme=themes["funding"])
    client.force_login(world.facilitator)
    url = coding_url(world.cohort, section=Section.CHALLENGES.value)

    response = client.post(url, save_form(
        [covid_statement, funding_statement],
        {covid_statement: [themes["covid"]], funding_statement: [themes["funding"], themes["covid"]]},
    ))

    assert response.status_code == 302
    assert response.url == url
    assert codes(covid_statement) == {"Coding: Covid restrictions"}
    assert codes(funding_statement) == {"Coding: funding", "Coding: Covid restrictions"}
    assert codes(senior_statement) == {"Coding: funding"}  # not on the page: untouched
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        "Codes saved for 2 statements: 3 added, 0 removed."
    ]
    assert "3 of 3 statements coded" in client.get(url).content.decode()


def test_coding_screen_unticking_everything_clears_the_codes(world, themes, client):
    statement = world.first[0]
    CodedStatement.objects.create(statement=statement, theme=themes["covid"])
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), save_form([statement], {}))

    assert response.status_code == 302
    assert codes(statement) == set()


def test_coding_screen_another_cohorts_statement_saves_nothing(world, programme_y, themes, client):
    ours = world.first[0]
    theirs = reflection(programme_y.memberships[0], ["Y's statement"])[0]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), save_form(
        [ours, theirs], {ours: [themes["covid"]], theirs: [themes["covid"]]},
    ))

    assert response.status_code == 400
    assert CodedStatement.objects.count() == 0
    html = response.content.decode()
    assert "nothing was saved" in html
    assert "Y&#x27;s statement" not in html and "Y's statement" not in html
    # The facilitator's ticks on their own statement are still on the page.
    assert re.search(rf'id="s{ours.pk}-t{themes["covid"].pk}" checked', html)


def test_coding_screen_theme_retired_while_the_page_was_open_saves_nothing(world, themes, client):
    statement = world.first[0]
    client.force_login(world.facilitator)
    LearningTheme.objects.filter(pk=themes["funding"].pk).update(retired=True)

    response = client.post(coding_url(world.cohort), save_form(
        [statement], {statement: [themes["covid"], themes["funding"]]},
    ))

    assert response.status_code == 400
    assert codes(statement) == set()
    html = response.content.decode()
    assert "retired or merged into another since the page was opened" in html
    assert re.search(rf'id="s{statement.pk}-t{themes["covid"].pk}" checked', html)
    assert f'id="s{statement.pk}-t{themes["funding"].pk}"' not in html


def test_coding_screen_codes_for_a_statement_not_on_the_page_save_nothing(world, themes, client):
    listed, unlisted = world.first
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {
        "statement": [listed.pk], f"codes-{listed.pk}": [themes["covid"].pk], f"codes-{unlisted.pk}": [themes["covid"].pk],
    })

    assert response.status_code == 400
    assert CodedStatement.objects.count() == 0


def test_coding_screen_unknown_cohort_is_404(world, client):
    client.force_login(world.facilitator)

    assert client.get(reverse("programme_admin:coding", args=[999_999])).status_code == 404


def test_coding_screen_other_programmes_facilitator_is_denied(world, programme_y, themes, client):
    client.force_login(programme_y.facilitator)
    statement = world.first[0]

    page = client.get(coding_url(world.cohort))
    post = client.post(coding_url(world.cohort), save_form([statement], {statement: [themes["covid"]]}))
    ajax = client.get(coding_url(world.cohort), headers={"x-requested-with": "XMLHttpRequest"})

    assert page.status_code == 404
    assert post.status_code == 404
    assert ajax.status_code == 404
    assert CodedStatement.objects.count() == 0


def test_coding_screen_anonymous_redirects_to_login(world, client):
    response = client.get(coding_url(world.cohort))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_coding_screen_escapes_statement_text(world, client):
    reflection(world.memberships[2], [
        '<script>alert("x")</script>Hostile <img src=x onerror=alert(1)> text <b onclick="evil()">bold</b>',
    ])
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort)).content.decode()

    assert "Hostile" in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror" not in html
    assert "onclick" not in html


def test_coding_screen_shows_goal_categories(world, client):
    one, two, three = world.memberships
    OnePagePlan.objects.create(membership=one, status=SUBMITTED, goal_category=GoalCategory.EXTERNAL)
    OnePagePlan.objects.create(membership=two, status=SUBMITTED, goal_category=GoalCategory.EXTERNAL)
    OnePagePlan.objects.create(membership=three, status=DRAFT, goal_category=GoalCategory.YOUNG_PEOPLE)
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort)).content.decode()

    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html))
    assert rows == {
        "External / employer facing": "2",
        "Internal / LA as employer or corporate parent": "0",
        "Young people facing": "0",
    }


def test_coding_screen_queries_do_not_grow_with_statements(world, themes, client):
    client.force_login(world.facilitator)
    few = world.memberships[2]
    statements = reflection(few, [f"Few {n}" for n in range(5)])
    CodedStatement.objects.bulk_create(CodedStatement(statement=s, theme=themes["covid"]) for s in statements)
    url = coding_url(world.cohort, organisation=few.organisation.pk)
    with_five = count_queries(client, url)

    more = reflection(few, [f"More {n}" for n in range(35)], section=Section.ENABLERS)
    CodedStatement.objects.bulk_create(CodedStatement(statement=s, theme=themes["senior"]) for s in more)
    with_forty = count_queries(client, url)

    assert len(statement_texts(client.get(url))) == 40
    assert with_five == with_forty


def test_cohort_list_links_to_the_coding_screen(world, client):
    client.force_login(world.facilitator)

    html = client.get(reverse("programme_cohort_modeladmin_index")).content.decode()

    assert coding_url(world.cohort) in html
    assert "Code themes" in html


# --------------------------------------------------------------------------- merging themes


def test_merge_screen_offers_other_active_themes(world, themes, client):
    retired = theme("Coding: old retired theme", retired=True)
    client.force_login(world.facilitator)

    html = client.get(merge_url(themes["covid"])).content.decode()

    assert f'<option value="{themes["funding"].pk}">Coding: funding</option>' in html
    assert f'value="{themes["covid"].pk}"' not in html
    assert f'value="{retired.pk}"' not in html


def test_merge_screen_asks_to_confirm_before_merging(world, themes, client):
    CodedStatement.objects.create(statement=world.first[0], theme=themes["covid"])
    client.force_login(world.facilitator)

    response = client.post(merge_url(themes["covid"]), {"target": themes["funding"].pk})

    assert response.status_code == 200
    assert "Yes, merge the themes" in response.content.decode()
    assert codes(world.first[0]) == {"Coding: Covid restrictions"}
    themes["covid"].refresh_from_db()
    assert themes["covid"].retired is False


def test_merge_screen_moves_codes_without_duplicates_and_retires_the_source(world, themes, client):
    both, only_covid = world.first
    for statement, names in ((both, ["covid", "funding"]), (only_covid, ["covid"])):
        for name in names:
            CodedStatement.objects.create(statement=statement, theme=themes[name])
    client.force_login(world.facilitator)

    response = client.post(merge_url(themes["covid"]), {"target": themes["funding"].pk, "confirm": "yes"})

    assert response.status_code == 302
    assert response.url == reverse("programme_learningtheme_modeladmin_index")
    assert codes(both) == {"Coding: funding"}
    assert codes(only_covid) == {"Coding: funding"}
    assert CodedStatement.objects.filter(theme=themes["funding"]).count() == 2
    themes["covid"].refresh_from_db()
    assert (themes["covid"].retired, themes["covid"].merged_into) == (True, themes["funding"])
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        "“Coding: Covid restrictions” merged into “Coding: funding”: 1 coding moved "
        "(1 statement already had “Coding: funding”). “Coding: Covid restrictions” is now retired."
    ]


def test_merge_screen_refuses_a_retired_target(world, themes, client):
    retired = theme("Coding: old retired theme", retired=True)
    client.force_login(world.facilitator)

    response = client.post(merge_url(themes["covid"]), {"target": retired.pk, "confirm": "yes"})

    assert response.status_code == 400
    assert "Choose a theme from the list" in response.content.decode()
    themes["covid"].refresh_from_db()
    assert themes["covid"].retired is False


def test_merge_screen_refuses_to_merge_a_retired_theme(world, themes, client):
    retired = theme("Coding: old retired theme", retired=True, merged_into=themes["funding"])
    client.force_login(world.facilitator)

    page = client.get(merge_url(retired))
    response = client.post(merge_url(retired), {"target": themes["covid"].pk, "confirm": "yes"})

    assert "merged into “Coding: funding”" in page.content.decode()
    assert response.status_code == 400
    retired.refresh_from_db()
    assert retired.merged_into == themes["funding"]


def test_merge_screen_is_for_facilitators_only(world, themes, client):
    editor = UserFactory(username="editor", is_superuser=False)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.post(merge_url(themes["covid"]), {"target": themes["funding"].pk, "confirm": "yes"})

    assert response.status_code == 404
    themes["covid"].refresh_from_db()
    assert themes["covid"].retired is False


def test_merge_screen_unknown_theme_is_404(world, client):
    client.force_login(world.facilitator)

    assert client.get(reverse("programme_admin:theme_merge", args=[999_999])).status_code == 404


def test_theme_list_has_merge_buttons_and_no_delete(world, themes, client):
    client.force_login(world.facilitator)

    html = client.get(reverse("programme_learningtheme_modeladmin_index")).content.decode()
    delete = client.get(reverse("programme_learningtheme_modeladmin_delete", args=[themes["covid"].pk]))

    assert merge_url(themes["covid"]) in html
    assert "Merge…" in html
    assert delete.status_code in (302, 403)
    assert LearningTheme.objects.filter(pk=themes["covid"].pk).exists()
