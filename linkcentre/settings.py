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
    "csp",
    "axes",
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
    # Anonymous public pages and feeds whole from the shared cache (issue 14): before the
    # session, so a hit costs one cache read and no database query.
    "linkcentre.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "linkcentre.input_guard.AdminListGuardMiddleware",  # admin lists: bad filters, no 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "linkcentre.middleware.StaffSessionMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- logins: hashing, throttling, staff sessions ---
# Argon2 for new and changed passwords; the others only read hashes made before (each login
# upgrades such a hash to Argon2).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes counts failed logins (admin and /konto/login/ alike) in the database, so every
# gunicorn worker sees the same count. Its backend goes first and only refuses; Django's own
# backend still checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))  # hours
# One username from one address: a typo elsewhere does not lock a colleague out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "linkcentre.lockout.lockout_response"
AXES_VERBOSE = False
# The same reading of the visitor's address as the rate limits (TRUSTED_PROXY_COUNT), so behind
# our own proxy one person cannot pause a colleague's login from the proxy's address.
AXES_CLIENT_IP_CALLABLE = "groups.publicforms.ratelimit.client_address"
# Staff sessions end when the browser closes and at the latest this many hours after login;
# organisation and public sessions keep Django's defaults.
STAFF_SESSION_HOURS = float(os.environ.get("STAFF_SESSION_HOURS", "8"))
LOGIN_URL = "login"
# After login without a safe ?next=: organisations to their rooms, staff to the admin, others
# home (rooms.views.after_login decides; Django's LoginView checks that a ``next`` is safe).
LOGIN_REDIRECT_URL = "rooms:after_login"
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
            else "linkcentre.storage.StaticFilesStorage"
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
# --- centre location (Meeting Guide feed): the country as its own part of the address, and
# the building's coordinates, so meeting finders show an exact address, not an approximate one.
CENTRE_COUNTRY = os.environ.get("CENTRE_COUNTRY", "Norway")
CENTRE_LATITUDE = float(os.environ.get("CENTRE_LATITUDE", "59.91296"))
CENTRE_LONGITUDE = float(os.environ.get("CENTRE_LONGITUDE", "10.75264"))
# --- end centre location
# Public bodies publish their official accessibility statement (uustatus.no); link to it here.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
# Absolute base URL for links in emails and feeds, e.g. https://link.example.no. Unset, it is
# the address `make run` serves on: PORT (default 8000) on 127.0.0.1.
PORT = os.environ.get("PORT", "8000")
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")

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

# --- cache, rate limits and error pages ---
# The rate limits on the public forms count in the cache, so every gunicorn worker must see the
# same one: production sets REDIS_URL (Django's own Redis backend, e.g. redis://127.0.0.1:6379/0).
# Without it the cache is in-process memory: fine for development, but each worker counts alone.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's own Redis backend, one client per pool (linkcentre/cache.py).
            "BACKEND": "linkcentre.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "linkcentre"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Submissions of one public form that creates data (sign-up, ...) from one address per window.
PUBLIC_FORM_RATE_LIMIT = int(os.environ.get("PUBLIC_FORM_RATE_LIMIT", "5"))
PUBLIC_FORM_RATE_WINDOW_SECONDS = int(os.environ.get("PUBLIC_FORM_RATE_WINDOW_SECONDS", "3600"))
# How many proxies of our own (nginx, a load balancer) add themselves to X-Forwarded-For. 0 means
# the client connects directly and REMOTE_ADDR is its address; behind one proxy set 1, or every
# visitor shares the proxy's address and its limit.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CSRF_FAILURE_VIEW = "linkcentre.views.csrf_failure"
# --- public page cache (issue 14, linkcentre/pagecache.py) ---
# Anonymous public pages and feeds are kept whole in the cache above and made again after any
# change to what they show; this many seconds at most, for what time alone changes. 0: off.
# On by default only with Redis: in each worker's own memory, an edit made through one worker
# would leave the others serving the old page (the check linkcentre.W001 warns of that).
PUBLIC_PAGE_CACHE_SECONDS = int(
    os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0")
)
# Cached pages are also kept unpacked in each worker's memory, this many bytes at most per
# process, so a hit reads only the version (with Redis kept in the worker too, until it changes).
PUBLIC_PAGE_CACHE_MEMORY_BYTES = int(
    os.environ.get("PUBLIC_PAGE_CACHE_MEMORY_BYTES", str(16 * 1024 * 1024))
)
# The keys of the page cache's versions (linkcentre.pagecache): the pages' version, bumped after
# commit by any write to a table a cached page reads, and the rooms' version, bumped only by a
# write to a rooms table. What is made of rooms tables alone is kept under the rooms' version
# (rooms/shared_cache.py: the week grid, the booking preview, the calendars' weekly runs), so a
# group's edit leaves it be; here because the apps may not import the project. Only with a
# cache every worker shares (Redis): in-process memory would keep one worker's week past
# another worker's bump. (Nothing is kept under them while PUBLIC_PAGE_CACHE_SECONDS is 0, when
# no bumps are registered.)
PAGE_CACHE_VERSION_KEY = "pagecache:version"
ROOMS_CACHE_VERSION_KEY = "pagecache:version:rooms"
ROOMS_SHARED_CACHE = bool(REDIS_URL)
# --- end public page cache ---

