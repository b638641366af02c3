"""The site's own notices: its accessibility statement (UK public-sector
sites must publish one) and its privacy notice (the product keeps personal
data about the people taking part). Each is one editable page, made with the
site (resources/site_setup.py) and linked from every page's footer
(resources/navigation.py finds them in the header's query)."""
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

NOTICE_FEATURES = ["h2", "h3", "bold", "italic", "link", "ul", "ol"]


class NoticePage(Page):
    body = RichTextField(features=NOTICE_FEATURES)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked that this page is still true.",
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("last_reviewed")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["resources.HomePage"]
    subpage_types = []
    max_count = 1

    def get_template(self, request, *args, **kwargs):
        return "resources/notice_page.html"  # one template for both (Wagtail names one per class)

    class Meta:
        abstract = True


class AccessibilityStatementPage(NoticePage):
    """How accessible the site is, what is known not to be, and whom to tell."""

    class Meta:
        verbose_name = "accessibility statement"


class PrivacyNoticePage(NoticePage):
    """What personal data the site keeps, why, who sees it and for how long."""

    class Meta:
        verbose_name = "privacy notice"
