"""Site search over the public pages (case studies and resources)."""
from urllib.parse import urlencode

from django.core.paginator import Paginator
from wagtail.models import Page

from .models import CaseStudyPage, ProgrammeReportPage, ResourcePage
from .search_backend import MAX_QUERY_LENGTH

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
    results = queryset.search(query, operator="and")
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