# --- Content Security Policy (django-csp) ---
# No CDN and no third-party requests: everything the pages need comes from this server. The
# admin is left out because its widgets use inline scripts and styles. CSP_REPORT_ONLY=1 sends
# the same policy as Content-Security-Policy-Report-Only, to try a change without breaking pages.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin").strip("/") + "/"
_CSP_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_URL}"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_POLICY["DIRECTIVES"]["report-uri"] = [os.environ["CSP_REPORT_URI"]]
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_POLICY
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = _CSP_POLICY

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
# --- personal data: retention (see README "Records of processing") ---
# `manage.py purge_personal_data` (run it daily) erases what is past these periods:
# registrations untouched this many days without a place in a group or on a waiting list,
GROUPS_RETENTION_DAYS = int(os.environ.get("GROUPS_RETENTION_DAYS", "365"))
# memberships this many days after the person left the group,
GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS = int(
    os.environ.get("GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS", "180")
)
# information-meeting sign-ups this many days after the meeting,
GROUPS_INFO_SIGNUP_RETENTION_DAYS = int(os.environ.get("GROUPS_INFO_SIGNUP_RETENTION_DAYS", "30"))
# and the name and contact details of professionals not contacted for this many days.
OUTREACH_PROFESSIONAL_RETENTION_DAYS = int(
    os.environ.get("OUTREACH_PROFESSIONAL_RETENTION_DAYS", "1095")
)
# (The consent text's version is a hash of the text itself: no setting to remember to change.)
# --- end personal data ---
# How many waiting people with the same weekday and language make a new closed group possible.
GROUPS_MIN_TO_START = int(os.environ.get("GROUPS_MIN_TO_START", "5"))
# --- h8: forming groups by the centre's rules (groups/forming.py) ---
# Never more than 8 (the database's limit; a smaller number makes smaller groups), ages that
# span at most 15 years, everyone 18 or older.
GROUPS_FORMING_MAX_SIZE = int(os.environ.get("GROUPS_FORMING_MAX_SIZE", "8"))
GROUPS_FORMING_MAX_AGE_SPREAD = int(os.environ.get("GROUPS_FORMING_MAX_AGE_SPREAD", "15"))
GROUPS_FORMING_MIN_AGE = int(os.environ.get("GROUPS_FORMING_MIN_AGE", "18"))
# The starters (staff) attend the start-up meeting and the meetings of this many weeks after it,
# then step back; reminders go to them this many days before each step.
GROUPS_STARTERS_WEEKS = int(os.environ.get("GROUPS_STARTERS_WEEKS", "3"))
GROUPS_STARTERS_REMIND_DAYS = int(os.environ.get("GROUPS_STARTERS_REMIND_DAYS", "7"))
# --- end h8 ---
# Region for the Meeting Guide feed, and how many weeks ahead the iCalendar feeds reach.
GROUPS_MEETING_GUIDE_REGION = os.environ.get("GROUPS_MEETING_GUIDE_REGION", "Oslo")
GROUPS_CALENDAR_WEEKS = int(os.environ.get("GROUPS_CALENDAR_WEEKS", "26"))
# Slug of the centre's own organisation in the room calendar (books closed groups, info meetings).
GROUPS_CENTRE_SLUG = os.environ.get("GROUPS_CENTRE_SLUG", "link-oslo")
# --- partner listings: when on, a listing a partner creates waits unlisted until staff tick
# "listed publicly" in the admin.
GROUPS_LISTING_REQUIRE_APPROVAL = env_bool("GROUPS_LISTING_REQUIRE_APPROVAL", False)
# --- fresh listings and feed import (issue 11, items 2 and 6) ---
# A listing unconfirmed this many days is flagged in the admin and on the staff dashboard.
GROUPS_LISTING_STALE_DAYS = int(os.environ.get("GROUPS_LISTING_STALE_DAYS", "90"))
# The monthly confirmation link works this many days (past the next month's email).
GROUPS_LISTING_CONFIRMATION_LINK_DAYS = int(
    os.environ.get("GROUPS_LISTING_CONFIRMATION_LINK_DAYS", "45")
)
# Importing a partner's Meeting Guide feed: the largest feed read, and the fetch's timeout.
GROUPS_FEED_IMPORT_MAX_BYTES = int(os.environ.get("GROUPS_FEED_IMPORT_MAX_BYTES", "1000000"))
GROUPS_FEED_IMPORT_TIMEOUT_SECONDS = int(os.environ.get("GROUPS_FEED_IMPORT_TIMEOUT_SECONDS", "10"))
# --- end fresh listings and feed import ---
