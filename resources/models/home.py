from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from programme.enums import ProgrammeStatus
from programme.models import Programme

from .case_studies import CaseStudyPage
from .reports import ProgrammeReportPage
from .resource_pages import ResourcePage


class HomePage(Page):
    """The front door: what the forum does, its programmes, the latest case
    studies and featured resources."""

    intro = models.CharField(max_length=300, blank=True)
    body = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "resources.CaseStudyIndexPage",
        "resources.ResourceIndexPage",
        "resources.ProgrammeReportIndexPage",
        "resources.AccessibilityStatementPage",
        "resources.PrivacyNoticePage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_case_studies"] = (
            CaseStudyPage.objects.live().public()
            .select_related("topic")
            .order_by("-first_published_at")[:3]
        )
        context["featured_resources"] = (
            ResourcePage.objects.live().public().filter(featured=True)
            .select_related("organisation", "category")
            .order_by("title")[:6]
        )
        latest_reports = list(
            ProgrammeReportPage.objects.live().public()
            .select_related("cohort__programme")
            .order_by("-first_published_at")[:3]
        )
        context["latest_reports"] = latest_reports
        context["report_index"] = latest_reports[0].get_parent() if latest_reports else None
        programmes = list(Programme.objects.order_by("-starts_on"))
        context["current_programmes"] = [
            p for p in programmes if p.status != ProgrammeStatus.COMPLETED
        ]
        context["past_programmes"] = [p for p in programmes if p.status == ProgrammeStatus.COMPLETED]
        return context
