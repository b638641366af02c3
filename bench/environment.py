"""Paths and environment shared by the bench process and the gunicorn servers it starts.

The bench process configures Django with exactly the same environment as the
servers, so that publishing a page from here purges the cache they read."""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VAR = REPO / "var" / "bench"
DB_PATH = VAR / "bench.sqlite3"
PAGE_CACHE_DIR = VAR / "page-cache"
PYTHON = sys.executable

SETTINGS_MODULE = "config.settings.production"


def bench_env(**extra):
    """The environment of every process the benchmark runs (and of itself)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DATABASE_URL": f"sqlite:///{DB_PATH}",
            "PAGE_CACHE_DIR": str(PAGE_CACHE_DIR),
            "DJANGO_SECRET_KEY": "bench",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # Whatever the caller's shell says, the bench measures the default lifetime.
            "PAGE_CACHE_SECONDS": "600",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def configure_django(**extra):
    """Set up Django in this process against the bench database and cache
    (`extra` overrides the environment, as it does for bench_env)."""
    VAR.mkdir(parents=True, exist_ok=True)
    PAGE_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update(bench_env(**extra))
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()
