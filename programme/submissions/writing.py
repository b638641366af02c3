"""Writing, saving, submitting and returning plans and reflections.

Every save is optimistic: the form carries the version it was opened at, and
the UPDATE only succeeds if the row still has that version. If someone else
saved in between, `EditConflict` is raised and nothing is written, so the
view can keep the person's text on the page for them to merge.

Organisation, cohort and author always come from the server (the membership
the view resolved for the logged-in user), never from the form."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from programme.enums import GoalProgress, ReflectionKind, Section, SubmissionStatus
from programme.models import OnePagePlan, Reflection, Statement, SubmissionVersion
from programme.models.submissions import PLAN_FIELD_MAX, RETURN_COMMENT_MAX, STATEMENT_MAX
from programme.notifications.messages import send_returned_notice, send_submission_receipt
from programme.pages import purge_public_pages
from programme.sanitise import CleanLine, sanitise_html, sanitise_line, visible_length
from programme.submissions.content import (
    PLAN_FIELDS,
    PLAN_TEXT_FIELDS,
    plan_data,
    plan_field_label,
    reflection_data,
)
from programme.submissions.deadlines import (
    DeadlineRefused,
    check_new_deadline,
    deadline_for,
    extend_deadline,
    kind_of,
)

PLAN_REQUIRED = {
    "issue": "Describe the issue you want to work on.",
    "goal": "Write your goal for the programme.",
    "goal_category": "Choose the category that best fits your goal.",
    "success": "Say what success would look like.",
}
GOAL_PROGRESS_REQUIRED = "Choose how far your organisation got towards its goal."
GOAL_PROGRESS_INVALID = "Choose one of the ratings offered, from “Goal achieved” to “Little or no progress”."
REPORT_REQUIRED = {
    Section.PROGRESS: "Add at least one statement on the progress you made.",
    Section.CHALLENGES: "Add at least one challenge you faced.",
    Section.ENABLERS: "Add at least one thing that enabled progress.",
    Section.NEXT: "Add at least one thing you will do next.",
}
MAX_STATEMENTS_PER_SECTION = 30
# What one section's box may hold as typed: a one-page report is a page in
# all, and the 2021 councils wrote some 200 to 1,000 characters a section.
# Checked first, so that cleaning (which costs microseconds a character, see
# programme.sanitise) only ever sees a bounded amount.
SECTION_MAX = 6_000
# A statement as stored, after cleaning. Cleaning can make 600 typed
# characters longer ("&" becomes "&amp;", web addresses become links: at
# most some 6,600 when every word is one); longer than this cannot have come
# from the form.
STATEMENT_STORED_MAX = 8_000
BULLETS = "•*-–·▪"


class EditConflict(Exception):
    """Someone else saved since this form was opened."""

    def __init__(self, current):
        super().__init__("changed since you opened it")
        self.current = current


class StatementsRefused(ValueError):
    """A section's text breaks a limit; the message names the section (and
    the statements) concerned, and the limit."""


class SubmissionRefused(Exception):
    """Submitting is not possible: `errors` maps a field to a message."""

    def __init__(self, errors):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def plan_for(membership):
    """The organisation's plan: the saved one, or a new, unsaved one (its row
    is created by its first save, so opening the page stores nothing)."""
    return OnePagePlan.objects.filter(membership=membership).first() or OnePagePlan(membership=membership)


def final_report_for(membership):
    return _one_reflection(membership, ReflectionKind.FINAL_REPORT)


def feedback_for(membership):
    """The organisation's feedback on the programme (one per organisation,
    like the one-page report)."""
    return _one_reflection(membership, ReflectionKind.FEEDBACK)


def _one_reflection(membership, kind):
    existing = Reflection.objects.filter(membership=membership, kind=kind).first()
    return existing or Reflection(membership=membership, kind=kind)


def _store(submission):
    """Create the row of a plan or reflection saved for the first time. If
    someone else created it meanwhile, this one takes its id and version, so
    the save that follows sees their change as a conflict."""
    if submission.pk is not None:
        return
    model = type(submission)
    lookup = {"membership": submission.membership}
    if model is Reflection:
        lookup["kind"] = submission.kind
    row, _ = model.objects.get_or_create(**lookup)
    submission.pk = row.pk
    submission.version = row.version


def statement_lines(text):
    """The statements of a section's box as typed: one per line, with the
    bullets typed or pasted at the start dropped, and blank lines left out."""
    lines = []
    for line in str(text or "").splitlines():
        line = line.strip().lstrip(BULLETS).strip()
        if line:
            lines.append(line)
    return lines


def _numbered(numbers):
    return ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def check_statement_limits(lines, *, section_label, length=len):
    """Refuse (StatementsRefused) too many statements or one too long, by
    `length` of each; the message names the section, the statements and the limit."""
    if len(lines) > MAX_STATEMENTS_PER_SECTION:
        raise StatementsRefused(
            f"“{section_label}” has {len(lines)} statements. Keep to "
            f"{MAX_STATEMENTS_PER_SECTION} or fewer: combine or remove some."
        )
    long_ones = [(n, size) for n, size in enumerate(map(length, lines), 1) if size > STATEMENT_MAX]
    if len(long_ones) == 1:
        number, size = long_ones[0]
        raise StatementsRefused(
            f"Statement {number} in “{section_label}” has {size:,} characters. "
            f"Keep each statement to {STATEMENT_MAX} characters or fewer: split it over two lines."
        )
    if long_ones:
        raise StatementsRefused(
            f"Statements {_numbered([n for n, _ in long_ones])} in “{section_label}” are longer than "
            f"{STATEMENT_MAX} characters. Keep each statement short: split long ones over two lines."
        )


def parse_statements(text, *, section_label="This section"):
    """A section's box as a list of cleaned statements. Every limit is
    checked on the text as typed, before any of it is cleaned: the size of the
    box, the number of statements, the length of each (tags typed count as
    typed). Raises StatementsRefused, naming the section and the limit."""
    text = str(text or "")
    if len(text) > SECTION_MAX:
        raise StatementsRefused(
            f"“{section_label}” has {len(text):,} characters. Keep a section to {SECTION_MAX:,} "
            "characters or fewer: shorten or combine some statements."
        )
    lines = statement_lines(text)
    check_statement_limits(lines, section_label=section_label)
    statements = []
    for line in lines:
        cleaned = sanitise_line(line)
        if cleaned:
            statements.append(cleaned)
    return statements


def clean_sections(sections):
    """{section: [cleaned statements]} from {section: [statements]}, as
    save_reflection stores them, or SubmissionRefused naming the section and
    statement over a limit. Each statement is bounded before it is cleaned
    (the form's output is already clean and is passed through as it is); a
    statement whose words grew past the limit in cleaning is refused by name."""
    cleaned = {}
    for section, lines in sections.items():
        if section not in Section.values:
            raise SubmissionRefused({"__all__": f"Unknown section {section!r}."})
        label = Section(section).label
        try:
            if len(lines) > MAX_STATEMENTS_PER_SECTION:
                check_statement_limits(lines, section_label=label)
            for number, line in enumerate(lines, 1):
                if not isinstance(line, CleanLine) and len(line) > STATEMENT_STORED_MAX:
                    raise StatementsRefused(
                        f"Statement {number} in “{label}” has {len(line):,} characters. Keep each "
                        f"statement to {STATEMENT_MAX} characters or fewer: split it over two lines."
                    )
            cleaned[section] = [sanitise_line(line) for line in lines]
            check_statement_limits(cleaned[section], section_label=label, length=visible_length)
        except StatementsRefused as refused:
            raise SubmissionRefused({section: str(refused)}) from None
    return cleaned


def _snapshot(submission, *, user, note=""):
    if isinstance(submission, OnePagePlan):
        data = plan_data(submission)
        kwargs = {"plan": submission}
    else:
        data = reflection_data(submission)
        kwargs = {"reflection": submission}
    SubmissionVersion.objects.create(
        membership=submission.membership, version=submission.version, status=submission.status,
        data=data, author=user, note=note, **kwargs,
    )


def _bump(submission, *, expected_version, user, changes):
    """Write `changes` only if nobody saved since `expected_version`."""
    model = type(submission)
    updated = model.objects.filter(pk=submission.pk, version=expected_version).update(
        version=F("version") + 1, updated_by=user, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise EditConflict(model.objects.get(pk=submission.pk))
    submission.refresh_from_db()


@transaction.atomic
def save_plan(*, plan, data, user, expected_version):
    """Save a draft plan. `data` holds the form's cleaned values."""
    if not plan.is_editable:
        raise SubmissionRefused({"__all__": "This plan has been submitted and can no longer be changed."})
    too_long = {
        name: f"{plan_field_label(name)} must be {PLAN_FIELD_MAX:,} characters or fewer. "
              f"It has {len(str(data.get(name) or '')):,}: shorten it and save again."
        for name in PLAN_TEXT_FIELDS if len(str(data.get(name) or "")) > PLAN_FIELD_MAX
    }
    if too_long:  # before any of it is cleaned (see programme.sanitise)
        raise SubmissionRefused(too_long)
    _store(plan)
    changes = {
        name: (sanitise_html(data.get(name, "")) if name != "goal_category" else data.get(name, ""))
        for name in PLAN_FIELDS
    }
    _bump(plan, expected_version=expected_version, user=user, changes=changes)
    _snapshot(plan, user=user, note="Saved as draft")
    return plan


save_plan.alters_data = True


def _goal_progress_changes(reflection, goal_progress):
    """The rating to store with this save: None leaves it as it is; "" clears
    it (a draft may be unrated). Only a one-page report is rated."""
    if goal_progress is None:
        return {}
    if reflection.kind != ReflectionKind.FINAL_REPORT:
        raise SubmissionRefused({"__all__": "Only a one-page report rates the progress towards the goal."})
    if goal_progress not in ("", *GoalProgress.values):
        raise SubmissionRefused({"goal_progress": GOAL_PROGRESS_INVALID})
    return {"goal_progress": goal_progress}


@transaction.atomic
def save_reflection(*, reflection, sections, user, expected_version, goal_progress=None):
    """Save a draft reflection: `sections` maps a Section to a list of statements.
    `goal_progress` (a GoalProgress, or "" for none yet): a one-page report's
    rating of how far the organisation got towards its goal; None keeps the saved one.

    Statements whose text is unchanged keep their row (and so the learning
    themes facilitators attached to them); others are added or removed."""
    if not reflection.is_editable:
        raise SubmissionRefused({"__all__": "This has been submitted and can no longer be changed."})
    changes = _goal_progress_changes(reflection, goal_progress)
    # Callers pass parse_statements() output (already clean, passed through);
    # anything else is bounded and cleaned here, so no route can store raw HTML.
    sections = clean_sections(sections)
    _store(reflection)
    _bump(reflection, expected_version=expected_version, user=user, changes=changes)
    existing = {}
    for statement in reflection.statements.all():
        existing.setdefault((statement.section, statement.text), []).append(statement)
    keep, create = [], []
    for section in Section.values:
        for position, text in enumerate(sections.get(section, [])):
            reusable = existing.get((section, text))
            if reusable:
                statement = reusable.pop(0)
                statement.position = position
                keep.append(statement)
            else:
                create.append(Statement(reflection=reflection, section=section, position=position, text=text))
    Statement.objects.filter(reflection=reflection).exclude(pk__in=[s.pk for s in keep]).delete()
    Statement.objects.bulk_update(keep, ["position"])
    Statement.objects.bulk_create(create)
    _snapshot(reflection, user=user, note="Saved as draft")
    return reflection


save_reflection.alters_data = True


def submission_problems(submission, now=None):
    """What stops this from being submitted, field by field."""
    errors = {}
    if deadline_for(submission, now).passed:
        errors["__all__"] = (
            "The deadline has passed, so this can no longer be submitted. Your draft is kept: "
            "ask your facilitator to extend the deadline for your organisation."
        )
    if isinstance(submission, OnePagePlan):
        for name, message in PLAN_REQUIRED.items():
            if not str(getattr(submission, name) or "").strip():
                errors[name] = message
    elif submission.kind == ReflectionKind.FINAL_REPORT:
        present = set(submission.statements.values_list("section", flat=True))
        for section, message in REPORT_REQUIRED.items():
            if section not in present:
                errors[section] = message
        if submission.goal_progress not in GoalProgress.values:
            errors["goal_progress"] = GOAL_PROGRESS_REQUIRED
    elif not submission.statements.exists():
        errors["__all__"] = "Add at least one statement before submitting."
    return errors


@transaction.atomic
def submit(*, submission, user, expected_version, now=None, notify=True):
    """Submit a saved draft. Raises SubmissionRefused with field errors.
    Everyone taking part for the organisation is sent a receipt, unless
    `notify` is False (the demo loads work submitted long ago)."""
    if submission.status == SubmissionStatus.SUBMITTED:
        raise SubmissionRefused({"__all__": "This has already been submitted."})
    errors = submission_problems(submission, now)
    if errors:
        raise SubmissionRefused(errors)
    _bump(submission, expected_version=expected_version, user=user, changes={
        "status": SubmissionStatus.SUBMITTED, "submitted_at": now or timezone.now(), "submitted_by": user,
    })
    _snapshot(submission, user=user, note="Submitted")
    if notify:
        transaction.on_commit(lambda: send_submission_receipt(submission=submission, user=user))
    purge_public_pages()
    return submission


submit.alters_data = True


@transaction.atomic
def return_for_changes(*, submission, user, comment, reopen_until=None, notify=True, now=None):
    """A facilitator hands a submission back, with a comment, for changes.
    Everyone taking part for the organisation is emailed the comment and a
    link to change it (once it is committed), unless `notify` is False (for
    loading work returned long ago).

    After the deadline, returning it must reopen it: `reopen_until` (a date)
    becomes this organisation's own deadline, and nobody else's."""
    comment = (comment or "").strip()
    if not comment:
        raise SubmissionRefused({"comment": "Say what should change, so the organisation knows what to do."})
    if len(comment) > RETURN_COMMENT_MAX:
        raise SubmissionRefused({"comment": f"Keep the comment to {RETURN_COMMENT_MAX:,} characters or fewer."})
    if submission.status != SubmissionStatus.SUBMITTED:
        raise SubmissionRefused({"__all__": "Only a submitted plan or report can be returned."})
    kind = kind_of(submission)
    if reopen_until is None and deadline_for(submission, now).passed:
        raise SubmissionRefused({"reopen_until": (
            "The deadline has passed: give the date until which this organisation may submit it again."
        )})
    if reopen_until is not None and kind is not None:
        try:
            check_new_deadline(membership=submission.membership, kind=kind, until_date=reopen_until)
        except DeadlineRefused as refused:
            raise SubmissionRefused({"reopen_until": str(refused)}) from None
        extend_deadline(
            membership=submission.membership, kind=kind, until_date=reopen_until, user=user,
            reason="Returned for changes",
        )
    _bump(submission, expected_version=submission.version, user=user, changes={
        "status": SubmissionStatus.RETURNED, "return_comment": sanitise_html(comment), "returned_at": timezone.now(),
    })
    _snapshot(submission, user=user, note="Returned for changes")
    if notify:
        transaction.on_commit(lambda: send_returned_notice(submission=submission, user=user))
    purge_public_pages()
    return submission


return_for_changes.alters_data = True
