"""Two programmes side by side, each with its facilitator, a cohort of three
organisations with two participants each, and two sessions. Tests use
programme Y to prove nothing of X leaks to Y's facilitator and back."""
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from programme.permissions import FACILITATORS_GROUP
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
    UserFactory,
)


def make_facilitator(username):
    from programme.permissions import ensure_facilitator_group

    ensure_facilitator_group()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=FACILITATORS_GROUP))
    return user


def build_programme(label, *, organisations=3, participants_each=2, sessions=2):
    facilitator = make_facilitator(f"facilitator_{label}")
    programme = ProgrammeFactory(title=f"Programme {label}")
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name=f"Cohort {label}")
    memberships = [
        MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} Council {n}"))
        for n in range(organisations)
    ]
    people = [
        ParticipantFactory(membership=m, name=f"{label} person {i}-{j}")
        for i, m in enumerate(memberships)
        for j in range(participants_each)
    ]
    session_list = [ProgrammeSessionFactory(cohort=cohort, title=f"{label} workshop {n + 1}", number=n + 1)
                    for n in range(sessions)]
    return SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, memberships=memberships,
        participants=people, sessions=session_list,
    )


@pytest.fixture
def programme_x(db):
    return build_programme("X")


@pytest.fixture
def programme_y(db):
    return build_programme("Y")


@pytest.fixture
def facilitator_client(client):
    """Log a facilitator into a fresh client: facilitator_client(user)."""
    def login(user):
        client.force_login(user)
        return client
    return login
