"""Who may see and change what. Small predicates, checked in one place: the
admin (programme/admin_scoping.py), the admin views and the portal all ask here.

A facilitator sees only the programmes they facilitate; a superuser sees all.
Every programme-owned model names the ORM path to its programme in
`programme_path`, so one function scopes any queryset.

The Facilitators group (kept in step with the models after every migrate)
gives Wagtail admin access and the model permissions of the programme data;
participants are never in it, so they can never reach the Wagtail admin."""
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from programme.models import Programme

FACILITATORS_GROUP = "Facilitators"


def is_facilitator(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    # Asked by every admin menu item on every page: remember the answer on the
    # user object, which lives for one request.
    cached = getattr(user, "_is_facilitator", None)
    if cached is None:
        cached = user.groups.filter(name=FACILITATORS_GROUP).exists()
        user._is_facilitator = cached
    return cached


def facilitated_programmes(user):
    if not (user.is_authenticated and user.is_active):
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(facilitators=user)


def scope_to_facilitator(queryset, user):
    """Only the rows belonging to programmes this user facilitates."""
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if user.is_superuser:
        return queryset
    path = getattr(queryset.model, "programme_path", None)
    if path is None:
        return queryset  # not programme-owned (organisations, topics): shared directory
    lookup = f"{path}__facilitators" if path else "facilitators"
    return queryset.filter(**{lookup: user}).distinct()


def programme_of(obj):
    """The programme an object belongs to (None for shared, unscoped objects)."""
    path = getattr(type(obj), "programme_path", None)
    if path is None:
        return None
    if path == "":
        return obj
    target = obj
    for step in path.split("__"):
        target = getattr(target, step, None)
        if target is None:
            return None
    return target


def can_facilitate(user, obj):
    """May this user see and change this object (or this programme)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if getattr(type(obj), "programme_path", None) is None:
        return is_facilitator(user)
    programme = programme_of(obj)
    if programme is None or programme.pk is None:
        return False
    return programme.facilitators.filter(pk=user.pk).exists()


# --------------------------------------------------------------------------- the Facilitators group

PROGRAMME_MODELS = [
    "programme", "cohort", "membership", "participant", "programmesession",
    "presentation", "attendance", "breakoutgroup", "sentemail", "organisation",
    "onepageplan", "reflection", "statement", "submissionversion", "action", "actionupdate",
    "learningtheme", "codedstatement",
]
SNIPPET_MODELS = ["topic", "resourcecategory"]


def ensure_facilitator_group():
    group, _ = Group.objects.get_or_create(name=FACILITATORS_GROUP)
    wanted = Permission.objects.filter(
        Q(content_type__app_label="programme", content_type__model__in=PROGRAMME_MODELS)
        | Q(content_type__app_label="resources", content_type__model__in=SNIPPET_MODELS)
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="wagtaildocs", codename__in=["add_document", "change_document", "choose_document"])
    )
    group.permissions.add(*wanted)
    root = Page.get_first_root_node()
    if root is not None:
        for codename in ("add_page", "change_page", "publish_page", "view_page"):
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for codename in ("add_document", "change_document", "choose_document"):
            permission = Permission.objects.filter(content_type__app_label="wagtaildocs", codename=codename).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group
