from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from resources.parameters import read_parameters

# Only web links: a javascript:, data: or file: link must never reach a page.
validate_web_url = URLValidator(schemes=["http", "https"], message="Enter a web address starting with https:// or http://.")


class ResourceIndexPage(Page):
    """The resource library, grouped by category."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.HomePage"]
    subpage_types = ["resources.ResourcePage"]

    def get_context(self, request, *args, **kwargs):
        from resources.listing import resource_listing  # listing.py builds on these models

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_listing(index_page=self, params=read_parameters(request.GET)))
        return context


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ResourcePage(Page):
    """A useful link or document: guidance, a toolkit, a service to refer to."""

    description = models.TextField(max_length=1000)
    category = models.ForeignKey(
        "resources.ResourceCategory", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="resources",
    )
    organisation = models.ForeignKey(
        "programme.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="resources", help_text="Who publishes it.",
    )
    link_url = models.CharField(
        "link", max_length=500, blank=True, validators=[validate_web_url],
        help_text="The web address of the resource (https:// or http://).",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    tags = ClusterTaggableManager(through=ResourceTag, blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("featured"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("document")], heading="Where to find it"
        ),
        FieldPanel("category"),
        FieldPanel("organisation"),
        FieldPanel("tags"),
        FieldPanel("featured"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if not self.link_url and not self.document_id:
            raise ValidationError(
                {"link_url": "Give a link or choose a document: a resource needs one or the other."}
            )

    def get_meta_description(self):
        return self.search_description or self.description

    def get_context(self, request, *args, **kwargs):
        from .case_studies import parent_link

        context = super().get_context(request, *args, **kwargs)
        context.update(parent_link(self, request))
        return context

    @property
    def target_url(self):
        """Where a reader goes to get the resource itself."""
        if self.link_url:
            return self.link_url
        return self.document.url if self.document_id else ""
