"""Feedback after each session: who may give it, one answer per person
(the latest replacing the earlier), and the facilitator's results screen."""
import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.enums import AttendanceStatus, MembershipStatus, SessionKind, SessionStatus
from programme.models import Attendance, Participant, SessionFeedback, SessionPlace
from programme.sessions.feedback import (
    FeedbackRefused,
    feedback_due,
    feedback_refusal,
    give_feedback,
    session_results,
)
from tests.builders import add_session, build_cohort
from tests.factories import SessionFeedbackFactory


@pytest.fixture
def w(db):
    return build_cohort("F")


def _url(session):
    return reverse("programme_admin:session_feedback", args=[session.pk])


# --------------------------------------------------------------------------- the rules


def test_participant_gives_feedback_on_a_held_session(w):
    feedback = give_feedback(session=w.past_session, participant=w.a_participant, rating=5,
                             useful="The case study", better="More time")

    assert (feedback.rating, feedback.useful, feedback.better) == (5, "The case study", "More time")
    assert feedback.get_rating_display() == "Very useful"


def test_giving_feedback_again_replaces_the_earlier_answer(w):
    give_feedback(session=w.past_session, participant=w.a_participant, rating=2, useful="Little")
    give_feedback(session=w.past_session, participant=w.a_participant, rating=4, useful="More on reflection")

    assert list(SessionFeedback.objects.values_list("rating", "useful")) == [(4, "More on reflection")]


def test_one_feedback_per_person_per_session_is_a_database_rule(w):
    SessionFeedbackFactory(session=w.past_session, participant=w.a_participant)
    with pytest.raises(IntegrityError):
        SessionFeedbackFactory(session=w.past_session, participant=w.a_participant)


def test_feedback_text_is_cleaned_on_the_way_in(w):
    feedback = give_feedback(session=w.past_session, participant=w.a_participant, rating=3,
                             useful='<script>alert(1)</script>Good <b>talk</b>')

    assert "<script" not in feedback.useful and "<b>talk</b>" in feedback.useful


def test_feedback_refused_before_the_session_starts(w):
    assert "has not started yet" in feedback_refusal(session=w.next_session, participant=w.a_participant)
    with pytest.raises(FeedbackRefused):
        give_feedback(session=w.next_session, participant=w.a_participant, rating=4)
    assert not SessionFeedback.objects.exists()


def test_feedback_refused_for_a_cancelled_session(w):
    w.past_session.status = SessionStatus.CANCELLED
    w.past_session.save()

    assert "cancelled" in feedback_refusal(session=w.past_session, participant=w.a_participant)


def test_feedback_allowed_once_the_session_has_started(w):
    started = add_session(w.cohort, days=0, title="Started an hour ago")
    started.starts_at = timezone.now() - datetime.timedelta(hours=1)
    started.save()

    assert feedback_refusal(session=started, participant=w.a_participant) == ""


def test_feedback_stays_open_two_weeks_after_the_cohort_ends_then_closes(w):
    # The review on the cohort's last day, its follow-up email a few days later: still open.
    w.cohort.ends_on = timezone.localdate() - datetime.timedelta(days=14)
    w.cohort.save()
    assert feedback_refusal(session=w.past_session, participant=w.a_participant) == ""

    w.cohort.ends_on = timezone.localdate() - datetime.timedelta(days=15)
    w.cohort.save()
    assert "closed" in feedback_refusal(session=w.past_session, participant=w.a_participant)
    assert feedback_due(membership=w.a, participant=w.a_participant, sessions=[w.past_session]) == []


def test_feedback_on_a_one_to_one_only_from_its_organisation(w):
    one_to_one = add_session(w.cohort, days=-2, title="1-1 with A", kind=SessionKind.ONE_TO_ONE)
    SessionPlace.objects.create(session=one_to_one, membership=w.a)

    assert feedback_refusal(session=one_to_one, participant=w.a_participant) == ""
    assert "not one of your organisation's" in feedback_refusal(session=one_to_one, participant=w.b_participant)


def test_feedback_refused_from_a_withdrawn_organisation(w):
    w.b.status = MembershipStatus.WITHDRAWN
    w.b.save()

    participant = Participant.objects.get(pk=w.b_participant.pk)
    assert "not one of your organisation's" in feedback_refusal(session=w.past_session, participant=participant)


def test_feedback_due_lists_held_sessions_not_yet_answered(w):
    sessions = [w.past_session, w.next_session]
    assert feedback_due(membership=w.a, participant=w.a_participant, sessions=sessions) == [w.past_session]

    give_feedback(session=w.past_session, participant=w.a_participant, rating=4)
    assert feedback_due(membership=w.a, participant=w.a_participant, sessions=sessions) == []
    # Each person answers for themselves: a colleague is still asked.
    assert feedback_due(membership=w.a, participant=w.a_participant2, sessions=sessions) == [w.past_session]


