"""The report's "Feedback after each session": per session the responses,
the average rating and the share who found it useful; never the answers
people wrote; in public, a session fewer organisations answered for than
the threshold is left out. Frozen with the report when it is published."""
import io

import docx
import pytest
from django.urls import reverse

from programme.models import SessionFeedback
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from programme.reporting.snapshot import changes, freeze, thaw
from tests.builders import build_report_cohort

ANSWER = "A private sentence nobody may publish"


@pytest.fixture
def built(db):
    built = build_report_cohort("SF")
    economy, work = built.sessions[1], built.sessions[2]
    ratings = {"Avon County Council": 5, "Bexley London Borough": 4, "Crewe Unitary Council": 2}
    for name, rating in ratings.items():
        for person in built.members[name].people:
            SessionFeedback.objects.create(session=economy, participant=person, rating=rating, useful=ANSWER,
                                           better=ANSWER)
    # Only one organisation answered for the second workshop: too few to publish.
    SessionFeedback.objects.create(session=work, participant=built.members["Avon County Council"].people[0],
                                   rating=1, useful=ANSWER)
    built.economy, built.work = economy, work
    return built


def test_public_report_gives_each_sessions_responses_average_and_share_useful(built):
    report = build_report(cohort=built.cohort, public=True)

    assert [(item.title, item.responses, item.average, item.useful_share) for item in report.session_feedback] == [
        ("Understanding the local economy", 6, "3.7", "67%")]
    assert report.session_feedback_left_out == 1


def test_facilitators_copy_keeps_the_small_session_marked(built):
    report = build_report(cohort=built.cohort, public=False)

    assert [(item.title, item.responses, item.below_threshold) for item in report.session_feedback] == [
        ("Understanding the local economy", 6, False), ("Understanding the world of work", 1, True)]


def test_a_lower_threshold_shows_the_small_session(built):
    report = build_report(cohort=built.cohort, public=True, threshold=1)

    assert [item.title for item in report.session_feedback] == [
        "Understanding the local economy", "Understanding the world of work"]


def test_withdrawn_organisations_feedback_is_not_counted(built):
    bexley = built.members["Bexley London Borough"].membership
    bexley.status = "withdrawn"
    bexley.save()

    (item,) = build_report(cohort=built.cohort, public=True).session_feedback
    assert (item.responses, item.organisations) == (4, 2)


def test_free_text_answers_are_never_in_the_report_or_its_files(built):
    report = build_report(cohort=built.cohort, public=False)
    snapshot = freeze(report)

    assert ANSWER not in repr(snapshot)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "Feedback after each session" in text and ANSWER not in text


def test_snapshot_freezes_the_section_and_thaws_it_unchanged(built):
    report = build_report(cohort=built.cohort, public=True)
    snapshot = freeze(report)

    assert snapshot["report"]["session_feedback"][0]["responses"] == 6
    assert thaw(snapshot).session_feedback == report.session_feedback
    # A snapshot frozen before the section existed still thaws, without it.
    del snapshot["report"]["session_feedback"]
    assert thaw(snapshot).session_feedback == []


def test_changes_say_when_feedback_figures_move(built):
    published = freeze(build_report(cohort=built.cohort, public=True))
    SessionFeedback.objects.create(session=built.work, participant=built.members["Eden Trust"].people[0], rating=5)

    found = changes(published, freeze(build_report(cohort=built.cohort, public=True)))

    assert "Feedback after “Understanding the world of work” (4): now shown, 2 responses." in found


def test_hiding_feedback_hides_the_session_feedback_too(built):
    from programme.reporting.data import Synthesis

    report = build_report(cohort=built.cohort, public=True, synthesis=Synthesis(show_feedback=False))
    assert report.session_feedback and not report.shows_session_feedback


def test_print_view_shows_the_table(built, client):
    client.force_login(built.facilitator)
    shown = client.get(reverse("programme_admin:report_print", args=[built.cohort.pk])).content.decode()

    assert '<h3 id="session-feedback">Feedback after each session</h3>' in shown
    assert "Understanding the world of work" in shown and "not in the public report" in shown
    assert ANSWER not in shown
