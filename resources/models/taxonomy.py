from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from programme.models.slugs import SlugFromName


class SluggedName(SlugFromName):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name



@register_snippet
class Topic(index.Indexed, SluggedName):
    """A step on the young person's journey into work ("Understanding the local
    economy", …). Facilitators add their own."""

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedName.Meta):
        pass


@register_snippet
class ResourceCategory(index.Indexed, SluggedName):
    """How the resource library is grouped ("Strategic guidance", …)."""

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedName.Meta):
        verbose_name_plural = "resource categories"
