from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from programme.enums import LAType, Region
from resources.blocks import CaseStudyBodyBlock
from resources.parameters import read_parameters

CASE_STUDIES_PER_PAGE = 12


class CaseStudyIndexPage(Page):
    """Lists case studies, filterable by topic, tag, region and organisation."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.HomePage"]
    subpage_types = ["resources.CaseStudyPage"]

    def get_context(self, request, *args, **kwargs):
        from resources.listing import case_study_listing  # listing.py builds on these models

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_listing(index_page=self, params=read_parameters(request.GET)))
        return context


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CaseStudyPage(Page):
    """A case study presented to a cohort or drawn from research: who did what,
    with whom, and what came of it."""

    summary = models.TextField(max_length=600, help_text="Two or three sentences for listings and search.")
    topic = models.ForeignKey(
        "resources.Topic", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text="The step on the young person's journey into work it speaks to.",
    )
    organisations = ParentalManyToManyField(
        "programme.Organisation", blank=True, related_name="case_studies"
    )
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)
    la_type = models.CharField("LA type", max_length=32, choices=LAType.choices, blank=True)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True)
    body = StreamField(CaseStudyBodyBlock(), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("region"),
        index.RelatedFields("topic", [index.SearchField("name")]),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("organisations"),
                FieldPanel("region"),
                FieldPanel("la_type"),
                FieldPanel("tags"),
            ],
            heading="Where it fits",
        ),
        InlinePanel("presenters", label="Presenters", heading="Presenters"),
        FieldPanel("body"),
        InlinePanel("related_resources", label="Related resource", heading="Related resources"),
    ]
    parent_page_types = ["resources.CaseStudyIndexPage"]
    subpage_types = []

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(parent_link(self, request))
        context["presenter_list"] = self.presenters.select_related("organisation")
        context["related"] = (
            self.related_resources.filter(resource__live=True)
            .select_related("resource", "resource__organisation")
        )
        return context


def parent_link(page, request):
    """The index a detail page belongs to, fetched once for breadcrumbs and filter links."""
    parent = page.get_parent()
    return {"index_url": parent.get_url(request), "index_title": parent.title}


class CaseStudyPresenter(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="presenters", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "programme.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]

    def __str__(self):
        return self.name


class CaseStudyRelatedResource(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="related_resources", on_delete=models.CASCADE)
    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("resource", "resources.ResourcePage")]
