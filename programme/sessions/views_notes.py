"""Notes from the session: the facilitator's notes and the discussion's
questions and answers (one screen, no script needed: blank rows to add,
a "Remove" box and a position to reorder), and copying a presentation's
questions onto its case study page as a draft. The rules are
programme/sessions/notes.py. Mounted under /admin/peer-learning/
(programme/admin/urls.py)."""
from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.models import Presentation, ProgrammeSession, SessionNotes, SessionQuestion
from programme.models.notes import (
    ANSWER_MAX_LENGTH,
    MAX_QUESTIONS,
    NOTES_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
)
from programme.sessions.notes import (
    NotesChanged,
    QuestionRow,
    answer_as_rich_text,
    copy_refusal,
    copy_to_case_study,
    notes_version,
    plan_copy,
    save_session_notes,
)

GENERAL = ""  # the presentation choice of a question about the session in general
BLANK_ROWS = 3  # blank rows offered below the recorded ones: "add" without a script


class NotesForm(forms.Form):
    # Which saved notes the form started from (notes_version): saving over
    # someone else's later save is refused, not done silently.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    notes = forms.CharField(
        label="Notes", required=False, max_length=NOTES_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"For the facilitators only: never published. Up to {NOTES_MAX_LENGTH:,} characters.",
        error_messages={"max_length": "Keep the notes to %(limit_value)s characters or fewer "
                                      "(they have %(show_value)s)."},
    )


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="Question", required=False, max_length=QUESTION_MAX_LENGTH,
        help_text=f"Up to {QUESTION_MAX_LENGTH} characters, as a case study page's discussion allows.",
        error_messages={"max_length": "Keep the question to %(limit_value)s characters or fewer "
                                      "(it has %(show_value)s)."},
    )
    answer = forms.CharField(
        label="Answer", required=False, max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Plain text, up to {ANSWER_MAX_LENGTH:,} characters. A blank line starts a new paragraph.",
        error_messages={"max_length": "Keep the answer to %(limit_value)s characters or fewer "
                                      "(it has %(show_value)s)."},
    )
    presentation = forms.TypedChoiceField(
        label="About", required=False, coerce=int, empty_value=None,
        help_text="A presentation's questions can be copied to its case study page.",
        error_messages={"invalid_choice": "Choose one of this session's presentations, or the session in general."},
    )

    def __init__(self, *args, presentations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presentation"].choices = [(GENERAL, "The session in general")] + [
            (p.pk, f"{p.topic} ({p.presenters})") for p in presentations
        ]

    def clean(self):
        cleaned = super().clean()
        question, answer = (cleaned.get("question") or "").strip(), (cleaned.get("answer") or "").strip()
        if self.has_error("question") or self.has_error("answer"):
            return cleaned
        if answer and not question:
            self.add_error("question", "Write the question this answers, or clear the answer.")
        elif question and not answer:
            self.add_error("answer", "Write the answer given, or clear the question.")
        return cleaned

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("question") or "").strip() and not (data.get("answer") or "").strip()


class BaseQuestionFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": f"A session's notes hold up to {MAX_QUESTIONS} questions: remove some, or keep the "
                          "rest in the notes.",
        "missing_management_form": "The form was not sent in full. Nothing was saved: reload the page and try again.",
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position"
        form.fields["ORDER"].help_text = "Rows are saved in the order of these numbers."
        form.fields["ORDER"].error_messages["invalid"] = "Give the position as a whole number."
        form.fields["DELETE"].label = "Remove this question"

    def rows(self):
        """The questions to keep, in the order asked for (blank and removed rows left out)."""
        kept = [form for form in self.ordered_forms if not form.is_blank] if self.can_order else []
        return [QuestionRow(question=f.cleaned_data["question"], answer=f.cleaned_data["answer"],
                            presentation_id=f.cleaned_data.get("presentation")) for f in kept]


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=BLANK_ROWS, can_order=True, can_delete=True,
    max_num=MAX_QUESTIONS, validate_max=True, absolute_max=MAX_QUESTIONS + BLANK_ROWS,
)


def _session(request, session_id):
    return facilitated_or_404(
        ProgrammeSession.objects.select_related("cohort__programme").prefetch_related(
            Prefetch("presentations", queryset=Presentation.objects.select_related("case_study")
                     .order_by("sort_order", "pk")),
        ),
        request.user, pk=session_id,
    )


def _error_count(notes_form, formset):
    return (len(notes_form.errors) + len(formset.non_form_errors())
            + sum(len(form.errors) for form in formset.forms))


