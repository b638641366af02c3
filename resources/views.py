from django.shortcuts import render
from django.views.decorators.http import require_GET

from .parameters import read_parameters
from .search import search_public_pages


@require_GET
def search(request):
    params = read_parameters(request.GET)
    context = search_public_pages(query=params.get("q", ""), page_number=params.get("page"))
    return render(request, "resources/search.html", context)


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
