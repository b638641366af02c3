"""The one home of the site's own address, for everything read away from the
site: emails, calendar feeds, and the Word files and PDFs of the programme
report. Everything here builds on `settings.WAGTAILADMIN_BASE_URL` (set from
the environment in production: the address visitors use), never on the
request or on Wagtail's Site record, whose host name (`localhost` in the demo)
is only what the page tree is served under."""
from urllib.parse import urlsplit

from django.conf import settings

from programme.pages import page_path


def site_root() -> str:
    """ "https://peerlearning.example.org", without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """A full address for a path on this site ("/portal/" → "https://…/portal/").
    An address that is already absolute (a resource elsewhere) is returned as it is."""
    if not path or urlsplit(path).scheme:
        return path
    return site_root() + (path if path.startswith("/") else f"/{path}")


def page_url(page) -> str:
    """A page's full address, from the site's real root."""
    path = page_path(page)
    return absolute_url(path) if path else ""
