"""Whole-page cache for anonymous visitors of the public site.

Public pages are the same for every visitor without a session, so they are
stored in the "pages" cache (programme.pages names it) and served from there.
Whatever could change what a public page shows clears that cache, so a
visitor never waits longer than one render to see it:

- pages: Wagtail's publish, unpublish and move signals, and a page's deletion;
- snippets (topics, resource categories): the snippet hooks in
  resources/wagtail_hooks.py;
- programme data: the domain function that changes it calls
  `programme.pages.purge_public_pages()` (bulk writes send no signals), and so
  do the facilitator's admin forms (programme.admin.scoping)."""
import hashlib

from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from programme.pages import page_cache, purge_public_pages
from resources.parameters import read_parameters

# Never cache anything personal, or anything the admin or portal serves.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/portal/", "/static/", "/media/", "/documents/", "/calendar/")


def purge_page_cache(**kwargs):
    purge_public_pages()


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(UNCACHED_PREFIXES):
        return False
    # A visitor with a session (logged in, or mid-way through a form) or with
    # pending messages may see something personal: always render for them.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_key(request):
    # Exactly what the page reads (resources/parameters.py), nothing else.
    params = sorted(read_parameters(request.GET).items())
    address = f"{request.get_host()}{request.path}?{params!r}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            page_cache().set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(purge_page_cache, dispatch_uid=f"purge-pages-{signal!r}")


@receiver(post_delete, dispatch_uid="purge-pages-on-page-delete")
def purge_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        purge_public_pages()
