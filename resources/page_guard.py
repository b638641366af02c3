"""Another programme's report page answers as a missing page does: 404, on
every admin address that names it, before any Wagtail view runs.

Wagtail's page views check permissions themselves, but answer a refusal with
a redirect to the dashboard ("Sorry, you do not have permission"), which
tells that the page exists; and some (revisions, workflow states, bulk
actions, the admin API, choosers) reach a page through another id. This
middleware reads, for every /admin/ request, the page ids the URL and its
query name, by kind (`page_ids_named`), and refuses the request if any is a
report page the user may not see (resources/permissions.py).

tests/security/test_page_guard.py checks that every keyword argument of every
admin URL is either read here or known not to name a page, so a URL Wagtail
adds later cannot slip past."""
from django.apps import apps
from django.http import Http404
from django.urls import Resolver404, resolve
from django.views.defaults import page_not_found
from wagtail.models import Page, Revision, TaskState, WorkflowState

from programme.bad_input import as_id
from resources.models import ProgrammeReportPage

ADMIN_PREFIX = "/admin/"
# URL keyword arguments that are a page's id, whatever the view.
PAGE_KWARGS = frozenset({"page_id", "parent_page_id", "destination_id", "page_to_move_id", "page_pk"})
# Views whose `pk` is a page's id.
PAGE_PK_VIEWS = frozenset({
    "wagtailadmin_pages:revisions_compare",
    "wagtailadmin_api:pages:detail",
    "wagtailadmin_api:pages:action",
})
# Views that take page ids in the query string (`?id=3&id=4`).
PAGE_ID_LIST_VIEWS = frozenset({"wagtail_bulk_action", "wagtailadmin_choose_page_chosen_multiple"})
# Wagtail's site-wide reports and logs: for site administrators only (the
# per-object histories are on each object's own screens, behind its own rule).
ADMINISTRATORS_ONLY_NAMESPACES = frozenset({"wagtailadmin_reports"})


def _ints(values):
    """The values that are database ids (text, negative and huge numbers name no row)."""
    return {as_id(value) for value in values} - {None}


def page_ids_named(request, match):
    """Every page id this admin request names, by kind."""
    kwargs = match.kwargs
    ids = _ints(kwargs[name] for name in PAGE_KWARGS if name in kwargs)
    if match.view_name in PAGE_PK_VIEWS and "pk" in kwargs:
        ids |= _ints([kwargs["pk"]])
    if "revision_id" in kwargs:
        ids |= _ints(Revision.page_revisions.filter(pk__in=_ints([kwargs["revision_id"]])).values_list(
            "object_id", flat=True
        ))
    if "workflow_state_id" in kwargs:
        ids |= _ints(WorkflowState.objects.filter(pk__in=_ints([kwargs["workflow_state_id"]])).values_list(
            "object_id", flat=True
        ))
    if "task_state_id" in kwargs:
        ids |= _ints(TaskState.objects.filter(pk__in=_ints([kwargs["task_state_id"]])).values_list(
            "workflow_state__object_id", flat=True
        ))
    if "object_id" in kwargs and _is_page_model(kwargs.get("app_label"), kwargs.get("model_name")):
        ids |= _ints([kwargs["object_id"]])
    if match.view_name in PAGE_ID_LIST_VIEWS and (
        match.view_name != "wagtail_bulk_action" or _is_page_model(kwargs.get("app_label"), kwargs.get("model_name"))
    ):
        ids |= _ints(request.GET.getlist("id")) | _ints(request.POST.getlist("id"))
    return ids


def _is_page_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError, TypeError):
        return False
    return issubclass(model, Page)


def refused(request):
    """Whether this request must answer as if what it names did not exist."""
    if not request.path.startswith(ADMIN_PREFIX):
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if ADMINISTRATORS_ONLY_NAMESPACES & set(match.namespaces):
        return True
    ids = page_ids_named(request, match)
    return bool(ids) and ProgrammeReportPage.hidden_from(user).filter(pk__in=ids).exists()


class PageGuardMiddleware:
    """After AuthenticationMiddleware: see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if refused(request):
            return page_not_found(request, Http404("Not found."))
        return self.get_response(request)