def test_someone_the_register_marks_absent_is_neither_asked_nor_taken(w):
    sessions = [w.past_session, w.next_session]
    Attendance.objects.create(session=w.past_session, participant=w.a_participant, status=AttendanceStatus.ABSENT)
    Attendance.objects.create(session=w.past_session, participant=w.a_participant2,
                              status=AttendanceStatus.APOLOGIES)
    Attendance.objects.create(session=w.past_session, participant=w.b_participant,
                              status=AttendanceStatus.ATTENDED)

    for person in (w.a_participant, w.a_participant2):
        assert feedback_due(membership=w.a, participant=person, sessions=sessions) == []
        assert feedback_refusal(session=w.past_session, participant=person).startswith(
            "The register shows you did not attend this session")
        with pytest.raises(FeedbackRefused):
            give_feedback(session=w.past_session, participant=person, rating=5)
    assert feedback_due(membership=w.b, participant=w.b_participant, sessions=sessions) == [w.past_session]
    give_feedback(session=w.past_session, participant=w.b_participant, rating=5)
    assert SessionFeedback.objects.count() == 1


# --------------------------------------------------------------------------- the results


def test_results_count_responses_out_of_people_who_attended(w):
    for person in (w.a_participant, w.a_participant2, w.b_participant):
        Attendance.objects.create(session=w.past_session, participant=person, status=AttendanceStatus.ATTENDED)
    give_feedback(session=w.past_session, participant=w.a_participant, rating=5)
    give_feedback(session=w.past_session, participant=w.b_participant, rating=2)

    results = session_results(w.past_session)

    assert results.responses_sentence == "2 responses from the 3 people who attended"
    assert (results.average, results.useful) == ("3.5", 1)
    assert [(row.label, row.count) for row in results.chart.rows] == [
        ("Very useful", 1), ("Useful", 0), ("Fairly useful", 0), ("Slightly useful", 1), ("Not useful", 0)]


def test_results_screen_shows_chart_table_and_answers_with_organisation(w, client):
    Attendance.objects.create(session=w.past_session, participant=w.a_participant, status=AttendanceStatus.ATTENDED)
    give_feedback(session=w.past_session, participant=w.a_participant, rating=4,
                  useful="Hearing from the employer", better="<i>Shorter</i> introductions")
    client.force_login(w.facilitator)

    response = client.get(_url(w.past_session))

    assert response.status_code == 200
    shown = response.content.decode()
    assert "1 response from the 1 person who attended" in shown
    assert 'role="img"' in shown and "<title id=\"ratings-" in shown
    assert "<caption>Ratings of F workshop 1: the local economy: how many people gave each rating</caption>" in shown
    assert "F County Council" in shown and "Alice" in shown
    assert "Hearing from the employer" in shown and "<i>Shorter</i> introductions" in shown


def test_results_screen_is_404_for_another_programmes_facilitator(w, client):
    other = build_cohort("G")
    give_feedback(session=w.past_session, participant=w.a_participant, rating=4, useful="F's private answer")
    client.force_login(other.facilitator)

    response = client.get(_url(w.past_session))

    assert response.status_code == 404
    assert "F's private answer" not in response.content.decode()


def test_results_screen_linked_from_the_register_and_the_overview(w, client):
    client.force_login(w.facilitator)
    register = client.get(reverse("programme_admin:register", args=[w.past_session.pk])).content.decode()
    overview = client.get(reverse("programme_admin:cohort_overview", args=[w.cohort.pk])).content.decode()

    assert _url(w.past_session) in register
    assert _url(w.past_session) in overview


def test_results_screen_same_queries_for_2_and_40_answers(w, client, django_assert_num_queries):
    client.force_login(w.facilitator)
    for person in (w.a_participant, w.b_participant):
        SessionFeedbackFactory(session=w.past_session, participant=person)
    client.get(_url(w.past_session))  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url(w.past_session)).status_code == 200
    people = Participant.objects.bulk_create(
        Participant(membership=w.b, name=f"Person {n}", email=f"p{n}@b.example.org") for n in range(38)
    )
    SessionFeedback.objects.bulk_create(
        SessionFeedback(session=w.past_session, participant=person, rating=1 + n % 5, useful=f"Answer {n}")
        for n, person in enumerate(people)
    )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url(w.past_session))
    assert "40 responses" in response.content.decode()
    assert response.content.decode().count("Answer ") == 38
