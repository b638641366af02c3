"""Facilitator screens in the Wagtail admin beyond create/edit: each module in
programme/admin_views/ owns its screens and lists its own urlpatterns."""
from importlib import import_module

from django.urls import include, path

SCREENS = ["cohort_overview", "register", "breakouts", "imports", "submissions", "coding", "emails", "themes", "report_downloads", "programme_learning"]

urlpatterns = []
for name in SCREENS:
    try:
        module = import_module(f"programme.admin_views.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"programme.admin_views.{name}":
            raise
        continue
    urlpatterns.append(path("", include(module.urlpatterns)))
