"""Programme report pages: the end-of-programme report of a cohort, built from
its data by programme.reporting.build.build_report (always in public, anonymised mode)
with the facilitator's commentary around it. The facilitator creates the page,
previews it, adds commentary and publishes through Wagtail's normal workflow."""
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from programme.models import Cohort
from programme.permissions import can_facilitate, is_facilitator, scope_to_facilitator
from programme.reporting.build import build_report

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
        cohort = Cohort.objects.select_related("programme").get(pk=self.cohort_id)
        context["report"] = build_report(cohort=cohort, public=True, threshold=self.threshold_override)
        context["show_feedback"] = self.show_feedback
        return context
