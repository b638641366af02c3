"""Notes from the session: the facilitator's notes, and the discussion's
questions and answers, recorded per session; copied onto a presenter's case
study page (its "Discussion" block) as a draft for an editor to publish; and
shown in the report's session write-up when the page has no discussion of its
own (programme/reporting/build.py).

The notes are for the facilitators only: nothing here publishes them."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape

from programme.models import Presentation, SessionNotes, SessionQuestion

DISCUSSION_BLOCK = "discussion"
DEFAULT_DISCUSSION_TITLE = "Discussion"


@dataclass(frozen=True)
class QuestionRow:
    """One question and answer as the form gives it, in discussion order."""

    question: str
    answer: str
    presentation_id: int | None = None


class NotesChanged(ValueError):
    """Someone saved the session's notes after this form was opened."""

    def __init__(self, stored):
        person = stored.updated_by
        who = (person.get_full_name() or person.get_username()) if person else "Someone"
        when = format_date(timezone.localtime(stored.updated_at), "H:i")
        super().__init__(
            f"{who} saved these notes at {when} while you were writing, so yours were not saved. What you typed "
            "is below: save again to replace what they saved (open the notes in another tab to compare first)."
        )
        self.version = notes_version(stored)


def notes_version(stored) -> str:
    """What the notes form carries to say which saved notes it started from."""
    return stored.updated_at.isoformat() if stored is not None else ""


def save_session_notes(*, session, notes: str, rows: list[QuestionRow], user, seen=None) -> list[SessionQuestion]:
    """Store `notes` and exactly `rows` (in that order) as the session's
    notes and discussion, all or nothing. The rows replace the session's
    previous ones: the form always posts the whole discussion, so replacing
    is simpler and safer than matching posted ids (which could name another
    session's rows). A presentation must be one of this session's.

    `seen` (notes_version of the notes the form started from): when someone
    saved since, NotesChanged and nothing is saved, so that two facilitators
    writing during one session never silently wipe each other's questions."""
    allowed = set(Presentation.objects.filter(session_id=session.pk).values_list("pk", flat=True))
    for row in rows:
        if row.presentation_id is not None and row.presentation_id not in allowed:
            raise ValueError("A question names a presentation that is not in this session.")
    questions = [
        SessionQuestion(session=session, presentation_id=row.presentation_id, question=row.question.strip(),
                        answer=row.answer.strip(), position=position)
        for position, row in enumerate(rows)
    ]
    for question in questions:
        question.full_clean(exclude=["session", "presentation"])
    with transaction.atomic():
        if seen is not None:
            # of=self: the person who saved is read by an outer join, which PostgreSQL cannot lock.
            stored = SessionNotes.objects.select_for_update(of=("self",)).select_related("updated_by").filter(
                session_id=session.pk).first()
            if stored is not None and notes_version(stored) != seen:
                raise NotesChanged(stored)
        SessionNotes.objects.update_or_create(session=session, defaults={"notes": notes.strip(), "updated_by": user})
        SessionQuestion.objects.filter(session_id=session.pk).delete()
        SessionQuestion.objects.bulk_create(questions)
    # Nothing public changes: the report page shows its frozen snapshot, and
    # case study pages change only through copy_to_case_study's draft.
    return questions


save_session_notes.alters_data = True


def answer_as_rich_text(answer: str) -> str:
    """A plain-text answer as Wagtail rich text: one paragraph per blank-line
    separated part, line breaks kept, every character escaped."""
    paragraphs = [part.strip() for part in answer.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in paragraph.split("\n")) + "</p>" for paragraph in paragraphs
    )


# --------------------------------------------------------------------------- copying to the case study page


@dataclass(frozen=True)
class CopyPlan:
    """What copying a presentation's questions to its case study page would
    do. `reason` is why it cannot ("" when it can)."""

    presentation: Presentation
    questions: list[SessionQuestion]
    page: object | None = None  # the page's latest draft, as a page object
    replaces: bool = False  # the page has a discussion block, which the copy replaces
    title: str = DEFAULT_DISCUSSION_TITLE
    reason: str = ""

    @property
    def possible(self) -> bool:
        return not self.reason


def copy_refusal(*, presentation, questions, user) -> str:
    """Why `user` cannot copy `questions` to the presentation's case study
    page ("" when they can). Facilitators are not site administrators: many
    have no rights on the public library's pages, and then say so."""
    page = presentation.case_study
    if page is None:
        return "This presentation has no case study page yet: choose one on the presentation first."
    if not questions:
        return "No question is recorded for this presentation yet."
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return (f"You may not edit the case study page “{page.title}”: ask an editor of the public library "
                "to give you access, or to copy the questions for you.")
    if permissions.page_locked():
        return f"The case study page “{page.title}” is locked: ask the person who locked it to unlock it first."
    return ""


def plan_copy(*, presentation, questions, user) -> CopyPlan:
    """Whether `user` may copy `questions` (the presentation's recorded ones)
    to the presentation's case study page, and what it would write. Reads
    the page's latest draft, not its live version, so that a copy never
    throws away an editor's unpublished changes."""
    reason = copy_refusal(presentation=presentation, questions=questions, user=user)
    if reason:
        return CopyPlan(presentation, questions, reason=reason)
    draft = presentation.case_study.get_latest_revision_as_object()
    existing = next((block for block in draft.body if block.block_type == DISCUSSION_BLOCK), None)
    title = existing.value["title"] if existing is not None and existing.value["title"] else DEFAULT_DISCUSSION_TITLE
    return CopyPlan(presentation, questions, page=draft, replaces=existing is not None, title=title)


def discussion_value(plan: CopyPlan) -> dict:
    """The Discussion block's value for `plan`, as the block's to_python takes it."""
    return {
        "title": plan.title,
        "questions": [{"question": q.question, "answer": answer_as_rich_text(q.answer)} for q in plan.questions],
    }


def copy_to_case_study(*, plan: CopyPlan, user):
    """Write the plan's questions into the page's Discussion block (the first
    one replaced, or one added at the end) as a new draft revision by `user`.
    Never publishes: an editor reviews the draft and publishes it. Returns the
    revision. Raises ValueError when the plan cannot be carried out."""
    if not plan.possible:
        raise ValueError(plan.reason)
    page = plan.page
    # The permission is asked again here, of the page as stored, not of the plan shown before.
    if not page.permissions_for_user(user).can_edit():
        raise PermissionError("You may not edit this page.")
    value = page.body.stream_block.child_blocks[DISCUSSION_BLOCK].to_python(discussion_value(plan))
    position = next((i for i, block in enumerate(page.body) if block.block_type == DISCUSSION_BLOCK), None)
    if position is None:
        page.body.append((DISCUSSION_BLOCK, value))
    else:
        page.body[position] = (DISCUSSION_BLOCK, value)
    try:
        with transaction.atomic():
            return page.save_revision(user=user, log_action=True)
    except ValidationError as error:
        raise ValueError("The case study page could not be saved as a draft: "
                         + " ".join(error.messages)) from error


copy_to_case_study.alters_data = True
