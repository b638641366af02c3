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
from wagtail.models import Collection, GroupCollectionPermission

from programme.models import Programme
from programme.models.users import FACILITATORS_GROUP
from programme.pages import organisation_on_pages


def is_facilitator(user):
    """A superuser or a member of the Facilitators group."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.in_facilitators_group


def facilitator_accounts(users):
    """Of `users` (a queryset of accounts), those `is_facilitator` says yes
    to: active superusers and active members of the Facilitators group. The
    same rule as a query, for emails that link to the facilitator screens."""
    return users.filter(is_active=True).filter(Q(is_superuser=True) | Q(groups__name=FACILITATORS_GROUP)).distinct()


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


def may_take_part(user):
    """May this account be a participant's portal login? Never a member of
    staff: a facilitator, an administrator or anyone with admin access, so
    that no staff account can be bound to an organisation and read its
    cohort's work through the portal."""
    return bool(user.is_authenticated and user.is_active and not user.is_staff_member)


def may_manage_accounts(user):
    """Only those who may manage accounts see lists of the site's accounts
    (the Users screen, a programme's facilitators picker)."""
    return user.is_active and user.has_perm(MANAGE_ACCOUNTS_PERMISSION)


MANAGE_ACCOUNTS_PERMISSION = "programme.change_user"


# --------------------------------------------------------------------------- shared directories
#
# Organisations and learning themes are shared by every programme (the same
# council takes part again; themes are compared across cohorts). Sharing must
# not let one programme change another's data or reports, so a facilitator
# may change or delete one only while no other programme uses it; otherwise
# that is for site administrators.


def may_change_organisation(user, organisation):
    """No other programme's cohort has it as a member or presenter, and no
    public page names it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not is_facilitator(user) or organisation.pk is None:
        return is_facilitator(user)
    elsewhere = (
        organisation.memberships.exclude(cohort__programme__facilitators=user).exists()
        or organisation.presentations.exclude(session__cohort__programme__facilitators=user).exists()
    )
    return not elsewhere and not organisation_on_pages(organisation)


def may_change_theme(user, theme):
    """No statement of another programme is coded with it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not is_facilitator(user) or theme.pk is None:
        return is_facilitator(user)
    return not theme.codings.exclude(
        statement__reflection__membership__cohort__programme__facilitators=user
    ).exists()


# --------------------------------------------------------------------------- the Facilitators group

PROGRAMME_MODELS = [
    "programme", "cohort", "membership", "participant", "programmesession",
    "presentation", "attendance", "breakoutgroup", "sentemail", "organisation",
    "onepageplan", "reflection", "statement", "submissionversion", "action", "actionupdate",
    "learningtheme", "codedstatement", "sessionplace", "briefingcontact", "briefingattendance",
    "sessionfeedback",
]


def ensure_facilitator_group():
    """Admin access, the programme models' permissions, and documents. Page
    rights are the public site's to give (resources/site_setup.py): only
    "add" on the programme reports index."""
    group, _ = Group.objects.get_or_create(name=FACILITATORS_GROUP)
    wanted = Permission.objects.filter(
        Q(content_type__app_label="programme", content_type__model__in=PROGRAMME_MODELS)
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="wagtaildocs", codename__in=["add_document", "change_document", "choose_document"])
    )
    group.permissions.add(*wanted)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for codename in ("add_document", "change_document", "choose_document"):
            permission = Permission.objects.filter(content_type__app_label="wagtaildocs", codename=codename).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group
