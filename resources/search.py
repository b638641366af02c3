"""Site search over the public pages (case studies, resources and programme reports).

The words of the query are looked for as they are, or as their stems
(resources/stemming.py) in the pages that index the stems of their words
(programme reports index their published text that way), so "apprentice"
finds "apprenticeships" on SQLite, whose full-text index does no stemming,
as on PostgreSQL."""
from urllib.parse import urlencode

from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.query import PlainText

from .models import CaseStudyPage, ProgrammeReportPage, ResourcePage
from .search_backend import MAX_QUERY_LENGTH
from .stemming import stems

RESULTS_PER_PAGE = 20

RESULT_TYPES = {
    CaseStudyPage: "Case study",
    ResourcePage: "Resource",
    ProgrammeReportPage: "Programme report",
}


def search_public_pages(*, query, page_number=None):
    """Live, public pages matching the query, each with its type label.

    Private pages (behind a password or login restriction) and drafts never
    appear: `.live().public()` filters them before the search runs."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return {"query": "", "results": None, "result_count": 0}
    queryset = Page.objects.live().public().type(*RESULT_TYPES).specific()
    wanted = PlainText(query, operator="and")
    stemmed = stems(query)
    if stemmed and stemmed != query.lower():
        wanted = wanted | PlainText(stemmed, operator="and")
    results = queryset.search(wanted)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    items = [
        {"page": item, "type": RESULT_TYPES.get(type(item), "Page")}
        for item in page.object_list
    ]
    return {
        "query": query,
        "query_string": urlencode({"q": query}),
        "results": page,
        "items": items,
        "result_count": page.paginator.count,
    }
