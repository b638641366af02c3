"""A cohort with two organisations, A and B, each with participants who can
log in; a facilitator; and a second cohort (programme Y) whose participant
must never see anything of the first. Sessions are placed around *now*: one
has been held, one is coming up."""
import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
    UserFactory,
)
from tests.programme.conftest import make_facilitator

PASSWORD = "correct-horse-battery"  # the UserFactory's password


def _add_session(cohort, *, days, title, **fields):
    """A session of `cohort` starting `days` from now (negative: already held)."""
    starts = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return ProgrammeSessionFactory(
        cohort=cohort, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields
    )


def participant_with_login(membership, username, name):
    user = UserFactory(username=username, first_name=name)
    participant = ParticipantFactory(membership=membership, name=name, email=f"{username}@council.example.org",
                                     user=user)
    return user, participant


def build_cohort(label, *, sessions=True):
    facilitator = make_facilitator(f"facilitator_{label.lower()}")
    programme = ProgrammeFactory(title=f"Employment programme {label}")
    programme.facilitators.add(facilitator)
    now = timezone.now()
    cohort = CohortFactory(
        programme=programme, name=f"Cohort {label}",
        plan_deadline=now + datetime.timedelta(days=30), report_deadline=now + datetime.timedelta(days=90),
    )
    a = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} County Council"))
    b = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} Borough Council"))
    a_user, a_participant = participant_with_login(a, f"{label.lower()}_alice", "Alice")
    a_user2, a_participant2 = participant_with_login(a, f"{label.lower()}_amir", "Amir")
    b_user, b_participant = participant_with_login(b, f"{label.lower()}_bea", "Bea")
    world = SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, a=a, b=b,
        a_user=a_user, a_user2=a_user2, b_user=b_user,
        a_participant=a_participant, a_participant2=a_participant2, b_participant=b_participant,
    )
    if sessions:
        world.past_session = _add_session(cohort, days=-14, title=f"{label} workshop 1: the local economy", number=1)
        world.next_session = _add_session(
            cohort, days=7, title=f"{label} workshop 2: the world of work", number=2,
            join_url=f"https://meet.example.org/{label.lower()}-secret-room",
            agenda="Reflections on progress\nCase study and questions",
        )
    return world


@pytest.fixture
def world(db):
    return build_cohort("P")


@pytest.fixture
def other_world(db):
    """Another programme's cohort: its participants are strangers to `world`."""
    return build_cohort("Y")


@pytest.fixture
def login(client):
    """login(user) logs `user` into the test client and returns the client."""
    def _login(user):
        client.force_login(user)
        return client
    return _login


@pytest.fixture
def make_client(db):
    """A fresh, separate browser for each person (for two people at once)."""
    from django.test import Client

    def _make(user=None):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c
    return _make


def _plan_data(**overrides):
    """A complete plan as a form posts it."""
    data = {
        "issue": "Few care leavers find work in local construction, a sector with a skills shortage.",
        "goal": "Increase care leaver employment in the local construction industry.",
        "goal_category": "external",
        "success": "13 apprenticeship offers identified; five young people in work by December.",
        "first_actions": "Meet the construction partner; brief personal advisers.",
        "team": "Leaving care team manager; HR apprenticeship lead.",
        "version": "1",
    }
    data.update(overrides)
    return data


def _report_data(**overrides):
    """A complete one-page report as its form posts it (bullets as pasted from Word)."""
    data = {
        "progress": "• Built relationships with local organisations\n• Identified 13 apprenticeship offers",
        "challenges": "Covid delayed a live event with employers",
        "enablers": "Starting with a focused project",
        "next": "Develop a career map for UASC young people",
        "version": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def add_session():
    """add_session(cohort, days=…, title=…): a session `days` from now."""
    return _add_session


@pytest.fixture
def plan_data():
    """plan_data(**overrides): a complete plan, as its form posts it."""
    return _plan_data


@pytest.fixture
def report_data():
    """report_data(**overrides): a complete one-page report, as its form posts it."""
    return _report_data
