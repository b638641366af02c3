"""The organisation directory and the theme library are shared by every
programme, and sharing must not let one programme change another's data or
reports: a facilitator may change an organisation or a theme only while no
other programme (and, for an organisation, no public page) uses it. Site
administrators may change any."""
import pytest
from django.urls import reverse

from programme.models import CodedStatement, LearningTheme, Organisation, Statement
from programme.permissions import may_change_organisation, may_change_theme
from tests.factories import OrganisationFactory, UserFactory
from tests.security.form_values import submit_form


@pytest.fixture
def coded(world, other_world):
    """A theme coded on one of `world`'s statements."""
    theme = LearningTheme.objects.create(name="Shared theme", kind="challenge", group="Shared group")
    statement = Statement.objects.create(
        reflection=world.a.reflections.create(kind="final_report", status="submitted"), section="challenges",
        text="Covid delayed our employer event",
    )
    CodedStatement.objects.create(statement=statement, theme=theme)
    return theme


def test_another_programmes_organisation_cannot_be_renamed(world, other_world, login):
    organisation = world.a.organisation
    client = login(other_world.facilitator)
    url = reverse("programme_organisation_modeladmin_edit", args=[organisation.pk])

    response = client.post(url, {"name": "Renamed by Y", "kind": organisation.kind})

    assert response.status_code in (302, 403)
    assert Organisation.objects.get(pk=organisation.pk).name == world.a.organisation.name
    assert not may_change_organisation(other_world.facilitator, organisation)


def test_an_organisation_only_this_programme_uses_can_be_renamed(world, login):
    client = login(world.facilitator)
    url = reverse("programme_organisation_modeladmin_edit", args=[world.a.organisation.pk])
    response = submit_form(client, url, {"name": "P County Council (renamed)"})
    assert response.status_code == 302
    assert Organisation.objects.get(pk=world.a.organisation.pk).name == "P County Council (renamed)"


def test_an_organisation_a_public_page_names_is_for_administrators(world, case_study_index):
    from tests.factories import add_case_study

    add_case_study(case_study_index, title="Drop-ins", organisations=[world.a.organisation])
    assert not may_change_organisation(world.facilitator, world.a.organisation)
    assert may_change_organisation(UserFactory(is_superuser=True), world.a.organisation)


def test_any_facilitator_may_add_to_the_directory(world):
    assert may_change_organisation(world.facilitator, Organisation(name="New Council"))
    assert may_change_organisation(world.facilitator, OrganisationFactory())  # used by nobody yet


def test_a_theme_another_programme_codes_with_cannot_be_renamed_retired_or_merged(
    world, other_world, coded, login
):
    client = login(other_world.facilitator)
    edit = client.post(reverse("programme_learningtheme_modeladmin_edit", args=[coded.pk]),
                       {"name": "Renamed by Y", "kind": "challenge", "retired": "on"})
    target = LearningTheme.objects.exclude(pk=coded.pk).first()
    merge = client.post(reverse("programme_admin:theme_merge", args=[coded.pk]),
                        {"target": target.pk, "confirm": "yes"})

    assert edit.status_code in (302, 403)
    assert merge.status_code == 403
    assert "is used by another programme" in merge.content.decode()
    coded.refresh_from_db()
    assert (coded.name, coded.retired, coded.merged_into) == ("Shared theme", False, None)
    assert not may_change_theme(other_world.facilitator, coded)


def test_the_programme_that_codes_with_a_theme_may_merge_it(world, coded, login):
    client = login(world.facilitator)
    target = LearningTheme.objects.exclude(pk=coded.pk).filter(retired=False).first()
    response = client.post(reverse("programme_admin:theme_merge", args=[coded.pk]),
                           {"target": target.pk, "confirm": "yes"})
    assert response.status_code == 302
    coded.refresh_from_db()
    assert coded.merged_into == target
