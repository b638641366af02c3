"""Programme report pages: the end-of-programme report of a cohort, built from
its data by programme.reporting.build.build_report (always in public, anonymised mode)
with the facilitator's commentary around it. The facilitator creates the page,
previews it, adds commentary and publishes through Wagtail's normal workflow."""
import re

from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from programme.models import Cohort
from programme.permissions import can_facilitate, is_facilitator, scope_to_facilitator
from programme.reporting.build import build_report
from programme.reporting.data import LinkChoice, Synthesis
from programme.reporting.snapshot import is_frozen, snapshot_text, thaw
from resources.report_downloads import report_download
from resources.report_panels import ReportPublicationPanel
from resources.report_publishing import freeze_revision
from resources.stemming import stems

from .report_synthesis import SYNTHESIS_PANELS

COMMENTARY_FEATURES = ["h3", "bold", "italic", "link", "ul", "ol"]
# What the facilitators of a report's programme may do with its page.
REPORT_ACTIONS = {"add", "change", "publish", "lock", "unlock"}


def may_see_report_page(user, page):
    """Site administrators and the facilitators of the report's programme. A
    page still being created has no cohort yet: any facilitator may make one
    (its form offers only the cohorts they facilitate)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cohort_id = getattr(page.specific, "cohort_id", None)
    if page.pk is None and cohort_id is None:
        return is_facilitator(user)
    return cohort_id is not None and can_facilitate(user, page.specific.cohort)


class ReportPagePermissionTester(PagePermissionTester):
    """A programme report page: what its programme's facilitators (and site
    administrators) may do; nothing for anyone else, whatever their groups."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions = set(REPORT_ACTIONS) if may_see_report_page(user, page) else set()

    def can_edit(self):
        # Not Wagtail's "the owner with add may edit": only the rule above counts.
        return self.user.is_active and (self.user.is_superuser or "change" in self.permissions)

    def can_copy_to(self, destination, recursive=False):
        # A copy stays bound to the same cohort: the maker must facilitate it.
        return may_see_report_page(self.user, self.page) and super().can_copy_to(destination, recursive)


class ReportIndexPermissionTester(PagePermissionTester):
    """The programme reports index: facilitators hold only "add" on it, and
    may publish the report pages they add (their own tester decides the rest).
    They may not edit, unpublish, move or delete the index itself."""

    def can_publish_subpage(self):
        if self.user.is_superuser:
            return True
        return super().can_publish_subpage() or (is_facilitator(self.user) and self.can_add_subpage())


class ProgrammeReportIndexPage(Page):
    """Lists the published programme reports, newest first. One per site:
    the Facilitators group holds "add" on it (programme/permissions.py)."""

    max_count = 1

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.HomePage"]
    subpage_types = ["resources.ProgrammeReportPage"]

    def permissions_for_user(self, user):
        return ReportIndexPermissionTester(user, self)

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


