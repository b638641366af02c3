"""Adding a theme to the shared library without leaving the coding screen
(programme/learning/library.py add_theme, and "Add a theme" at the bottom of
the coding form): the ticks on the page are saved with it, or neither is."""
import re

import pytest
from django.contrib.messages import get_messages

from programme.enums import ThemeKind
from programme.learning.library import add_theme, theme_name_problem
from programme.models import LearningTheme
from tests.programme.learning.coding_helpers import codes, coding_url, save_form, theme


def new_theme(name, kind=ThemeKind.CHALLENGE, group=""):
    return {"new_theme-name": name, "new_theme-kind": kind.value if hasattr(kind, "value") else kind,
            "new_theme-group": group}


def field_errors(html, name):
    """The error messages beside a field of the new-theme form."""
    return re.findall(rf'<p class="error-message" id="id_new_theme-{name}-error">(.*?)</p>', html, flags=re.S)


# --------------------------------------------------------------------------- add_theme


def test_add_theme_tidies_the_name_and_puts_it_last_in_its_group(themes):
    added = add_theme(name="  Housing   costs ", kind=ThemeKind.CHALLENGE, group=" Challenges from the system ")

    assert (added.name, added.slug, added.group) == ("Housing costs", "housing-costs", "Challenges from the system")
    assert added.sort_order > themes["covid"].sort_order
    assert added.retired is False


@pytest.mark.parametrize("name, problem", [
    ("coding: FUNDING", "already has a theme called “Coding: funding”: tick it"),
    ("Coding: funding!", "already has a theme called “Coding: funding”"),  # the same address
    ("!!!", "letters or numbers"),
    ("   ", "letters or numbers"),
])
def test_add_theme_refuses_a_name_the_library_has(themes, name, problem):
    before = LearningTheme.objects.count()

    assert problem in theme_name_problem(name)
    with pytest.raises(ValueError, match=re.escape(problem)):
        add_theme(name=name, kind=ThemeKind.CHALLENGE)
    assert LearningTheme.objects.count() == before


def test_add_theme_says_when_the_name_is_a_retired_theme(db):
    theme("Old idea", retired=True)

    assert "“Old idea”, retired: bring it back" in theme_name_problem("old idea")


# --------------------------------------------------------------------------- from the coding screen


def test_adding_a_theme_saves_the_ticks_on_the_page_too(world, themes, client):
    statement = world.first[0]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {
        **save_form(world.first, {statement: [themes["covid"]]}),
        **new_theme("Housing costs", group="Challenges from the system"), "action": "add_theme",
        "focus": str(statement.pk),
    })

    assert response.status_code == 302
    assert response.url == coding_url(world.cohort) + f"#statement-{statement.pk}"
    added = LearningTheme.objects.get(name="Housing costs")
    assert (added.kind, added.group) == (ThemeKind.CHALLENGE, "Challenges from the system")
    assert codes(statement) == {"Coding: Covid restrictions"}
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        "Codes saved for 2 statements: 1 added, 0 removed.",
        "“Housing costs” is in the library: it is offered under “More themes” beside every statement.",
    ]
    # Offered beside every statement at once.
    html = client.get(response.url).content.decode()
    for other in (*world.first, *world.second):
        assert f'id="s{other.pk}-t{added.pk}"' in html


def test_save_codes_with_a_name_typed_adds_the_theme_too(world, themes, client):
    # Enter in the name field presses the form's first button, "Save codes".
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {**save_form(world.first, {}), **new_theme("Housing costs")})

    assert response.status_code == 302
    assert LearningTheme.objects.filter(name="Housing costs").exists()


def test_save_codes_with_no_name_typed_adds_no_theme(world, themes, client):
    client.force_login(world.facilitator)
    before = LearningTheme.objects.count()

    response = client.post(coding_url(world.cohort), {**save_form(world.first, {}), **new_theme("")})

    assert response.status_code == 302
    assert LearningTheme.objects.count() == before


def test_a_taken_name_saves_neither_the_theme_nor_the_ticks(world, themes, client):
    statement = world.first[0]
    client.force_login(world.facilitator)
    before = LearningTheme.objects.count()

    response = client.post(coding_url(world.cohort), {
        **save_form(world.first, {statement: [themes["covid"]]}), **new_theme("CODING: funding"), "action": "add_theme",
    })

    assert response.status_code == 400
    html = response.content.decode()
    assert field_errors(html, "name") == [
        "The library already has a theme called “Coding: funding”: tick it under “More themes”."
    ]
    assert "The theme was not added and the codes were not saved" in html
    assert LearningTheme.objects.count() == before
    assert codes(statement) == set()
    # Nothing typed or ticked is lost: the panel is open with the name, the box still ticked.
    assert '<details class="coding-new-theme" id="new-theme" open>' in html
    assert 'value="CODING: funding"' in html
    assert re.search(rf'id="s{statement.pk}-t{themes["covid"].pk}" checked', html)


def test_add_theme_with_no_name_says_so_beside_the_field(world, themes, client):
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {
        **save_form(world.first, {}), **new_theme(""), "action": "add_theme",
    })

    assert response.status_code == 400
    assert field_errors(response.content.decode(), "name") == ["Give the new theme a name."]


def test_add_theme_with_a_made_up_kind_is_refused(world, themes, client):
    client.force_login(world.facilitator)
    before = LearningTheme.objects.count()

    response = client.post(coding_url(world.cohort), {
        **save_form(world.first, {}), **new_theme("Housing costs", kind="villainy"), "action": "add_theme",
    })

    assert response.status_code == 400
    assert field_errors(response.content.decode(), "kind") == [
        "Select a valid choice. villainy is not one of the available choices."
    ]
    assert LearningTheme.objects.count() == before


def test_add_theme_from_a_page_with_no_statements(world, themes, client):
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort, q="nothing-matches"), {**new_theme("Housing costs"),
                                                                           "action": "add_theme"})

    assert response.status_code == 302
    assert LearningTheme.objects.filter(name="Housing costs").exists()


def test_add_theme_escapes_what_was_typed(world, themes, client):
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {
        **save_form(world.first, {}), **new_theme("<script>alert(1)</script>", group='"><img src=x onerror=alert(1)>'),
        "action": "add_theme",
    }, follow=True)

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert LearningTheme.objects.filter(name="<script>alert(1)</script>").exists()  # stored as typed, shown escaped


def test_another_programmes_facilitator_cannot_add_through_this_cohort(world, programme_y, themes, client):
    client.force_login(programme_y.facilitator)
    before = LearningTheme.objects.count()

    response = client.post(coding_url(world.cohort), {**new_theme("Housing costs"), "action": "add_theme"})

    assert response.status_code == 404
    assert LearningTheme.objects.count() == before
