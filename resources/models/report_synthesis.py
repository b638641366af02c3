"""The written synthesis of a programme report that points at the data: the
headline quotes (statements the organisations wrote), a write-up per session,
a narrative per learning theme and the useful links. Each is a child of the
report page (an InlinePanel), so it is kept in the page's revisions with the
rest of the page; programme.reporting.build resolves the references into
words and figures when the report is built.

The choices that name programme data (statements, sessions) are scoped to the
programmes the editing user facilitates: a facilitator never sees another
programme's words in a drop-down. Themes are shared by every programme, and
resource pages are public, so they need no scoping."""
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from programme.enums import MembershipStatus, ReflectionKind, SubmissionStatus
from programme.models import ProgrammeSession, Statement
from programme.permissions import scope_to_facilitator
from programme.sanitise import plain_text

from .resource_pages import validate_web_url

WRITE_UP_FEATURES = ["bold", "italic", "link", "ul", "ol"]
NARRATIVE_FEATURES = ["bold", "italic", "link"]


def quotable_statements(user):
    """Statements a facilitator may pick as headline quotes: submitted one-page
    report statements of consenting, accepted organisations in the cohorts
    they facilitate. (The report builder checks again, against the page's own
    cohort and the consent at publication.)"""
    if user is None:
        return Statement.objects.none()
    statements = Statement.objects.filter(
        reflection__kind=ReflectionKind.FINAL_REPORT, reflection__status=SubmissionStatus.SUBMITTED,
        reflection__membership__status=MembershipStatus.ACCEPTED,
        reflection__membership__consent_to_publish=True,
    )
    return (
        scope_to_facilitator(statements, user)
        .select_related("reflection__membership__organisation", "reflection__membership__cohort")
        .order_by("reflection__membership__cohort__name", "reflection__membership__organisation__name",
                  "section", "position", "pk")
    )


def reportable_sessions(user):
    if user is None:
        return ProgrammeSession.objects.none()
    return scope_to_facilitator(ProgrammeSession.objects.all(), user).select_related("cohort").order_by(
        "cohort__name", "starts_at", "pk"
    )


class ScopedChildForm(WagtailAdminModelForm):
    """A child form of the report page whose drop-down lists only what the
    editing user facilitates (`for_user` is passed down from the page form)."""

    scoped_field = ""

    def scoped_queryset(self, user):  # pragma: no cover - each subclass says
        raise NotImplementedError

    def option_label(self, obj):  # pragma: no cover
        return str(obj)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.scoped_field)
        if field is not None:
            field.queryset = self.scoped_queryset(self.for_user)
            field.label_from_instance = self.option_label


class HeadlineQuoteForm(ScopedChildForm):
    scoped_field = "statement"

    def scoped_queryset(self, user):
        return quotable_statements(user)

    def option_label(self, statement):
        membership = statement.reflection.membership
        return (f"{membership.cohort.name} · {membership.organisation.name} · {statement.get_section_display()}: "
                f"{plain_text(statement.text)[:140]}")


class SessionWriteUpForm(ScopedChildForm):
    scoped_field = "session"

    def scoped_queryset(self, user):
        return reportable_sessions(user)

    def option_label(self, session):
        return f"{session.cohort.name} · {session.title} ({session.starts_at:%d %b %Y})"


class ScopedInlinePanel(InlinePanel):
    """An InlinePanel whose child forms are `form`, given the page form's user."""

    def __init__(self, relation_name, *args, form=None, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.child_form = form

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["form"] = self.child_form
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        if self.child_form is not None:
            options["formsets"][self.relation_name].update(form=self.child_form, inherit_kwargs=["for_user"])
        return options


class ReportHeadlineQuote(Orderable):
    """A statement shown, without attribution, on the page of headline quotes
    that opens section 3 (the 2021 report's "Participant reflections on progress")."""

    page = ParentalKey("resources.ProgrammeReportPage", on_delete=models.CASCADE, related_name="headline_quotes")
    statement = models.ForeignKey(
        "programme.Statement", on_delete=models.CASCADE, related_name="+",
        help_text="From a consenting organisation's one-page report. Shown without its label.",
    )

    panels = [FieldPanel("statement")]


class ReportSessionWriteUp(Orderable):
    """What happened in one session (section 2.2.1, 2.2.2…): the facilitator's
    words beside the session's presentation, its case study's summary and the
    discussion questions and answers of the case study page."""

    page = ParentalKey("resources.ProgrammeReportPage", on_delete=models.CASCADE, related_name="session_write_ups")
    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="+")
    write_up = RichTextField(features=WRITE_UP_FEATURES, blank=True,
                             help_text="Leave empty to use the case study's summary.")
    show_discussion = models.BooleanField(
        "show the case study's discussion questions and answers", default=True,
    )

    panels = [FieldPanel("session"), FieldPanel("write_up"), FieldPanel("show_discussion")]


class ReportThemeNarrative(Orderable):
    """A paragraph on one learning theme (sections 4.1 to 4.6 are paragraphs,
    not only counts). Shown in public only when the theme itself is."""

    page = ParentalKey("resources.ProgrammeReportPage", on_delete=models.CASCADE, related_name="theme_narratives")
    theme = models.ForeignKey("programme.LearningTheme", on_delete=models.CASCADE, related_name="+")
    narrative = RichTextField(features=NARRATIVE_FEATURES,
                              help_text="Say what the theme meant in practice. Do not give small numbers.")

    panels = [FieldPanel("theme"), FieldPanel("narrative")]


class ReportUsefulLink(Orderable):
    """A link in section 5 beyond the sessions' follow-up resources: a page of
    the resource library, or an address typed here."""

    page = ParentalKey("resources.ProgrammeReportPage", on_delete=models.CASCADE, related_name="useful_links")
    resource = models.ForeignKey(
        "resources.ResourcePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="A resource from the library (its title, description and link are used).",
    )
    title = models.CharField(max_length=200, blank=True, help_text="Or a link of your own: its title…")
    url = models.CharField("address", max_length=500, blank=True, validators=[validate_web_url],
                           help_text="…its web address (https:// or http://)…")
    description = models.TextField(max_length=1000, blank=True, help_text="…and what it is for.")

    panels = [PageChooserPanel("resource", "resources.ResourcePage"), FieldPanel("title"), FieldPanel("url"),
              FieldPanel("description")]

    def clean(self):
        super().clean()
        if not self.resource_id and not (self.title.strip() and self.url.strip()):
            raise ValidationError({"title": "Choose a resource, or give a title and an address."})


SYNTHESIS_PANELS = [
    ScopedInlinePanel("session_write_ups", form=SessionWriteUpForm, heading="2.2 Session write-ups",
                      label="Session write-up"),
    ScopedInlinePanel("headline_quotes", form=HeadlineQuoteForm, heading="3. Headline quotes",
                      label="Headline quote"),
    InlinePanel("theme_narratives", heading="4. Narratives of the learning themes", label="Theme narrative"),
    InlinePanel("useful_links", heading="5. Useful links beyond the follow-up resources", label="Useful link"),
]
