from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Peer learning programmes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the integer `in` lookup that ignores numbers no row can have.
        from programme import bad_input  # noqa: F401

        post_migrate.connect(on_post_migrate, dispatch_uid="programme-setup")


def on_post_migrate(sender, **kwargs):
    """After every migrate: the Facilitators group's permissions and the
    starter theme library. Permissions are created app by app during
    post_migrate, so this acts after the last app, when every one exists."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    # Imported here: these modules use the models, which are not ready when apps.py is imported.
    from programme.learning.library import ensure_starter_themes
    from programme.permissions import ensure_facilitator_group

    ensure_facilitator_group()
    ensure_starter_themes()
