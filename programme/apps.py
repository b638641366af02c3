from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Peer learning programmes"
    default_auto_field = "django.db.models.BigAutoField"
