"""Local development: `make run`. Never use in production."""
from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, env_list

# The demo content and `manage.py load_demo` (not in production settings or the wheel).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