@require_http_methods(["GET", "POST"])
def session_notes(request, session_id):
    session = _session(request, session_id)
    presentations = list(session.presentations.all())
    questions = list(SessionQuestion.objects.filter(session_id=session.pk).order_by("position", "pk"))
    stored = SessionNotes.objects.filter(session_id=session.pk).first()
    url = reverse("programme_admin:session_notes", args=[session.pk])
    initial = [{"question": q.question, "answer": q.answer, "presentation": q.presentation_id or GENERAL,
                "ORDER": position} for position, q in enumerate(questions, start=1)]
    kwargs = {"form_kwargs": {"presentations": presentations}, "prefix": "questions"}
    if request.method == "POST":
        notes_form = NotesForm(request.POST)
        formset = QuestionFormSet(request.POST, **kwargs)
        if notes_form.is_valid() and formset.is_valid():
            rows = formset.rows()
            try:
                save_session_notes(session=session, notes=notes_form.cleaned_data["notes"], rows=rows,
                                   user=request.user,
                                   # a post that says nothing of what it started from is not checked
                                   seen=notes_form.cleaned_data["seen"] if "seen" in request.POST else None)
            except NotesChanged as changed:
                # What they typed stays on the screen; saving it again is now a choice, made knowingly.
                data = request.POST.copy()
                data["seen"] = changed.version
                notes_form = NotesForm(data)
                notes_form.is_valid()
                notes_form.add_error(None, str(changed))
            except ValueError as problem:
                notes_form.add_error(None, str(problem))
            else:
                count = len(rows)
                messages.success(request, "Notes saved, with "
                                 + ("1 question and answer." if count == 1 else f"{count} questions and answers."))
                return redirect(url)
        messages.error(request, "The notes could not be saved because of the errors below. Nothing was saved.")
    else:
        notes_form = NotesForm(initial={"notes": stored.notes if stored else "", "seen": notes_version(stored)})
        formset = QuestionFormSet(initial=initial, **kwargs)
    by_presentation = {p.pk: [q for q in questions if q.presentation_id == p.pk] for p in presentations}
    copies = [
        {"presentation": p, "count": len(by_presentation[p.pk]),
         "refusal": copy_refusal(presentation=p, questions=by_presentation[p.pk], user=request.user),
         "url": reverse("programme_admin:session_notes_copy", args=[session.pk, p.pk])}
        for p in presentations
    ]
    return TemplateResponse(request, "programme/admin/session_notes.html", {
        "session": session,
        "cohort": session.cohort,
        "notes_form": notes_form,
        "formset": formset,
        "error_count": _error_count(notes_form, formset) if request.method == "POST" else 0,
        "copies": copies,
        "action_url": url,
        "max_questions": MAX_QUESTIONS,
        "overview_url": reverse("programme_admin:cohort_overview", args=[session.cohort_id]),
        "sessions_url": reverse("programme_programmesession_modeladmin_index") + f"?cohort={session.cohort_id}",
    })


@require_http_methods(["GET", "POST"])
def session_notes_copy(request, session_id, presentation_id):
    """A preview of what copying writes on the case study page, and (POST)
    the copy: a new draft revision, never published from here."""
    session = _session(request, session_id)
    presentation = next((p for p in session.presentations.all() if p.pk == presentation_id), None)
    if presentation is None:
        raise Http404("Not a presentation of this session.")
    questions = list(SessionQuestion.objects.filter(session_id=session.pk, presentation_id=presentation.pk)
                     .order_by("position", "pk"))
    plan = plan_copy(presentation=presentation, questions=questions, user=request.user)
    notes_url = reverse("programme_admin:session_notes", args=[session.pk])
    if request.method == "POST":
        # Refused: nothing is written, and the preview says why (Wagtail's
        # admin would turn a PermissionDenied into a bare redirect home).
        try:
            copy_to_case_study(plan=plan, user=request.user)
        except (PermissionError, ValueError) as problem:
            messages.error(request, f"Nothing was copied. {problem}")
            return redirect(reverse("programme_admin:session_notes_copy", args=[session.pk, presentation.pk]))
        count = len(questions)
        messages.success(
            request,
            f"{count} question{'' if count == 1 else 's'} copied to “{plan.page.title}” as a draft: "
            "review it and publish it from the page's edit screen.",
            buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[plan.page.pk]), "Review and publish")],
        )
        return redirect(notes_url)
    preview = [{"question": q.question, "answer": answer_as_rich_text(q.answer)} for q in questions]
    return TemplateResponse(request, "programme/admin/session_notes_copy.html", {
        "session": session,
        "cohort": session.cohort,
        "presentation": presentation,
        "plan": plan,
        "preview": preview,
        "action_url": reverse("programme_admin:session_notes_copy", args=[session.pk, presentation.pk]),
        "notes_url": notes_url,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[plan.page.pk]) if plan.page else "",
    })


urlpatterns = [
    path("sessions/<int:session_id>/notes/", session_notes, name="session_notes"),
    path("sessions/<int:session_id>/notes/copy/<int:presentation_id>/", session_notes_copy,
         name="session_notes_copy"),
]
