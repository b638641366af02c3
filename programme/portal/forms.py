"""The portal's forms. They check what a person typed and turn it into what
the domain functions in programme.submissions.writing take; they never carry the
organisation, the cohort or the author (the views take those from the server).

Text areas have no `maxlength` attribute on purpose: a browser would silently
cut pasted text short. The length is checked here and explained instead."""
from html.parser import HTMLParser

from django import forms
from django.http import Http404
from django.utils import timezone

from programme.actions.tracking import add_action, update_action
from programme.enums import (
    GOAL_CATEGORY_DESCRIPTIONS,
    REPORT_SECTIONS,
    GoalCategory,
    GoalProgress,
    RAGStatus,
    Section,
    SessionRating,
    SessionStatus,
)
from programme.models import Action, OnePagePlan, ProgrammeSession
from programme.models.feedback import FEEDBACK_ANSWER_MAX
from programme.models.submissions import PLAN_FIELD_MAX
from programme.submissions.content import PLAN_TEXT_FIELDS, plan_field_label
from programme.submissions.writing import GOAL_PROGRESS_INVALID, StatementsRefused, parse_statements

ONE_PER_LINE = "One statement per line."
BULLET = "• "

SECTION_HINTS = {
    Section.VALUABLE: "What helped you most: sessions, case studies, 1-1s, the plan, other people?",
    Section.EVEN_BETTER: "If the programme ran again, what would make it even better?",
    Section.PROGRESS: "What has changed? What have you set up, agreed or achieved? Numbers help.",
    Section.CHALLENGES: "What got in the way, and how did you get round it?",
    Section.ENABLERS: "Who or what helped you make progress?",
    Section.NEXT: "What will you do next, and with whom?",
}
PLAN_HINTS = {
    "success": "How you will know you have got there: what will have changed, for whom, how many.",
    "first_actions": "What you will do first, and who will do it.",
}


# ---------------------------------------------------------------------------
# Stored text back into something a person can edit


class _TextOnly(HTMLParser):
    BREAKS = {"br", "p", "li", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def editable_text(stored):
    """Participant text is stored sanitised (`&` as `&amp;`, web addresses made
    into links). Put back into a text area as it is, a person would see that
    markup; this returns the words they typed instead. Saving them again gives
    the same stored text, so nothing changes by opening and saving a form."""
    if not stored:
        return ""
    parser = _TextOnly()
    parser.feed(str(stored))
    parser.close()
    return "".join(parser.parts).strip()


# ---------------------------------------------------------------------------
# Fields


class LongText(forms.CharField):
    """A text area whose length is checked on the server with a clear message."""

    def __init__(self, *, label, max_length, rows=5, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            label=label, max_length=max_length, strip=True,
            widget=forms.Textarea(attrs={"rows": rows}),
            error_messages={
                "max_length": (
                    f"{label} must be {max_length:,} characters or fewer. "
                    "It has %(show_value)s: shorten it and save again."
                ),
            },
            **kwargs,
        )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class StatementsField(forms.CharField):
    """A section of a reflection: one statement per line, cleaned into a list.
    Every limit (the box's size, the number of statements, each one's length)
    is checked by parse_statements on the text as typed, before any of it is
    cleaned; its message names the section, the statement and the limit."""

    def __init__(self, *, label, hint, **kwargs):
        super().__init__(
            label=label, required=False, strip=False, help_text=f"{hint} {ONE_PER_LINE}",
            widget=forms.Textarea(attrs={"rows": 7}), **kwargs,
        )
        self.section_label = label

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_statements(text, section_label=self.section_label)
        except StatementsRefused as refused:
            raise forms.ValidationError(str(refused), code="limit") from None


class CohortSessionField(forms.ModelChoiceField):
    """A session of the person's own cohort. Any other session id is not for
    them to name: answered with 404, like another organisation's id in a URL."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise Http404("No such session.") from None

    def label_from_instance(self, session):
        return f"{session.title} – {timezone.localtime(session.starts_at):%-d %B %Y}"


def cohort_sessions(cohort, *, upcoming=False, keep=None):
    sessions = ProgrammeSession.objects.filter(cohort=cohort).exclude(status=SessionStatus.CANCELLED)
    if upcoming:
        now = timezone.now()
        sessions = sessions.filter(ends_at__gte=now) if keep is None else (
            sessions.filter(ends_at__gte=now) | sessions.filter(pk=keep.pk)
        )
    return sessions.order_by("starts_at", "pk")


class VersionMixin(forms.Form):
    """The version of the saved text this form was opened at (for EditConflict)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1,
        error_messages={"required": "This form is out of date: reload the page and try again."},
    )


