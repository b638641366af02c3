from django.shortcuts import render
from django.views.decorators.http import require_GET

from .search import search_public_pages


@require_GET
def search(request):
    context = search_public_pages(
        query=request.GET.get("q", ""), page_number=request.GET.get("page")
    )
    return render(request, "resources/search.html", context)


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
