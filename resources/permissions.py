"""Who may do what with the site's pages in the Wagtail admin.

Wagtail grants page permissions on a subtree, to groups. That suits the
public library (case studies, resources, the home page): the *Editors* group
holds add, change and publish on the home page's subtree. It does not suit
programme reports, which carry a programme's data: a report page belongs to
its cohort's programme, and only that programme's facilitators and site
administrators may open, preview, edit, publish, copy, move or delete it,
whatever groups they are in. So:

- `SitePagePermissionPolicy` (registered for every page model in
  resources/apps.py) is Wagtail's page policy minus the report pages the user
  does not facilitate: the explorer, page search, the choosers and the admin
  API never list them.
- A report page's permission tester (`ReportPagePermissionTester`, beside the
  page model in resources/models/reports.py) ignores groups: its programme's
  facilitators may do everything with it an editor may do with a case study;
  nobody else may do anything.
- The report index's tester lets the Facilitators group, which holds only
  "add" there, publish the report pages they create.
- resources/page_guard.py answers 404, before any Wagtail view runs, to every
  admin address that names a report page the user may not see: the same
  answer as for a page that does not exist.

The rule itself (may this user facilitate this cohort?) is programme's, in
programme/permissions.py."""
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.models import Page, PageLogEntry
from wagtail.permission_policies.pages import PagePermissionPolicy

from resources.models.reports import REPORT_ACTIONS, ProgrammeReportPage, may_see_report_page


def hidden_report_pages(user):
    """The programme report pages `user` may not see in the admin (their ids,
    for `exclude(pk__in=...)`)."""
    return ProgrammeReportPage.hidden_from(user).values("pk")


class SitePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, without the report pages the user does not facilitate."""

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions).exclude(
            pk__in=hidden_report_pages(user)
        )

    def explorable_instances(self, user):
        return super().explorable_instances(user).exclude(pk__in=hidden_report_pages(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if _is_report_page(instance):
            return may_see_report_page(user, instance) and bool(set(actions) & REPORT_ACTIONS)
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(actions, instance, include_superusers)
        if _is_report_page(instance):
            cohort = instance.specific.cohort
            users = users.filter(Q(is_superuser=True) | Q(facilitated_programmes=cohort.programme_id)).distinct()
        return users


def _is_report_page(page):
    return isinstance(page, Page) and issubclass(page.specific_class or Page, ProgrammeReportPage)


def _visible_page_people(field):
    """The accounts Wagtail's page listing filters offer ("Owner", "Edited
    by"): Wagtail lists everyone who owns or edited any page; here, for anyone
    but a site administrator, only those of the pages the user may explore,
    so nobody reads a list of the site's accounts (another programme's
    facilitator among them) from a filter."""

    def queryset(request):
        User = get_user_model()
        pages = Page.objects.all()
        if not request.user.is_superuser:
            pages = pages.filter(pk__in=SitePagePermissionPolicy().explorable_instances(request.user).values("pk"))
        if field == "owner":
            return User.objects.filter(pk__in=pages.order_by().values("owner_id"))
        edits = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk"))
        return User.objects.filter(pk__in=edits.order_by().values("user_id"))

    return queryset


def limit_page_user_filters():
    """Point Wagtail's page listing filters at `_visible_page_people` (called
    once, from resources/apps.py)."""
    for filterset in (PageFilterSet, GenericPageFilterSet):
        for name in ("owner", "edited_by"):
            filterset.base_filters[name].queryset = _visible_page_people(name)
