from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Peer learning programmes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import on_post_migrate

        post_migrate.connect(on_post_migrate, dispatch_uid="programme-roles")