class ProgrammeReportPage(RoutablePageMixin, Page):
    """The published report of one cohort (the 2021 programme report).

    Publishing freezes it (resources/report_publishing.py): the public page,
    its Word file (download/word/) and its PDF (download/pdf/) render the `snapshot`
    stored by the last publication; the editor's preview builds it from the
    cohort's data as it is now."""

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
    background = RichTextField(
        features=COMMENTARY_FEATURES, blank=True,
        help_text="Section 1.1: why the programme was set up, and by whom. Shown before its objective.",
    )
    session_format = RichTextField(
        "what each session involved", features=COMMENTARY_FEATURES, blank=True,
        help_text="Section 1.3: the shape of a session (reflections, a case study, discussion, action planning).",
    )
    key_learning_points = models.TextField(
        blank=True, max_length=4000,
        help_text="Section 4, before the themes: one point per line, shown as a numbered list "
                  "(the 2021 report's \u201csix suggestions for success\u201d).",
    )
    # The report as last published (programme.reporting.snapshot): written
    # when the page is published, never by the page form.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    freezes_on_publish = True

    base_form_class = ProgrammeReportPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("approach_commentary"),
        index.SearchField("conclusion"),
        # What the published report says, and its words' stems ("apprentice" finds "apprenticeships").
        index.SearchField("published_text"),
        index.SearchField("published_stems"),
    ]
    content_panels = Page.content_panels + [
        ReportPublicationPanel(heading="Publication"),
        FieldPanel("cohort"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("background"),
        FieldPanel("session_format"),
        FieldPanel("approach_commentary"),
        FieldPanel("key_learning_points"),
        FieldPanel("conclusion"),
        MultiFieldPanel(
            [FieldPanel("threshold_override"), FieldPanel("show_feedback")],
            heading="What the report shows",
        ),
        *SYNTHESIS_PANELS,
    ]
    parent_page_types = ["resources.ProgrammeReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "programme report"

    @classmethod
    def hidden_from(cls, user):
        """The report pages `user` may not open in the admin."""
        pages = cls.objects.all()
        if not (user.is_authenticated and user.is_active):
            return pages
        if user.is_superuser:
            return pages.none()
        return pages.exclude(cohort__programme__facilitators=user)

    def permissions_for_user(self, user):
        return ReportPagePermissionTester(user, self)

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .case_studies import parent_link

        context = super().get_context(request, *args, **kwargs)
        context.update(parent_link(self, request))
        # The editor's preview shows the data as it is now; the public, what was published.
        preview = getattr(request, "is_preview", False)
        context["report"] = (None if preview else self.published_report()) or self.live_report(public=True)
        context["downloads"] = not preview and self.published_report() is not None
        return context

    def synthesis(self) -> Synthesis:
        """What the editors wrote, as build_report takes it (works on a page
        built from a revision or a preview as well as on a saved one)."""
        points = [re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line).strip()
                  for line in self.key_learning_points.splitlines()]
        return Synthesis(
            background=self.background, session_format=self.session_format, introduction=self.introduction,
            approach_commentary=self.approach_commentary, conclusion=self.conclusion,
            key_learning_points=tuple(point for point in points if point),
            quote_statement_ids=tuple(q.statement_id for q in self.headline_quotes.all() if q.statement_id),
            session_write_ups={w.session_id: (w.write_up, w.show_discussion)
                               for w in self.session_write_ups.all() if w.session_id},
            theme_narratives={n.theme_id: n.narrative for n in self.theme_narratives.all() if n.theme_id},
            links=tuple(LinkChoice(resource_id=link.resource_id, title=link.title, url=link.url,
                                   description=link.description) for link in self.useful_links.all()),
            show_feedback=self.show_feedback,
        )

    def live_report(self, *, public, cohort=None):
        """The report built now from the cohort's data and this page's synthesis."""
        cohort = cohort or Cohort.objects.select_related("programme").get(pk=self.cohort_id)
        return build_report(cohort=cohort, public=public, threshold=self.threshold_override,
                            synthesis=self.synthesis(), page_title=self.title, summary=self.summary)

    def published_report(self):
        """The report as last published, or None (never published)."""
        if not is_frozen(self.snapshot):
            return None
        cached = getattr(self, "_published_report", None)
        if cached is None or cached[0] is not self.snapshot:
            self._published_report = (self.snapshot, thaw(self.snapshot))
        return self._published_report[1]

    def publish(self, revision, *args, **kwargs):
        # Freeze the report into the revision before Wagtail makes it live.
        freeze_revision(revision)
        return super().publish(revision, *args, **kwargs)

    def published_text(self):
        return snapshot_text(self.snapshot) if is_frozen(self.snapshot) else ""

    def published_stems(self):
        return stems(self.published_text())

    @path("download/word/", name="report_docx")
    def public_docx(self, request):
        return report_download(self, request, kind="docx")

    @path("download/pdf/", name="report_pdf")
    def public_pdf(self, request):
        return report_download(self, request, kind="pdf")
