"""Notes from the session (programme/sessions/notes.py and its screen): the
facilitator's notes and the discussion's questions and answers, copied onto a
presenter's case study page as a draft, and shown in the report's write-up."""
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from wagtail.models import GroupPagePermission, Revision

from programme.enums import SessionKind
from programme.models import Presentation, SessionNotes, SessionQuestion
from programme.models.notes import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from programme.reporting.snapshot import changes, freeze, thaw
from programme.sessions.notes import QuestionRow, answer_as_rich_text, save_session_notes
from resources.blocks import DiscussionBlock
from tests.builders import add_session, make_facilitator
from tests.factories import SessionQuestionFactory, add_case_study


def notes_url(session):
    return reverse("programme_admin:session_notes", args=[session.pk])


def copy_url(presentation):
    return reverse("programme_admin:session_notes_copy", args=[presentation.session_id, presentation.pk])


def post_data(rows, notes="", initial=0):
    """The notes form as the screen posts it: `rows` of (question, answer,
    presentation id or "", position, remove)."""
    data = {"notes": notes, "questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": str(initial),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "40"}
    for i, (question, answer, presentation, position, remove) in enumerate(rows):
        data.update({f"questions-{i}-question": question, f"questions-{i}-answer": answer,
                     f"questions-{i}-presentation": presentation, f"questions-{i}-ORDER": position})
        if remove:
            data[f"questions-{i}-DELETE"] = "on"
    return data


def recorded(session):
    return list(SessionQuestion.objects.filter(session=session).order_by("position")
                .values_list("question", "answer", "presentation_id"))


@pytest.fixture
def presentation(world, case_study_index):
    page = add_case_study(case_study_index, title="Care leavers into construction")
    return Presentation.objects.create(session=world.past_session, topic="Construction apprenticeships",
                                       presenters="Sam Presenter", case_study=page)


def library_editor(user, page):
    """Give `user` the right to edit `page` (and below), as an editor of the public library has."""
    group, _ = Group.objects.get_or_create(name="Case study editors")
    GroupPagePermission.objects.create(group=group, page=page, permission=Permission.objects.get(codename="change_page"))
    user.groups.add(group)


def discussions(page):
    return [block.value for block in page.body if block.block_type == "discussion"]


# --------------------------------------------------------------------------- limits


def test_question_limit_is_the_discussion_blocks_so_a_copy_always_fits():
    assert DiscussionBlock().child_blocks["questions"].child_block.child_blocks["question"].field.max_length \
        == QUESTION_MAX_LENGTH


def test_answer_as_rich_text_escapes_and_keeps_paragraphs():
    assert answer_as_rich_text("First <b>line</b>\nsecond\n\nNext & last") == \
        "<p>First &lt;b&gt;line&lt;/b&gt;<br/>second</p><p>Next &amp; last</p>"


# --------------------------------------------------------------------------- the screen


def test_notes_screen_saves_questions_in_the_order_given_and_the_notes(world, presentation, client):
    client.force_login(world.facilitator)
    response = client.post(notes_url(world.past_session), post_data([
        ("How did you find employers?", "Through the supply chain.", presentation.pk, "2", False),
        ("Who paid for the mentors?", "The council's apprenticeship levy.", "", "1", False),
        ("", "", "", "", False),
    ], notes="Ask Sam for the slides."), follow=True)
    assert "Notes saved, with 2 questions and answers." in response.content.decode()
    assert recorded(world.past_session) == [
        ("Who paid for the mentors?", "The council's apprenticeship levy.", None),
        ("How did you find employers?", "Through the supply chain.", presentation.pk),
    ]
    assert SessionNotes.objects.get(session=world.past_session).notes == "Ask Sam for the slides."
    page = client.get(notes_url(world.past_session)).content.decode()
    assert "Who paid for the mentors?" in page and "Ask Sam for the slides." in page


def test_notes_screen_removes_a_question_ticked_for_removal(world, client):
    SessionQuestionFactory(session=world.past_session, question="Keep me", position=0)
    SessionQuestionFactory(session=world.past_session, question="Remove me", position=1)
    client.force_login(world.facilitator)
    client.post(notes_url(world.past_session), post_data([
        ("Keep me", "Yes.", "", "1", False), ("Remove me", "No.", "", "2", True),
    ], initial=2))
    assert [q for q, _, _ in recorded(world.past_session)] == ["Keep me"]