# ---------------------------------------------------------------------------
# The one-page plan


def _plan_help(name):
    return PLAN_HINTS.get(name) or str(OnePagePlan._meta.get_field(name).help_text)


class PlanForm(VersionMixin):
    issue = LongText(label=plan_field_label("issue"), help_text=_plan_help("issue"), max_length=PLAN_FIELD_MAX)
    goal = LongText(label=plan_field_label("goal"), help_text=_plan_help("goal"), max_length=PLAN_FIELD_MAX, rows=4)
    goal_category = forms.ChoiceField(
        label="Which category fits your goal best?", choices=GoalCategory.choices, required=False,
        widget=forms.RadioSelect,
    )
    success = LongText(label=plan_field_label("success"), help_text=_plan_help("success"), max_length=PLAN_FIELD_MAX)
    first_actions = LongText(
        label=plan_field_label("first_actions"), help_text=_plan_help("first_actions"), max_length=PLAN_FIELD_MAX,
    )
    team = LongText(label=plan_field_label("team"), help_text=_plan_help("team"), max_length=PLAN_FIELD_MAX, rows=3)

    field_order = ["issue", "goal", "goal_category", "success", "first_actions", "team", "version"]

    @classmethod
    def initial_for(cls, plan):
        initial = {name: editable_text(getattr(plan, name)) for name in cls.text_fields()}
        initial["goal_category"] = plan.goal_category
        initial["version"] = plan.version
        return initial

    @classmethod
    def text_fields(cls):
        return PLAN_TEXT_FIELDS

    def category_options(self):
        """The radio buttons, each with the description from the programme report."""
        return [(radio, GOAL_CATEGORY_DESCRIPTIONS.get(radio.data["value"], "")) for radio in self["goal_category"]]

    def plan_data(self):
        return {name: self.cleaned_data[name] for name in [*self.text_fields(), "goal_category"]}


# ---------------------------------------------------------------------------
# Check-ins and the one-page report


