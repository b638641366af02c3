"""Settings shared by every environment. Values that differ per deployment come
from environment variables, so the same code runs on a laptop, in CI and live."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "programme",
    "resources",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Input no page takes (null characters, ids that are not ids, …): 400 or 404, never a 500.
    "programme.bad_input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "resources.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Another programme's report page answers 404 on every admin address.
    "resources.page_guard.PageGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the CSP middleware: Wagtail's preview frame may be shown by the admin.
    "resources.preview_framing.PreviewFramingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres://…) switches to PostgreSQL
# (set but empty, as `DATABASE_URL= make test` leaves it, means the default).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "programme.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Public pages are cached for anonymous visitors in their own cache ("pages"),
# cleared whenever what a public page shows changes (programme/pages.py). On
# one machine a file cache is shared by every gunicorn worker, so a purge
# reaches all of them. Several app servers share one Redis instead: with
# REDIS_URL set, the page cache and every other cache live there, so a page
# published through one server is fresh on all of them.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "default",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "20000"))},
        },
    }

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/portal/"

WAGTAIL_SITE_NAME = "Leaving Care Peer Learning"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No facilitator email hashes sent to an outside avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Draftail, told what to do with a posted value that is not its content (resources/rich_text.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "resources.rich_text.SafeDraftailRichTextArea"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# The database backend needs no extra service (SQLite FTS5 / PostgreSQL full
# text). A deployment that outgrows it sets WAGTAILSEARCH_URL to an OpenSearch /
# Elasticsearch address and WAGTAILSEARCH_BACKEND to the matching Wagtail backend.
if os.environ.get("WAGTAILSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get(
                "WAGTAILSEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"
            ),
            "URLS": [os.environ["WAGTAILSEARCH_URL"]],
            "INDEX": os.environ.get("WAGTAILSEARCH_INDEX", "peerlearning"),
        }
    }
else:
    # Wagtail's database backend, with the search text made safe first (resources/search_backend.py).
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "resources.search_backend"}}

# Repeated wrong passwords lock the account and address out for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# How many reverse proxies of this deployment stand in front of the app
# server (0: none, X-Forwarded-For is ignored). The lockout's address is then
# the one the outermost proxy saw, not the proxy's own (site/lockout.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "config.lockout.client_address"
AXES_USERNAME_CALLABLE = "config.lockout.login_username"

# Content-Security-Policy (django-csp 4): no inline scripts anywhere public.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "peer-learning@localhost")
# Seconds to wait for the mail server before giving up (the message is retried).
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))

# Background work (sending email) through django-tasks, the tasks framework
# Wagtail 8 uses. Development and tests run each task at once, in process;
# production sets DJANGO_TASKS_BACKEND to the database backend and runs
# `manage.py db_worker` beside the app servers.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# The register and the coding screen post a field per participant or per theme and statement.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest form anyone fills in (a one-page report: four sections of 6,000
# characters, some 200 kB once encoded) fits many times over; a body larger
# than this is refused (400) before any of it is read. Uploads (documents,
# images, the roster CSV) are files, limited by their own settings.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
