from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Case studies and resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache  # noqa: F401  (connects the purge signals)
