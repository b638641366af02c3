"""Feedback on the programme itself, collected at the review session: what
was valuable and what would be even better, one statement per line."""
import datetime

from django.utils import timezone

from programme.enums import ReflectionKind, SessionKind, SubmissionStatus
from programme.models import Reflection
from programme.submissions.writing import return_for_changes

FEEDBACK_URL = "/portal/feedback/"


def feedback_of(membership):
    return Reflection.objects.get(membership=membership, kind=ReflectionKind.FEEDBACK)


def test_feedback_page_asks_the_two_questions(login, world):
    shown = login(world.a_user).get(FEEDBACK_URL).content.decode()
    assert "<h1>Feedback on the programme</h1>" in shown
    assert 'name="valuable"' in shown and 'name="even_better"' in shown
    # Only the feedback questions: not the report's four sections.
    assert 'name="progress"' not in shown and 'name="challenges"' not in shown


def test_feedback_saved_then_submitted_is_stored_line_by_line(login, world):
    client = login(world.a_user)
    saved = client.post(FEEDBACK_URL, {
        "valuable": "• Sharing ideas in a safe space\n• The one-page plan kept us focused",
        "even_better": "More 1-1 conversations", "version": "1", "action": "save",
    })
    assert saved.status_code == 302
    feedback = feedback_of(world.a)
    assert feedback.status == SubmissionStatus.DRAFT
    assert list(feedback.statements.filter(section="valuable").values_list("text", flat=True)) == [
        "Sharing ideas in a safe space", "The one-page plan kept us focused"]
    client.post(FEEDBACK_URL, {"valuable": "Sharing ideas in a safe space", "even_better": "More 1-1 conversations",
                               "version": str(feedback.version + 0), "action": "submit"})
    feedback.refresh_from_db()
    assert feedback.status == SubmissionStatus.SUBMITTED
    shown = client.get(FEEDBACK_URL).content.decode()
    assert "your feedback has been sent" in shown and "<textarea" not in shown
    assert "What was valuable" in shown and "Sharing ideas in a safe space" in shown


def test_empty_feedback_cannot_be_submitted_and_says_why(login, world):
    response = login(world.a_user).post(FEEDBACK_URL, {
        "valuable": "", "even_better": "", "version": "1", "action": "submit",
    })
    assert response.status_code == 200
    assert "Add at least one statement before submitting." in response.content.decode()
    assert feedback_of(world.a).status == SubmissionStatus.DRAFT


def test_feedback_is_one_per_organisation_and_never_another_organisations(login, world):
    login(world.a_user).post(FEEDBACK_URL, {"valuable": "Alice's point", "even_better": "", "version": "1",
                                            "action": "save"})
    other = login(world.b_user).get(FEEDBACK_URL).content.decode()
    assert "Alice&#x27;s point" not in other and "Alice's point" not in other
    # A second participant of A carries on from the same draft.
    shared = login(world.a_user2).get(FEEDBACK_URL).content.decode()
    assert "Alice&#x27;s point" in shared
    assert Reflection.objects.filter(membership=world.a, kind=ReflectionKind.FEEDBACK).count() == 1


def test_feedback_is_on_the_dashboard_once_the_review_session_is_next(login, world):
    client = login(world.a_user)
    assert "Feedback on the programme" not in client.get("/portal/").content.decode()
    world.next_session.kind = SessionKind.REVIEW
    world.next_session.save()
    assert 'href="/portal/feedback/">Feedback on the programme</a>' in client.get("/portal/").content.decode()


def test_feedback_is_on_the_dashboard_when_every_session_has_ended(login, world):
    world.next_session.starts_at = timezone.now() - datetime.timedelta(days=2)
    world.next_session.ends_at = world.next_session.starts_at + datetime.timedelta(hours=3)
    world.next_session.save()
    assert "Feedback on the programme" in login(world.a_user).get("/portal/").content.decode()


def test_returned_feedback_can_be_changed_and_the_comment_is_shown(login, world):
    client = login(world.a_user)
    client.post(FEEDBACK_URL, {"valuable": "Case studies", "even_better": "", "version": "1", "action": "submit"})
    feedback = feedback_of(world.a)
    return_for_changes(submission=feedback, user=world.facilitator, comment="Could you say which case studies?")
    shown = client.get(FEEDBACK_URL).content.decode()
    assert "Could you say which case studies?" in shown and 'name="valuable"' in shown


def test_facilitator_sees_feedback_progress_on_the_submissions_screen(login, world):
    login(world.a_user).post(FEEDBACK_URL, {"valuable": "Case studies", "even_better": "", "version": "1",
                                            "action": "submit"})
    client = login(world.facilitator)
    shown = client.get(f"/admin/peer-learning/cohorts/{world.cohort.pk}/submissions/").content.decode()
    assert "1 of 2 feedback forms submitted" in shown
