"""A fresh site is the product's site: after every `migrate` the page tree
has the home page (in place of Wagtail's welcome page, as the default site's
root), the case study, resource and programme report indexes under it, and
the groups that may edit them. Running it again changes nothing: pages are
found by type (and slug) first, and edits made since are kept.

Who may edit which pages (see also resources/permissions.py):
- *Editors* (a group made here): add, change and publish on the home page and
  everything under it, so the public library (case studies, resources, the
  home and index pages). Report pages are not theirs: a report page follows
  its programme, whoever holds group rights above it.
- *Facilitators* (programme/permissions.py): only "add" on the programme
  reports index, to create their programmes' report pages."""
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page, Site

from programme.permissions import FACILITATORS_GROUP
from resources.models import (
    AccessibilityStatementPage,
    CaseStudyIndexPage,
    HomePage,
    PrivacyNoticePage,
    ProgrammeReportIndexPage,
    ResourceIndexPage,
)
from resources.notices import ACCESSIBILITY_STATEMENT, PRIVACY_NOTICE

EDITORS_GROUP = "Editors"
EDITOR_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
EDITOR_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "resources": ["add_topic", "change_topic", "delete_topic", "add_resourcecategory",
                  "change_resourcecategory", "delete_resourcecategory"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}

# The product's own words for the pages a new site starts with.
HOME = {
    "title": "Leaving Care Peer Learning",
    "slug": "home",
    "intro": (
        "Case studies, resources and programme reports from local authority leaving care teams who "
        "learn from each other."
    ),
}
CASE_STUDY_INDEX = {
    "title": "Case studies",
    "slug": "case-studies",
    "intro": (
        "What councils, charities and employers have done to help young people with care "
        "experience into work, learning and a home of their own. Filter by topic, tag, region or "
        "organisation."
    ),
}
RESOURCE_INDEX = {
    "title": "Resources",
    "slug": "resources",
    "intro": (
        "Guidance, toolkits and services that presenters and participants have found useful, "
        "grouped by category."
    ),
}
REPORT_INDEX = {
    "title": "Programme reports",
    "slug": "programme-reports",
    "intro": (
        "What each peer learning programme set out to do, what the councils taking part achieved, "
        "and what they learnt along the way."
    ),
}
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def ensure_site():
    """The page tree and the page permissions of a new site (idempotent)."""
    home = ensure_home_page()
    for model, data in (
        (CaseStudyIndexPage, CASE_STUDY_INDEX),
        (ResourceIndexPage, RESOURCE_INDEX),
        (ProgrammeReportIndexPage, REPORT_INDEX),
        (AccessibilityStatementPage, ACCESSIBILITY_STATEMENT),
        (PrivacyNoticePage, PRIVACY_NOTICE),
    ):
        ensure_index(home, model, data)
    ensure_page_permissions()
    return home


def ensure_home_page():
    """The home page as the default site's root. Wagtail's own welcome page
    is removed once nothing points at it."""
    home = HomePage.objects.first()
    welcome = _wagtail_welcome_page()
    if home is None:
        if welcome is not None and welcome.slug == HOME["slug"]:
            Page.objects.filter(pk=welcome.pk).update(slug=f"{HOME['slug']}-wagtail-welcome")
        home = Page.get_first_root_node().add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Leaving Care Peer Learning")
    elif site.root_page.specific_class is not HomePage:
        site.root_page = home
        site.save()
    if welcome is not None and welcome.get_children_count() == 0 and not Site.objects.filter(
        root_page_id=welcome.pk
    ).exists():
        welcome.delete()
    return home


def _wagtail_welcome_page():
    return Page.objects.filter(
        depth=2, title=WAGTAIL_WELCOME_TITLE, content_type=ContentType.objects.get_for_model(Page)
    ).first()


def ensure_index(home, model, data):
    """A page of this type under the home page (an index, or a notice): the
    one there is, or a new one."""
    existing = model.objects.descendant_of(home).first()
    if existing is not None:
        return existing
    index = home.add_child(instance=model(**data))
    index.save_revision().publish()
    return index


def ensure_page_permissions():
    """Editors: the public library. Facilitators: "add" on the reports index."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codenames in EDITOR_MODEL_PERMISSIONS.items():
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    for home in HomePage.objects.all():
        _grant(editors, home, EDITOR_PAGE_ACTIONS)
    facilitators = Group.objects.filter(name=FACILITATORS_GROUP).first()
    if facilitators is not None:
        indexes = list(ProgrammeReportIndexPage.objects.all())
        for index in indexes:
            _grant(facilitators, index, ("add",))
        # Sites set up before this rule gave facilitators rights over the whole tree.
        GroupPagePermission.objects.filter(group=facilitators).exclude(
            page__in=indexes, permission__codename="add_page"
        ).delete()


def grant_rights_on_new_site_page(sender, instance, **kwargs):
    """A home page or reports index published for the first time gets the
    Editors' and Facilitators' page rights (connected in resources/apps.py
    to Wagtail's page_published signal, for pages made in the admin and in code)."""
    if isinstance(instance, HomePage | ProgrammeReportIndexPage) and not GroupPagePermission.objects.filter(
        page=instance
    ).exists():
        ensure_page_permissions()


def _grant(group, page, actions):
    for action in actions:
        permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=f"{action}_page").first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
