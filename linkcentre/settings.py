"""Settings for linkcentre, read from the environment (see the README's configuration table).

One file for every environment: development, tests and production differ only in environment
variables. With DEBUG off the defaults are the safe production ones.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY in the "
            "environment, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            "For local development set DEBUG=1 (make run does)."
        )
    # Development only: sessions do not survive a restart, which is fine on a laptop.
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "linkcentre",
    "rooms",
    "groups",
    "outreach",
    "research",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "linkcentre.input_guard.RejectNulMiddleware",  # hostile input: 400, not a 500 (issue 10)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "linkcentre.input_guard.AdminListGuardMiddleware",  # admin lists: bad filters, no 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "linkcentre.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "linkcentre.urls"
WSGI_APPLICATION = "linkcentre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "linkcentre.context_processors.centre",
                "linkcentre.context_processors.navigation",
            ],
        },
    },
]

# Database: a SQLite file in the project folder unless DATABASE_URL says otherwise,
# e.g. postgres://linkcentre@127.0.0.1:5432/linkcentre (psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Short write transactions from several gunicorn workers wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Norwegian bokmål first (no URL prefix), English under /en/.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console in development; SMTP in production when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LINK Oslo <post@linkoslo.example>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# The centre itself: shown in the header, footer, emails and admin.
CENTRE_NAME = os.environ.get("CENTRE_NAME", "LINK Oslo")
CENTRE_EMAIL = os.environ.get("CENTRE_EMAIL", "post@linkoslo.example")
CENTRE_PHONE = os.environ.get("CENTRE_PHONE", "22 00 00 00")
CENTRE_ADDRESS = os.environ.get("CENTRE_ADDRESS", "Storgata 1, 0155 Oslo")
CENTRE_OPENING_HOURS = os.environ.get("CENTRE_OPENING_HOURS", "")
# Public bodies publish their official accessibility statement (uustatus.no); link to it here.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
# Absolute base URL for links in emails and feeds, e.g. https://link.example.no
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Production security. SECURE_SSL_REDIRECT=0 lets an operator run these settings over plain
# HTTP on localhost, or behind a proxy that terminates TLS and redirects itself.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The container's health check calls /healthz over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE_SSL_REDIRECT)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE_SSL_REDIRECT)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("USE_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- rooms ---
# How far ahead organisations may book, and the shortest and longest booking allowed.
ROOMS_HORIZON_DAYS = int(os.environ.get("ROOMS_HORIZON_DAYS", "365"))
ROOMS_MIN_BOOKING_MINUTES = int(os.environ.get("ROOMS_MIN_BOOKING_MINUTES", "30"))
ROOMS_MAX_BOOKING_MINUTES = int(os.environ.get("ROOMS_MAX_BOOKING_MINUTES", "360"))
# New weekly series wait for staff approval when on.
ROOMS_REQUIRE_APPROVAL = env_bool("ROOMS_REQUIRE_APPROVAL", False)

# --- groups ---
# Registrations that are withdrawn, or untouched this many days without a place in a group, are
# deleted by `manage.py purge_registrations` (run it daily).
GROUPS_RETENTION_DAYS = int(os.environ.get("GROUPS_RETENTION_DAYS", "365"))
# The version of the consent text shown in step 2 of the sign-up; stored with each registration.
# Change it whenever the consent text changes.
GROUPS_CONSENT_VERSION = os.environ.get("GROUPS_CONSENT_VERSION", "2026-1")
# How many waiting people with the same weekday and language make a new closed group possible.
GROUPS_MIN_TO_START = int(os.environ.get("GROUPS_MIN_TO_START", "5"))
# Region for the Meeting Guide feed, and how many weeks ahead the iCalendar feeds reach.
GROUPS_MEETING_GUIDE_REGION = os.environ.get("GROUPS_MEETING_GUIDE_REGION", "Oslo")
GROUPS_CALENDAR_WEEKS = int(os.environ.get("GROUPS_CALENDAR_WEEKS", "26"))
# Slug of the centre's own organisation in the room calendar (books closed groups, info meetings).
GROUPS_CENTRE_SLUG = os.environ.get("GROUPS_CENTRE_SLUG", "link-oslo")
