"""The demo's 1-1 conversations, action learning sets and directors' briefing:
the overview and the published report say what the 2021 programme did."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from programme.enums import SessionKind
from programme.models import BriefingContact, Cohort, SessionPlace
from tests.demo.conftest import load_demo

pytestmark = pytest.mark.demo

APPROACH = "Between the sessions the programme also offered eight 1-1 conversations and two action learning sets."
BRIEFING = "7 of 10 councils had a director at the briefing"


@pytest.fixture
def cohort_2021(demo):
    return Cohort.objects.get(name="2021 cohort")


def test_demo_has_eight_1_1s_each_for_one_council_and_two_action_learning_sets(cohort_2021):
    one_to_ones = cohort_2021.sessions.filter(kind=SessionKind.ONE_TO_ONE)
    assert one_to_ones.count() == 8
    assert all(session.places.count() == 1 for session in one_to_ones)
    sets = cohort_2021.sessions.filter(kind=SessionKind.ACTION_LEARNING)
    assert [session.places.count() for session in sets] == [5, 5]
    # Between the first and the third workshop, as the 2021 report says.
    workshops = {s.number: s.starts_at for s in cohort_2021.sessions.filter(kind=SessionKind.WORKSHOP)}
    for session in [*one_to_ones, *sets]:
        assert workshops[1] < session.starts_at < workshops[3], session


def test_demo_briefing_has_a_contact_per_council(cohort_2021):
    assert BriefingContact.objects.filter(membership__cohort=cohort_2021).count() == 10


def test_demo_overview_says_how_many_councils_had_a_director_at_the_briefing(cohort_2021, client):
    client.force_login(get_user_model().objects.get(username="facilitator"))
    response = client.get(reverse("programme_admin:cohort_overview", args=[cohort_2021.pk]))
    assert response.status_code == 200
    assert BRIEFING in response.content.decode()


def test_demo_published_report_counts_the_1_1s_and_the_briefing(cohort_2021, client):
    page = client.get("/programme-reports/peer-learning-2021-report/").content.decode()
    assert APPROACH in page
    assert f"{BRIEFING}." in page


def test_loading_the_demo_again_adds_no_1_1s_places_or_contacts(cohort_2021):
    before = (cohort_2021.sessions.count(), SessionPlace.objects.count(), BriefingContact.objects.count())
    load_demo()
    assert (cohort_2021.sessions.count(), SessionPlace.objects.count(), BriefingContact.objects.count()) == before
