from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and logins for `make run` and the tests. Installed by the
    development and test settings only, and left out of the production wheel."""

    name = "demo"
    verbose_name = "Demo content"
