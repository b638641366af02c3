"""Whole-page cache for anonymous visitors of the public site.

Public pages are the same for every visitor without a session, so they are
stored in the "pages" cache and served from there. Any change that could alter
what a public page shows (publishing, unpublishing, moving or deleting a page;
editing a topic, category, organisation or programme) clears that cache, so a
visitor never waits longer than one render to see it."""
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

# Never cache anything personal, or anything the admin or portal serves.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/portal/", "/static/", "/media/", "/documents/", "/calendar/")


def page_cache():
    return caches["pages"]


def purge_page_cache(**kwargs):
    page_cache().clear()


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


# The only query parameters a public page reads. Others (tracking tags, cache
# busters) are left out of the key, so they cannot force a fresh render each.
KEYED_PARAMETERS = ("q", "page", "topic", "tag", "region", "organisation", "category")


def cache_key(request):
    params = sorted(
        (name, value) for name in KEYED_PARAMETERS for value in request.GET.getlist(name)
    )
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


PUBLIC_DATA_MODELS = {
    "resources.Topic",
    "resources.ResourceCategory",
    "programme.Organisation",
    "programme.Programme",
    # Shown live on programme report pages:
    "programme.Cohort",
    "programme.Membership",
    "programme.ProgrammeSession",
    "programme.Presentation",
    "programme.LearningTheme",
    "programme.CodedStatement",
}


@receiver(post_save, dispatch_uid="purge-pages-on-save")
def purge_on_public_data_saved(sender, **kwargs):
    """Snippets and domain rows shown on public pages purge the cache when edited."""
    if sender._meta.label in PUBLIC_DATA_MODELS:
        purge_page_cache()


@receiver(post_delete, dispatch_uid="purge-pages-on-delete")
def purge_on_delete(sender, **kwargs):
    if sender._meta.label in PUBLIC_DATA_MODELS or issubclass(sender, Page):
        purge_page_cache()
