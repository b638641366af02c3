"""The portal's feedback form for one session (/portal/sessions/<id>/feedback/),
distinct from the feedback on the whole programme (/portal/feedback/)."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from programme.enums import SessionKind, SessionStatus
from programme.models import Presentation, SessionFeedback, SessionPlace
from programme.notifications.messages import send_follow_up
from tests.builders import add_session
from tests.factories import ParticipantFactory, add_resource


def _url(session):
    return f"/portal/sessions/{session.pk}/feedback/"


VALID = {"rating": "4", "useful": "The employer's story", "better": "A longer break"}


def test_dashboard_asks_for_feedback_on_held_sessions_not_yet_answered(login, world):
    client = login(world.a_user)
    shown = client.get("/portal/").content.decode()
    assert "Tell us how session 1 went" in shown and _url(world.past_session) in shown
    # Not for the session still to come.
    assert _url(world.next_session) not in shown

    client.post(_url(world.past_session), VALID)
    assert "Tell us how session 1 went" not in client.get("/portal/").content.decode()


def test_feedback_form_saves_and_thanks(login, world):
    client = login(world.a_user)
    form = client.get(_url(world.past_session)).content.decode()
    assert "<h1>Tell us how session 1 went</h1>" in form
    assert 'name="rating"' in form and "Very useful" in form and "Not useful" in form

    response = client.post(_url(world.past_session), VALID, follow=True)

    assert response.redirect_chain == [("/portal/", 302)]
    assert "Thank you for telling us how session 1 went" in response.content.decode()
    feedback = SessionFeedback.objects.get()
    assert (feedback.participant, feedback.rating, feedback.useful, feedback.better) == (
        world.a_participant, 4, "The employer's story", "A longer break")


def test_feedback_form_again_shows_and_replaces_the_earlier_answer(login, world):
    client = login(world.a_user)
    client.post(_url(world.past_session), VALID)
    again = client.get(_url(world.past_session)).content.decode()
    assert "replaces your earlier answer" in again and "The employer&#x27;s story" in again

    client.post(_url(world.past_session), {**VALID, "rating": "2", "useful": ""})

    assert list(SessionFeedback.objects.values_list("rating", "useful")) == [(2, "")]


def test_feedback_without_a_rating_says_so_beside_the_field(login, world):
    response = login(world.a_user).post(_url(world.past_session), {"useful": "Good"})

    assert response.status_code == 400
    shown = response.content.decode()
    assert "There is a problem" in shown
    assert 'id="id_rating_error"' in shown and "Choose how useful the session was for you." in shown
    assert 'href="#id_rating_0"' in shown
    assert not SessionFeedback.objects.exists()


def test_feedback_answer_too_long_is_refused_with_its_length(login, world):
    response = login(world.a_user).post(_url(world.past_session), {**VALID, "better": "x" * 1001})

    assert response.status_code == 400
    assert "What would have made it better? must be 1,000 characters or fewer. It has 1001" in (
        response.content.decode())
    assert not SessionFeedback.objects.exists()


def test_feedback_rating_off_the_scale_is_refused(login, world):
    response = login(world.a_user).post(_url(world.past_session), {**VALID, "rating": "9"})

    assert response.status_code == 400
    assert "Choose one of the five answers" in response.content.decode()


def test_feedback_on_a_future_session_is_refused(login, world):
    client = login(world.a_user)
    shown = client.get(_url(world.next_session)).content.decode()
    assert "has not started yet" in shown and 'name="rating"' not in shown

    assert client.post(_url(world.next_session), VALID).status_code == 400
    assert not SessionFeedback.objects.exists()


def test_feedback_on_a_cancelled_session_is_refused(login, world):
    world.past_session.status = SessionStatus.CANCELLED
    world.past_session.save()

    response = login(world.a_user).post(_url(world.past_session), VALID)

    assert response.status_code == 400 and "was cancelled" in response.content.decode()
    assert not SessionFeedback.objects.exists()


def test_feedback_on_another_cohorts_session_is_404(login, world, other_world):
    response = login(world.a_user).post(_url(other_world.past_session), VALID)

    assert response.status_code == 404
    assert not SessionFeedback.objects.exists()


def test_someone_in_two_cohorts_follows_the_other_cohorts_link_and_the_portal_switches(login, world, other_world):
    """A council running again: the same person takes part in both cohorts,
    works in one, and follows the feedback link of a follow-up email of the other."""
    ParticipantFactory(membership=other_world.a, user=world.a_user, email=world.a_participant.email)
    client = login(world.a_user)
    client.post("/portal/switch-cohort/", {"membership": world.a.pk})

    assert client.get(_url(other_world.past_session)).status_code == 200
    response = client.post(_url(other_world.past_session), VALID)

    assert response.status_code == 302
    given = SessionFeedback.objects.get()
    assert (given.session, given.participant.membership) == (other_world.past_session, other_world.a)
    assert other_world.cohort.name in client.get("/portal/").content.decode()  # now working in that cohort


def test_feedback_on_another_organisations_one_to_one_is_404(login, world):
    one_to_one = add_session(world.cohort, days=-1, title="1-1 with A", kind=SessionKind.ONE_TO_ONE)
    SessionPlace.objects.create(session=one_to_one, membership=world.a)

    assert login(world.b_user).post(_url(one_to_one), VALID).status_code == 404
    assert login(world.a_user).post(_url(one_to_one), VALID).status_code == 302
    assert list(SessionFeedback.objects.values_list("participant", flat=True)) == [world.a_participant.pk]


def test_feedback_is_each_persons_own(login, world):
    login(world.a_user).post(_url(world.past_session), VALID)
    login(world.a_user2).post(_url(world.past_session), {**VALID, "rating": "5"})

    assert sorted(SessionFeedback.objects.values_list("participant", "rating")) == sorted(
        [(world.a_participant.pk, 4), (world.a_participant2.pk, 5)])


def test_programme_feedback_page_is_still_the_whole_programmes(login, world):
    assert "<h1>Feedback on the programme</h1>" in login(world.a_user).get("/portal/feedback/").content.decode()


@pytest.fixture
def with_resource(world, resource_index):
    page = add_resource(resource_index, title="Work experience toolkit", link_url="https://example.org/toolkit")
    presentation = Presentation.objects.create(session=world.past_session, topic="Work experience",
                                               presenters="A. Smith")
    presentation.follow_up_resources.add(page)
    return world


def test_follow_up_email_links_the_sessions_feedback_form(with_resource, mailoutbox):
    sent = send_follow_up(session=with_resource.past_session,
                          now=timezone.now() + datetime.timedelta(minutes=1))

    assert sent == 3
    body = mail.outbox[0].body
    assert "How did the session go for you?" in body
    assert f"http://testserver{_url(with_resource.past_session)}" in body


def test_sessions_page_links_each_held_sessions_feedback(login, world):
    shown = login(world.a_user).get("/portal/sessions/").content.decode()

    assert _url(world.past_session) in shown and _url(world.next_session) not in shown
