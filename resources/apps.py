from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Case studies and resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from . import cache  # noqa: F401  (connects the purge signals)
        from .permissions import SitePagePermissionPolicy, limit_page_user_filters
        from .site_setup import grant_rights_on_new_site_page

        # Replaces Wagtail's page policy (registered when wagtail.permissions
        # was imported, just above) for every page model.
        register_permission_policy(AbstractPage, SitePagePermissionPolicy())
        limit_page_user_filters()
        post_migrate.connect(on_post_migrate, dispatch_uid="resources-site-setup")
        page_published.connect(grant_rights_on_new_site_page, dispatch_uid="resources-site-page-rights")


def on_post_migrate(sender, **kwargs):
    """After every migrate, once every app's permissions exist (after the
    last app; programme's own set-up, connected first, has run by then): the
    site's page tree and who may edit it (resources/site_setup.py)."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    from .site_setup import ensure_site  # uses the models, not ready when apps.py is imported

    ensure_site()
