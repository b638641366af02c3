"""Programme report pages: the end-of-programme report of a cohort, built from
its data by programme.report.build_report (always in public, anonymised mode)
with the facilitator's commentary around it. The facilitator creates the page,
previews it, adds commentary and publishes through Wagtail's normal workflow."""
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from programme.models import Cohort
from programme.permissions import scope_to_facilitator
from programme.reporting.build import build_report

COMMENTARY_FEATURES = ["h3", "bold", "italic", "link", "ul", "ol"]


class ProgrammeReportIndexPage(Page):
    """Lists the published programme reports, newest first."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.HomePage"]
    subpage_types = ["resources.ProgrammeReportPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ProgrammeReportPage.objects.child_of(self).live().public()
            .select_related("cohort__programme")
            .order_by("-first_published_at", "title")
        )
        return context


class ProgrammeReportPageForm(WagtailAdminPageForm):
    """A facilitator may only report on cohorts of programmes they facilitate
    (the rule of programme.permissions). A cohort already chosen stays
    choosable, so that editing a page someone else set up does not fail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("cohort")
        if field is None or self.for_user is None:
            return
        queryset = scope_to_facilitator(field.queryset, self.for_user)
        current = getattr(self.instance, "cohort_id", None)
        if current:
            queryset = Cohort.objects.filter(pk__in=queryset.values("pk")) | Cohort.objects.filter(pk=current)
        field.queryset = queryset.select_related("programme").order_by("programme__title", "name")


class ProgrammeReportPage(Page):
    """The published report of one cohort (the 2021 programme report)."""

    cohort = models.ForeignKey(
        "programme.Cohort", on_delete=models.PROTECT, related_name="report_pages",
        help_text="The cohort whose submitted plans, reports and themes this report shows.",
    )
    summary = models.TextField(
        max_length=600, help_text="Two or three sentences for listings and search results."
    )
    introduction = RichTextField(features=COMMENTARY_FEATURES, blank=True)
    approach_commentary = RichTextField(
        features=COMMENTARY_FEATURES, blank=True,
        help_text="Shown after the sessions: what the approach was and how it worked.",
    )
    conclusion = RichTextField(
        features=COMMENTARY_FEATURES, blank=True,
        help_text="Shown after the learning themes: key learning points, suggestions for success.",
    )
    threshold_override = models.PositiveSmallIntegerField(
        "smallest count shown", null=True, blank=True,
        help_text='Theme counts below this show as "fewer than N". Leave empty to use the cohort\'s setting.',
    )
    show_feedback = models.BooleanField(
        "show feedback on the programme", default=True,
        help_text="What participants found valuable, and what would be even better.",
    )

    base_form_class = ProgrammeReportPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("approach_commentary"),
        index.SearchField("conclusion"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("cohort"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("approach_commentary"),
        FieldPanel("conclusion"),
        MultiFieldPanel(
            [FieldPanel("threshold_override"), FieldPanel("show_feedback")],
            heading="What the report shows",
        ),
    ]
    parent_page_types = ["resources.ProgrammeReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "programme report"

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .case_studies import parent_link

        context = super().get_context(request, *args, **kwargs)
        context.update(parent_link(self, request))
        cohort = Cohort.objects.select_related("programme").get(pk=self.cohort_id)
        context["report"] = build_report(cohort=cohort, public=True, threshold=self.threshold_override)
        context["show_feedback"] = self.show_feedback
        return context