def test_notes_screen_refuses_a_question_too_long_and_saves_nothing(world, client):
    SessionQuestionFactory(session=world.past_session, question="Already recorded", answer="Kept.")
    client.force_login(world.facilitator)
    response = client.post(notes_url(world.past_session), post_data([
        ("Q" * (QUESTION_MAX_LENGTH + 1), "An answer.", "", "1", False),
        ("Fine question", "A" * (ANSWER_MAX_LENGTH + 1), "", "2", False),
    ], notes="New notes"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_questions-0-question"' in page and 'href="#id_questions-1-answer"' in page
    assert f"Keep the question to {QUESTION_MAX_LENGTH} characters or fewer (it has 301)." in page
    assert 'id="id_questions-0-question_error"' in page  # beside the field too
    assert recorded(world.past_session) == [("Already recorded", "Kept.", None)]
    assert not SessionNotes.objects.filter(session=world.past_session).exists()


def test_notes_screen_asks_for_the_question_of_an_answer_and_the_answer_of_a_question(world, client):
    client.force_login(world.facilitator)
    page = client.post(notes_url(world.past_session), post_data([
        ("", "An answer to nothing.", "", "1", False), ("A question alone", "", "", "2", False),
    ])).content.decode()
    assert "Write the question this answers, or clear the answer." in page
    assert "Write the answer given, or clear the question." in page
    assert recorded(world.past_session) == []


def test_notes_screen_refuses_another_sessions_presentation(world, client):
    other = Presentation.objects.create(session=world.next_session, topic="Elsewhere", presenters="Someone")
    client.force_login(world.facilitator)
    page = client.post(notes_url(world.past_session), post_data([
        ("A question", "An answer", other.pk, "1", False),
    ])).content.decode()
    assert "Choose one of this session&#x27;s presentations, or the session in general." in page
    assert recorded(world.past_session) == []


def test_notes_are_saved_all_or_nothing(world, monkeypatch):
    SessionQuestionFactory(session=world.past_session, question="Already recorded", answer="Kept.")

    def fail(*args, **kwargs):
        raise IntegrityError("the disk filled up")

    monkeypatch.setattr(SessionQuestion.objects, "bulk_create", fail)
    with pytest.raises(IntegrityError):
        save_session_notes(session=world.past_session, notes="New notes", user=world.facilitator,
                           rows=[QuestionRow(question="New", answer="New answer")])
    assert recorded(world.past_session) == [("Already recorded", "Kept.", None)]
    assert not SessionNotes.objects.filter(session=world.past_session).exists()


def test_notes_screens_are_not_found_for_another_programmes_facilitator(world, other_world, presentation, client):
    client.force_login(other_world.facilitator)
    assert client.get(notes_url(world.past_session)).status_code == 404
    assert client.post(notes_url(world.past_session), post_data([("Q", "A", "", "1", False)])).status_code == 404
    assert client.get(copy_url(presentation)).status_code == 404
    assert client.post(copy_url(presentation)).status_code == 404
    assert recorded(world.past_session) == []


def test_copy_of_a_presentation_of_another_session_is_not_found(world, presentation, client):
    client.force_login(world.facilitator)
    url = reverse("programme_admin:session_notes_copy", args=[world.next_session.pk, presentation.pk])
    assert client.get(url).status_code == 404


def test_notes_screen_is_linked_from_the_session_list_and_the_cohort_overview(world, client):
    client.force_login(world.facilitator)
    page = client.get(reverse("programme_programmesession_modeladmin_index")).content.decode()
    assert notes_url(world.past_session) in page
    overview = client.get(reverse("programme_admin:cohort_overview", args=[world.cohort.pk])).content.decode()
    assert notes_url(world.past_session) in overview


NOTES_SCREEN_QUERIES = 14  # the same for 2 and 25 questions


@pytest.mark.parametrize("count", [2, 25])
def test_notes_screen_queries_do_not_grow_with_the_questions(world, presentation, client, count):
    client.force_login(world.facilitator)
    for n in range(count):
        SessionQuestionFactory(session=world.past_session, presentation=presentation if n % 2 else None)
    client.get(notes_url(world.past_session))  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as context:
        assert client.get(notes_url(world.past_session)).status_code == 200
    assert len(context.captured_queries) == NOTES_SCREEN_QUERIES



# --------------------------------------------------------------------------- copying to the case study page


def test_copy_shows_a_preview_then_writes_a_draft_revision_and_publishes_nothing(world, presentation, client):
    page = presentation.case_study
    library_editor(world.facilitator, page)
    SessionQuestionFactory(session=world.past_session, presentation=presentation, position=0,
                           question="How did you find employers?", answer="Through the supply chain.\n\nAnd <b>luck</b>.")
    SessionQuestionFactory(session=world.past_session, position=1, question="General question", answer="Not copied.")
    client.force_login(world.facilitator)
    assert copy_url(presentation) in client.get(notes_url(world.past_session)).content.decode()

    preview = client.get(copy_url(presentation)).content.decode()
    assert "How did you find employers?" in preview
    assert "&lt;b&gt;luck&lt;/b&gt;" in preview
    assert "This adds a “Discussion” block" in preview
    assert "General question" not in preview
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()

    response = client.post(copy_url(presentation), follow=True)
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.content.decode()
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert discussions(page) == []  # the live page is as it was
    draft = page.get_latest_revision_as_object()
    (value,) = discussions(draft)
    assert value["title"] == "Discussion"
    assert [(qa["question"], qa["answer"].source) for qa in value["questions"]] == [
        ("How did you find employers?", "<p>Through the supply chain.</p><p>And &lt;b&gt;luck&lt;/b&gt;.</p>"),
    ]
    assert page.get_latest_revision().user == world.facilitator


def test_copy_replaces_the_pages_discussion_block(world, case_study_index, client):
    page = add_case_study(case_study_index, title="With a discussion", body=[
        ("paragraph", "<p>Intro</p>"),
        ("discussion", {"title": "Questions from the day", "questions": [
            {"question": "Old question", "answer": "<p>Old answer</p>"}]}),
    ])
    presentation = Presentation.objects.create(session=world.past_session, topic="T", presenters="P",
                                               case_study=page)
    SessionQuestionFactory(session=world.past_session, presentation=presentation, question="New question",
                           answer="New answer")
    library_editor(world.facilitator, page)
    client.force_login(world.facilitator)
    assert "This replaces the “Questions from the day” block" in client.get(copy_url(presentation)).content.decode()
    response = client.post(copy_url(presentation), follow=True)
    assert "1 question copied to “With a discussion” as a draft" in response.content.decode()
    page.refresh_from_db()
    assert [qa["question"] for qa in discussions(page)[0]["questions"]] == ["Old question"]  # live: unchanged
    draft = page.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph", "discussion"]
    (value,) = discussions(draft)
    assert value["title"] == "Questions from the day"
    assert [qa["question"] for qa in value["questions"]] == ["New question"]


def test_copy_is_refused_and_says_why_without_the_right_to_edit_the_page(world, presentation, client):
    SessionQuestionFactory(session=world.past_session, presentation=presentation, question="Q?", answer="A.")
    page = presentation.case_study
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    client.force_login(world.facilitator)
    screen = client.get(notes_url(world.past_session)).content.decode()
    assert "You may not edit the case study page “Care leavers into construction”" in screen
    assert copy_url(presentation) not in screen
    preview = client.get(copy_url(presentation)).content.decode()
    assert "This copy is not offered" in preview and "Copy to the page as a draft" not in preview
    response = client.post(copy_url(presentation), follow=True)
    assert "Nothing was copied. You may not edit the case study page" in response.content.decode()
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions


def test_copy_is_not_offered_without_a_case_study_page(world, client):
    presentation = Presentation.objects.create(session=world.past_session, topic="No page", presenters="P")
    SessionQuestionFactory(session=world.past_session, presentation=presentation)
    client.force_login(world.facilitator)
    assert "has no case study page yet" in client.get(notes_url(world.past_session)).content.decode()
    assert "Nothing was copied." in client.post(copy_url(presentation), follow=True).content.decode()


# --------------------------------------------------------------------------- the report


def _session_item(report, session):
    return next(item for item in report.sessions if item.title == session.title)


def test_report_shows_the_recorded_questions_when_the_page_has_no_discussion(world, presentation):
    SessionQuestionFactory(session=world.past_session, presentation=presentation, question="About the talk?",
                           answer="Yes & no.")
    SessionQuestionFactory(session=world.past_session, question="About the day?", answer="Useful.")
    SessionNotes.objects.create(session=world.past_session, notes="Private facilitator notes")
    report = build_report(cohort=world.cohort, public=True)
    item = _session_item(report, world.past_session)
    assert [(qa.question, qa.answer) for qa in item.presentations[0].shown_discussion] == [
        ("About the talk?", "<p>Yes &amp; no.</p>")]
    assert [(qa.question, qa.answer) for qa in item.discussion] == [("About the day?", "<p>Useful.</p>")]
    assert "Private facilitator notes" not in str(freeze(report))


def test_report_shows_the_pages_discussion_rather_than_the_recorded_one(world, case_study_index):
    page = add_case_study(case_study_index, title="With a discussion", body=[
        ("discussion", {"title": "Discussion", "questions": [{"question": "On the page", "answer": "<p>A</p>"}]}),
    ])
    presentation = Presentation.objects.create(session=world.past_session, topic="T", presenters="P",
                                               case_study=page)
    SessionQuestionFactory(session=world.past_session, presentation=presentation, question="Recorded")
    item = _session_item(build_report(cohort=world.cohort, public=True), world.past_session)
    assert [qa.question for qa in item.presentations[0].shown_discussion] == ["On the page"]
    assert item.presentations[0].discussion == []


def test_recorded_questions_are_frozen_in_the_published_snapshot(world, presentation):
    SessionQuestionFactory(session=world.past_session, presentation=presentation, question="Frozen question")
    snapshot = freeze(build_report(cohort=world.cohort, public=True))
    SessionQuestion.objects.all().delete()
    thawed = thaw(snapshot)
    item = _session_item(thawed, world.past_session)
    assert [qa.question for qa in item.presentations[0].shown_discussion] == ["Frozen question"]
    assert thawed == thaw(freeze(thawed))
    assert f"The questions and answers recorded in “{world.past_session.title}” (2.2) changed." in changes(
        snapshot, freeze(build_report(cohort=world.cohort, public=True)))


def test_report_page_html_and_word_show_the_recorded_questions(world, client):
    SessionQuestionFactory(session=world.past_session, question="Shown in the write-up?", answer="It is.")
    report = build_report(cohort=world.cohort, public=False)
    assert _session_item(report, world.past_session) in report.written_up_sessions
    client.force_login(world.facilitator)
    page = client.get(reverse("programme_admin:report_print", args=[world.cohort.pk])).content.decode()
    assert "<dt>Shown in the write-up?</dt>" in page
    document = Document(io.BytesIO(report_docx(report)))
    assert "Shown in the write-up?" in [paragraph.text for paragraph in document.paragraphs]


def test_notes_screen_refuses_more_questions_than_a_session_holds(world, client):
    rows = [(f"Question {n}?", "An answer.", "", str(n), False) for n in range(41)]
    client.force_login(world.facilitator)
    page = client.post(notes_url(world.past_session), post_data(rows)).content.decode()
    assert "A session&#x27;s notes hold up to 40 questions" in page
    assert recorded(world.past_session) == []


@pytest.mark.parametrize("tampered", [
    {"questions-TOTAL_FORMS": "1000000"},
    {"questions-TOTAL_FORMS": "abc"},
    {"questions-TOTAL_FORMS": None, "questions-INITIAL_FORMS": None},
    {"questions-0-presentation": "abc"},
    {"questions-0-presentation": str(2**70)},
    {"questions-0-ORDER": "first"},
])
def test_notes_screen_answers_tampered_posts_with_an_error_and_saves_nothing(world, client, tampered):
    data = post_data([("A question?", "An answer.", "", "1", False)], notes="Notes")
    for key, value in tampered.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    client.force_login(world.facilitator)
    response = client.post(notes_url(world.past_session), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert recorded(world.past_session) == []
    assert not SessionNotes.objects.exists()


def test_a_one_to_ones_recorded_questions_stay_in_the_facilitators_copy(world):
    """A 1-1 (or an action learning set) is a conversation with a council or
    two: what was said there is not published, whatever the report's switches."""
    one_to_one = add_session(world.cohort, days=-3, title="1-1 conversation", kind=SessionKind.ONE_TO_ONE)
    SessionQuestionFactory(session=one_to_one, question="How does A fund its apprenticeships?", answer="From HR.")

    public = _session_item(build_report(cohort=world.cohort, public=True), one_to_one)
    facilitators = _session_item(build_report(cohort=world.cohort, public=False), one_to_one)

    assert public.discussion == []
    assert "How does A fund" not in str(freeze(build_report(cohort=world.cohort, public=True)))
    assert [qa.question for qa in facilitators.discussion] == ["How does A fund its apprenticeships?"]


def test_two_facilitators_writing_at_once_never_wipe_each_others_questions(world, client):
    """A opens the notes; B saves five questions; A saves from the form opened
    before: refused, A's text kept on the screen, B's questions kept. A's
    second save, made knowingly, replaces them."""
    other = make_facilitator("cofacilitator")
    other.groups.add(*world.facilitator.groups.all())
    client.force_login(world.facilitator)
    opened = client.get(notes_url(world.past_session)).context["notes_form"]["seen"].value()

    save_session_notes(session=world.past_session, notes="B's notes", user=other, seen="",
                       rows=[QuestionRow(question=f"B {n}?", answer="Yes.") for n in range(5)])

    response = client.post(notes_url(world.past_session), {
        **post_data([("A's question?", "A's answer.", "", "1", False)], notes="A's notes"), "seen": opened})
    page = response.content.decode()
    assert "saved these notes at" in page and "so yours were not saved" in page
    assert "A&#x27;s question?" in page or "A's question?" in page  # still on the screen
    assert [q for q, _, _ in recorded(world.past_session)] == [f"B {n}?" for n in range(5)]
    assert SessionNotes.objects.get(session=world.past_session).notes == "B's notes"

    again = response.context["notes_form"]["seen"].value()
    response = client.post(notes_url(world.past_session), {
        **post_data([("A's question?", "A's answer.", "", "1", False)], notes="A's notes"), "seen": again})
    assert response.status_code == 302
    assert [q for q, _, _ in recorded(world.past_session)] == ["A's question?"]