class ReflectionForm(VersionMixin):
    """Sections of statements: the four of a check-in or one-page report, or
    the two of feedback on the programme (`sections=FEEDBACK_SECTIONS`).
    With `goal_progress=True` (the one-page report), the organisation's rating
    of how far it got towards its goal, after the sections. Not required here:
    a draft may leave it empty; submitting asks for it
    (programme.submissions.writing.submission_problems)."""

    def __init__(self, *args, session_choices=None, sections=REPORT_SECTIONS, goal_progress=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.report_sections = list(sections)
        version = self.fields.pop("version")
        if session_choices is not None:
            self.fields["session"] = CohortSessionField(
                queryset=session_choices, required=False, label="Which session does this check-in look ahead to?",
                empty_label="None in particular",
                help_text="Your facilitator reads check-ins before the session.",
            )
        for section in self.report_sections:
            self.fields[section.value] = StatementsField(label=section.label, hint=SECTION_HINTS[section])
        if goal_progress:
            self.fields["goal_progress"] = forms.ChoiceField(
                label="How far did you get towards your goal?", choices=GoalProgress.choices, required=False,
                widget=forms.RadioSelect, error_messages={"invalid_choice": GOAL_PROGRESS_INVALID},
            )
        self.fields["version"] = version

    @staticmethod
    def initial_for(reflection, texts, sections=REPORT_SECTIONS):
        """`texts` is statements_as_text(reflection). Each statement starts
        with a bullet, so that a long one wrapping over several lines of the
        box still reads as one; parse_statements drops the bullets again."""
        initial = {
            section.value: "\n".join(
                f"{BULLET}{editable_text(line)}" for line in texts.get(section.value, "").splitlines()
            )
            for section in sections
        }
        initial["version"] = reflection.version
        initial["session"] = reflection.session_id
        initial["goal_progress"] = reflection.goal_progress
        return initial

    def section_fields(self):
        return [self[section.value] for section in self.report_sections]

    def sections(self):
        return {section.value: self.cleaned_data[section.value] for section in self.report_sections}

    def chosen_goal_progress(self):
        """The rating chosen ("" for none), or None when this form does not ask for one."""
        return self.cleaned_data.get("goal_progress", "") if "goal_progress" in self.fields else None


# ---------------------------------------------------------------------------
# Actions


class ActionForm(forms.ModelForm):
    """Add an action. The organisation and author are set by the view."""

    session = CohortSessionField(
        queryset=ProgrammeSession.objects.none(), required=False, label="Agreed at which session? (optional)",
        empty_label="Not agreed at a session",
    )

    class Meta:
        model = Action
        fields = ["description", "owner", "due_on", "session"]
        labels = {"description": "What will you do?", "owner": "Who will do it?", "due_on": "Due date (optional)"}
        help_texts = {"owner": "A name, or a role or team.", "due_on": "For example 30/04/2026."}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            # Plain text, not type="date": browsers show their own format
            # (often the American one) in a date box, and the hint would lie.
            "due_on": forms.DateInput(attrs={"autocomplete": "off", "class": "input-date"}, format="%d/%m/%Y"),
        }
        error_messages = {
            "description": {
                "required": "Describe the action.",
                "max_length": "Keep the action to %(limit_value)d characters or fewer (it has %(show_value)d).",
            },
            "owner": {
                "required": "Say who will do it.",
                "max_length": "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d).",
            },
            "due_on": {"invalid": "Enter a real date, for example 30/04/2026."},
        }

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = cohort_sessions(cohort)
        for name in ("description", "owner"):
            self.fields[name].widget.attrs.pop("maxlength", None)

    def save_for(self, *, membership, user):
        data = self.cleaned_data
        return add_action(
            membership=membership, user=user, description=data["description"], owner=data["owner"],
            due_on=data.get("due_on"), session=data.get("session"),
        )

    save_for.alters_data = True


class ActionUpdateForm(forms.Form):
    """A dated note on an action's progress, which may move its RAG status."""

    note = forms.CharField(
        label="What has happened?", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write a short note on what has happened.",
            "max_length": "Keep the note to %(limit_value)d characters or fewer (it has %(show_value)d).",
        },
    )
    status = forms.ChoiceField(
        label="Status now", choices=RAGStatus.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status now."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs.pop("maxlength", None)

    def save_for(self, *, action, user):
        return update_action(
            action=action, user=user, note=self.cleaned_data["note"], status=self.cleaned_data["status"],
        )

    save_for.alters_data = True


# ---------------------------------------------------------------------------
# Feedback after a session


class SessionFeedbackForm(forms.Form):
    """A rating and two short answers. The session and the person come from
    the server (the URL and the login), never from the form."""

    rating = forms.TypedChoiceField(
        label="How useful was the session for you?", choices=SessionRating.choices, coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how useful the session was for you.",
            "invalid_choice": "Choose one of the five answers, from “Not useful” to “Very useful”.",
        },
    )
    useful = LongText(label="What was useful?", max_length=FEEDBACK_ANSWER_MAX, rows=4,
                      help_text="For example a case study, a discussion, or something you will try.")
    better = LongText(label="What would have made it better?", max_length=FEEDBACK_ANSWER_MAX, rows=4,
                      help_text="Anything we could change for the next session.")

    @staticmethod
    def initial_for(feedback):
        if feedback is None:
            return {}
        return {"rating": feedback.rating, "useful": editable_text(feedback.useful),
                "better": editable_text(feedback.better)}
