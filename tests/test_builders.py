"""The test builders and factories themselves: every model has a factory that
makes a valid row, and the worlds are built as their docstrings say."""
import inspect

import factory
import pytest
from django.apps import apps

from tests import factories

# Models whose rows only the product makes (users come from UserFactory).
NOT_FACTORY_MADE = {"programme.User"}


def factory_models():
    found = {}
    for _name, value in inspect.getmembers(factories, inspect.isclass):
        if issubclass(value, factory.django.DjangoModelFactory) and value is not factory.django.DjangoModelFactory:
            model = value._meta.get_model_class()
            found[model._meta.label] = value
    return found


def test_every_programme_model_and_snippet_has_a_factory():
    wanted = {
        model._meta.label for model in apps.get_app_config("programme").get_models()
    } | {"resources.Topic", "resources.ResourceCategory"}
    missing = wanted - set(factory_models()) - NOT_FACTORY_MADE
    assert missing == set(), f"add a factory to tests/factories.py for {sorted(missing)}"


@pytest.mark.parametrize("label", sorted(factory_models()))
def test_each_factory_makes_a_valid_row(db, label):
    row = factory_models()[label]()
    row.full_clean(validate_unique=False)
    assert type(row).objects.filter(pk=row.pk).exists()


def test_two_programmes_are_built_apart(programme_x, programme_y):
    assert programme_x.cohort.programme != programme_y.cohort.programme
    assert len(programme_x.participants) == 6
    assert programme_x.facilitator in programme_x.programme.facilitators.all()
    assert programme_x.facilitator not in programme_y.programme.facilitators.all()


def test_a_portal_cohort_has_two_organisations_with_logins(world):
    assert {world.a_participant.user, world.a_participant2.user} == {world.a_user, world.a_user2}
    assert world.b_participant.membership == world.b
    assert world.past_session.starts_at < world.next_session.starts_at
