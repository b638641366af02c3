"""Admin wiring for the public site: the page cache purge after snippet
edits, and the page rules of resources/permissions.py in Wagtail's choosers,
explorer and reports menu."""
from wagtail import hooks

from programme.pages import purge_public_pages
from resources.permissions import hidden_report_pages
from resources.site_setup import EDITORS_GROUP


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def purge_pages_after_snippet_change(request, instance_or_instances):
    """A topic or resource category is shown on public pages (resources/cache.py)."""
    purge_public_pages()


@hooks.register("construct_page_chooser_queryset")
@hooks.register("construct_explorer_page_queryset")
def hide_other_programmes_reports(*args):
    """Page choosers, the explorer and the admin API never list a report page
    the user may not open (resources/permissions.py). The explorer hook is
    called (parent_page, pages, request), the chooser's (pages, request)."""
    pages, request = args[-2], args[-1]
    return pages.exclude(pk__in=hidden_report_pages(request.user))


@hooks.register("construct_reports_menu")
def reports_for_administrators_only(request, menu_items):
    """Wagtail's site-wide reports and logs list every programme's objects
    and people: site administrators only (resources/page_guard.py refuses
    their addresses to everyone else)."""
    if not request.user.is_superuser:
        menu_items[:] = []


@hooks.register("construct_homepage_summary_items", order=1000)  # after the items Wagtail adds
def site_summary_for_editors_only(request, summary_items):
    """Wagtail's "34 pages, 0 documents" is about the public site: it says
    nothing to a facilitator who does not edit it."""
    user = request.user
    if not user.is_superuser and not user.groups.filter(name=EDITORS_GROUP).exists():
        summary_items[:] = []
