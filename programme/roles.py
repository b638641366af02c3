"""The Facilitators group: Wagtail admin access, the programme models, and
editing of the public pages. Participants are never in it, so they can never
reach the Wagtail admin. Kept in step with the models after every migrate."""
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from programme.permissions import FACILITATORS_GROUP

PROGRAMME_MODELS = [
    "programme", "cohort", "membership", "participant", "programmesession",
    "presentation", "attendance", "breakoutgroup", "sentemail", "organisation",
    "onepageplan", "reflection", "statement", "submissionversion", "action", "actionupdate",
    "learningtheme", "codedstatement",
]
SNIPPET_MODELS = ["topic", "resourcecategory"]


def ensure_facilitator_group():
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

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
    from wagtail.models import Collection

    collection = Collection.get_first_root_node()
    if collection is not None:
        for codename in ("add_document", "change_document", "choose_document"):
            permission = Permission.objects.filter(content_type__app_label="wagtaildocs", codename=codename).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group


def on_post_migrate(sender, **kwargs):
    # Permissions are created app by app during post_migrate; act after the
    # last app so that every permission we grant exists.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        from programme.theme_library import ensure_starter_themes

        ensure_facilitator_group()
        ensure_starter_themes()
