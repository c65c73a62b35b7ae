"""Settings shared by every environment. Everything that differs per machine comes from the
environment; see README.md ("Configuration") for the variables."""

import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # the repository root


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
GOEDWERK_ENVIRONMENT = os.environ.get("GOEDWERK_ENVIRONMENT", "development")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first so that their templates override those of the packages below.
    "home",
    "events",
    "partners",
    "partners.reporting",
    "partners.review",
    "partners.insight",
    "partners.accounts",
    "partners.privacy",
    "goedwerk.pagecache",  # full-page cache for anonymous visitors (README, "Caching")
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.redirects",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",  # partners: "sessions" page (sign out other devices)
    "django.contrib.humanize",  # partners: used by allauth's sessions page
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Background tasks (Wagtail enqueues its own, e.g. reference index updates): run at once by
    # default, queued in the database for `manage.py db_worker` in production (see TASKS).
    "django_tasks",
    "django_tasks_db",
    "django.forms",  # the widgets' templates for FORM_RENDERER (goedwerk.forms.FormRenderer)
]

MIDDLEWARE = [
    # /healthz and /readyz: answered first, before the SSL redirect and the ALLOWED_HOSTS check,
    # so that probes from inside the container or the proxy work (see goedwerk/health.py).
    "goedwerk.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (goedwerk.security); above XFrameOptions-
    # Middleware so that frame-ancestors follows X-Frame-Options.
    "goedwerk.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors from the cache, before sessions, CSRF and the database
    # are touched (goedwerk.pagecache; README, "Caching").
    "goedwerk.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # partners: every session passed allauth's login with the second factor (staff, editors and
    # organisation admins must have one); the admin's own login and reset forms are closed.
    "partners.accounts.middleware.SecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "goedwerk.urls"
WSGI_APPLICATION = "goedwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "goedwerk.security.csp",
            ],
        },
    },
]

# One rendering of form fields for the portal, accounts and allauth (goedwerk/forms/field.html).
FORM_RENDERER = "goedwerk.forms.FormRenderer"

# The theme: a stylesheet of design tokens (--utrecht-*, --goedwerk-*) linked after the NL Design
# System components. Another municipality points this at its own token file (a static path).
GOEDWERK_THEME_CSS = os.environ.get("GOEDWERK_THEME_CSS", "css/theme.css")
# The municipality's logo in the header (a static path, SVG); the name beside it comes from
# Settings > Site settings.
GOEDWERK_LOGO = os.environ.get("GOEDWERK_LOGO", "img/logo.svg")

# --- Database -------------------------------------------------------------------------------
# SQLite next to the code by default; PostgreSQL (or anything dj-database-url understands) when
# DATABASE_URL is set.


def database_url(environ=os.environ) -> str:
    """DATABASE_URL if set. Otherwise, when DATABASE_HOST and DATABASE_NAME are set (compose.yaml
    does this), a PostgreSQL URL assembled from them and DATABASE_USER, DATABASE_PASSWORD and
    DATABASE_PORT (5432), each part URL-escaped: a password pasted raw into a URL breaks it as
    soon as it holds "@", "/", ":" or "#". Without either, SQLite next to the code."""
    if environ.get("DATABASE_URL"):
        return environ["DATABASE_URL"]
    host, name = environ.get("DATABASE_HOST", ""), environ.get("DATABASE_NAME", "")
    if not (host and name):
        return f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    user = quote(environ.get("DATABASE_USER", ""), safe="")
    password = quote(environ.get("DATABASE_PASSWORD", ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = environ.get("DATABASE_PORT", "5432")
    return f"postgres://{credentials}{host}:{port}/{quote(name, safe='')}"


DATABASES = {
    "default": dj_database_url.parse(
        database_url(),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite under concurrent writers (several workers, the scheduler): readers never block the
    # writer (WAL), a writer takes the write lock when its transaction begins (IMMEDIATE, so it
    # cannot fail halfway) and waits up to 20 s for another one; past that the portal answers
    # with its conflict page (409), never a 500.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# REDIS_URL switches the cache to Redis (production); otherwise a per-process memory cache.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "goedwerk",
        }
    }
    # Sessions are read from the shared cache and written through to the database: every web
    # instance sees the same sessions, and a Redis restart or eviction (Redis is only a cache,
    # compose runs it without persistence) signs nobody out and loses no half-finished MFA
    # login. allauth's rate limits count in the same shared cache, across all instances.
    # (cached_db only with a shared cache: a per-process cache could keep a logged-out
    # session alive in another process.)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache ---------------------------------------------------------------------------
# Complete public pages for anonymous visitors, in the cache GOEDWERK_PAGE_CACHE_ALIAS (shared by
# every process: Redis or the database in production), purged through Wagtail's front-end cache
# backends when content changes (README, "Caching"). GOEDWERK_PAGE_CACHE=false turns it off.
GOEDWERK_PAGE_CACHE = env_bool("GOEDWERK_PAGE_CACHE", True)
GOEDWERK_PAGE_CACHE_ALIAS = "default"
# How long a page is kept here and by shared caches (s-maxage), at most; browsers keep it at
# most GOEDWERK_PAGE_CACHE_BROWSER_SECONDS (max-age), because a purge cannot reach them.
GOEDWERK_PAGE_CACHE_SECONDS = int(os.environ.get("GOEDWERK_PAGE_CACHE_SECONDS", "600"))
GOEDWERK_PAGE_CACHE_BROWSER_SECONDS = int(
    os.environ.get("GOEDWERK_PAGE_CACHE_BROWSER_SECONDS", "60")
)
# Functions (now -> datetime | None) naming the next moment at which pages change by themselves;
# no page is kept past it (a job fair starts or ends: "upcoming" is never stale).
GOEDWERK_PAGE_CACHE_EXPIRY = ["events.caching.next_state_change"]


# The release the pages were rendered by, part of every page-cache key: a deploy never serves a
# page cached by the code before it (its markup could link stylesheets or forms that changed).
# GOEDWERK_RELEASE from the environment, else var/release (the image writes a new one per
# build), else "dev".
def read_release(environ, base_dir: Path) -> str:
    release = environ.get("GOEDWERK_RELEASE", "").strip()
    if not release and (base_dir / "var" / "release").is_file():
        release = (base_dir / "var" / "release").read_text().strip()
    return release or "dev"


GOEDWERK_RELEASE = read_release(os.environ, BASE_DIR)
WAGTAILFRONTENDCACHE = {
    "pagecache": {"BACKEND": "goedwerk.pagecache.backends.PageCacheBackend"},
}
# A caching reverse proxy or CDN that accepts PURGE requests (Varnish, nginx with a purge
# module): its address, e.g. http://proxy:6081. Purges then go to it as well.
if os.environ.get("GOEDWERK_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["GOEDWERK_PURGE_URL"],
    }

# --- Background tasks -----------------------------------------------------------------------
# TASKS_BACKEND "django_tasks_db.DatabaseBackend" queues tasks in the database for a worker
# (`manage.py db_worker`); production uses it by default. Otherwise tasks run immediately.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Reminders ---------------------------------------------------------------------------
# "Send reminder now" in the period overview: at most one per organisation and period within
# this many hours, however often (or however many) staff click.
REMINDER_NOW_INTERVAL_HOURS = int(os.environ.get("REMINDER_NOW_INTERVAL_HOURS", "24"))

# --- Review ---------------------------------------------------------------------------------
# The review screen marks a count that moved more than this many percent against the previous
# period (and any count that moved away from 0).
REVIEW_CHANGE_THRESHOLD_PERCENT = int(os.environ.get("REVIEW_CHANGE_THRESHOLD_PERCENT", "25"))

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: login by e-mail address, no username, verified addresses only.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Goed Werk] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# Rate limits on everything that takes a password, a code or sends an e-mail (allauth's keys; the
# counters live in the default cache: Redis or the database in production, see CACHES).
# "login_failed" counts per IP and per address-and-IP pair (the adapter builds the key), so a
# lock-out of an address only locks out the machine that caused it. Going over a limit answers
# HTTP 429 (partners/templates/429.html).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "request_login_code": "20/m/ip,3/m/key",
    # partners: invitation e-mails sent from the portal's member page.
    "invite_member": "20/h/user",
}
# Every way in goes through allauth's login stages, where the second factor is asked: no
# login straight from a password-reset or confirmation link, no login by e-mailed code, no
# "trust this browser" (the middleware refuses sessions without a recorded second factor).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
MFA_TRUST_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Goed Werk Rotterdam"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# partners (accounts): nobody signs up without an invitation; the adapters enforce that.
ACCOUNT_ADAPTER = "partners.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "partners.accounts.adapter.SocialAccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
MFA_ADAPTER = "partners.accounts.adapter.MFAAdapter"
# allauth's forms with the project's input rule: no control characters (goedwerk.forms).
_ALLAUTH_FORMS = "partners.accounts.allauth_forms"
ACCOUNT_FORMS = {
    form_id: f"{_ALLAUTH_FORMS}.{name}"
    for form_id, name in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("add_email", "AddEmailForm"),
        ("change_password", "ChangePasswordForm"),
        ("set_password", "SetPasswordForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("reauthenticate", "ReauthenticateForm"),
    ]
}
MFA_FORMS = {
    form_id: f"{_ALLAUTH_FORMS}.{name}"
    for form_id, name in [
        ("authenticate", "AuthenticateForm"),
        ("reauthenticate", "MFAReauthenticateForm"),
        ("activate_totp", "ActivateTOTPForm"),
        ("deactivate_totp", "DeactivateTOTPForm"),
        ("generate_recovery_codes", "GenerateRecoveryCodesForm"),
        ("add_webauthn", "AddWebAuthnForm"),
        ("signup_webauthn", "SignupWebAuthnForm"),
        ("edit_webauthn", "EditWebAuthnForm"),
        ("authenticate_webauthn", "AuthenticateWebAuthnForm"),
        ("login_webauthn", "LoginWebAuthnForm"),
        ("reauthenticate_webauthn", "ReauthenticateWebAuthnForm"),
    ]
}
# TOTP secrets and recovery-code seeds are encrypted in the database with these Fernet keys
# (comma-separated, the first encrypts); without them with a key derived from SECRET_KEY.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEY")
# Staff sign in through allauth (with its second factor), never through the admin's own form;
# passwords are reset and changed, and addresses managed, through allauth's rate-limited pages.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Extra origins that forms may be submitted (or redirected) to, for the Content-Security-Policy's
# form-action (see goedwerk.security); comma-separated, e.g. "https://login.broker.example".
GOEDWERK_CSP_FORM_ACTION = env_list("GOEDWERK_CSP_FORM_ACTION")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# eHerkenning (or any OpenID Connect broker) as a door to existing accounts: on only when the
# three variables are set. It never creates accounts without an invitation (see the adapter).


def eherkenning_provider(client_id: str, secret: str, server_url: str) -> dict:
    """SOCIALACCOUNT_PROVIDERS["openid_connect"] for the broker (also used by the tests)."""
    return {
        "APPS": [
            {
                "provider_id": "eherkenning",
                "name": "eHerkenning",
                "client_id": client_id,
                "secret": secret,
                "settings": {"server_url": server_url},
            }
        ],
        # An address counts as verified only when the broker says so with the claim
        # `email_verified: true` (a boolean; allauth >= 65.22.1 reads the string "false" as
        # false). Never assume it: that would let any address sign into the matching account.
        "VERIFIED_EMAIL": False,
    }


_EHERKENNING_OIDC = (
    os.environ.get("EHERKENNING_OIDC_CLIENT_ID", ""),
    os.environ.get("EHERKENNING_OIDC_SECRET", ""),
    os.environ.get("EHERKENNING_OIDC_SERVER_URL", ""),
)
if all(_EHERKENNING_OIDC):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = eherkenning_provider(*_EHERKENNING_OIDC)
    # The sign-in form posts to this site, which redirects to the broker: CSP's form-action
    # covers that redirect, so the broker's origin is allowed there.
    GOEDWERK_CSP_FORM_ACTION.append(_origin(_EHERKENNING_OIDC[2]))
# A verified address from the broker signs in the matching local account (and connects it),
# always through allauth's login stages, so the second factor is still asked.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# --- Internationalisation -------------------------------------------------------------------
# The languages the site publishes in are configuration: GOEDWERK_LANGUAGES lists Django language
# codes, the first is the source language. Editors then add a Wagtail locale for each.
LANGUAGE_CODE = os.environ.get("GOEDWERK_LANGUAGES", "nl").split(",")[0].strip()
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANG_INFO[code]["name_local"])
    for code in env_list("GOEDWERK_LANGUAGES", "nl,en,pl,ro,bg,hu")
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
# The admin speaks Dutch or English; the public site speaks every language in LANGUAGES.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Evidence uploaded by partners lives outside MEDIA_ROOT and is only ever served through a view
# that checks who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_storages(environ) -> dict:
    """Object storage (S3 or anything that speaks its API) for the buckets that are configured:
    AWS_STORAGE_BUCKET_NAME holds public media (Wagtail images and their renditions, documents),
    AWS_PRIVATE_STORAGE_BUCKET_NAME the partners' evidence. Credentials come from boto3's usual
    chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an instance role)."""
    common = {
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Two uploads with the same name keep both files, as on the file system.
        "file_overwrite": False,
    }
    result = {}
    if environ.get("AWS_STORAGE_BUCKET_NAME"):
        result["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
                # Public objects with plain URLs (cacheable by a CDN: AWS_S3_CUSTOM_DOMAIN).
                # Empty AWS_PUBLIC_MEDIA_ACL when a bucket policy makes the bucket readable.
                "default_acl": environ.get("AWS_PUBLIC_MEDIA_ACL", "public-read") or None,
                "querystring_auth": False,
                "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "object_parameters": {"CacheControl": "public, max-age=31536000"},
            },
        }
    if environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME"):
        result["private"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": environ["AWS_PRIVATE_STORAGE_BUCKET_NAME"],
                # Never public: private objects, and any URL the storage makes is signed and
                # short-lived. The app streams evidence through its own download view anyway.
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": int(environ.get("AWS_PRIVATE_URL_EXPIRE", "60")),
                "custom_domain": None,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        }
    return result


STORAGES.update(s3_storages(os.environ))
# Retention (partners.privacy.retention, run daily by `apply_retention`): evidence files are
# deleted this many days after the end of their reporting period (0: never); used, withdrawn and
# expired invitations this many days after that happened. See README, "Privacy and retention".
GOEDWERK_EVIDENCE_RETENTION_DAYS = int(os.environ.get("GOEDWERK_EVIDENCE_RETENTION_DAYS", "2555"))
GOEDWERK_INVITATION_RETENTION_DAYS = int(os.environ.get("GOEDWERK_INVITATION_RETENTION_DAYS", "30"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Evidence is scanned by ClamAV's clamd when set: unix:///run/clamav/clamd.ctl or tcp://host:3310.
# Set but unreachable: uploads are refused (see partners/filecheck).
CLAMAV_ADDRESS = os.environ.get("CLAMAV_ADDRESS", "")
CLAMAV_TIMEOUT = float(os.environ.get("CLAMAV_TIMEOUT", "30"))

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Goed Werk Rotterdam <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Goed Werk Rotterdam"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL and SQLite's FTS5 or a
    # fallback elsewhere.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Their forms with the project's input rule: no control characters (goedwerk.forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "goedwerk.media_forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "goedwerk.media_forms.SafeDocumentForm"
# Pages every footer links to, besides content pages marked "show in footer" (goedwerk.pages).
GOEDWERK_FOOTER_PAGE_TYPES = [
    "partners_insight.CoalitionPartnersPage",
    "home.PrivacyStatementPage",
    "home.AccessibilityStatementPage",
]
# Pages that other pages and blocks link to by type (the next-job-fair block to the job fair
# index, the progress page to the partner list): the router loads the live, public ones that are
# children of the language's home page with every page, so the link costs no query
# (goedwerk.routing, ``Chrome.linked_page``: the first in tree order).
GOEDWERK_LINKED_PAGE_TYPES = [
    "events.JobFairIndexPage",
    "partners_insight.CoalitionPartnersPage",
]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Translating creates drafts: choosing *Translate* must not publish a still-Dutch copy in another
# language (and its menu) at once; the translation is published, or submitted to Moderatie, from the
# translation editor like any other page.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Wagtail's own workflow e-mails (a page submitted to Moderatie reaches Eindredactie).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False


def machine_translator(environ) -> dict | None:
    """``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from the environment, or None (off):

    - ``MACHINE_TRANSLATOR=deepl`` with ``DEEPL_AUTH_KEY`` (a key ending in ``:fx`` uses the free
      endpoint) and optionally ``DEEPL_API_URL`` (the full URL of ``/v2/translate``) and
      ``DEEPL_FORMALITY`` (``prefer_less`` suits the site's informal Dutch "je");
    - ``MACHINE_TRANSLATOR=libretranslate`` with ``LIBRETRANSLATE_URL`` (the server's root) and
      optionally ``LIBRETRANSLATE_API_KEY``.

    ``MACHINE_TRANSLATOR_TIMEOUT`` (seconds, default 30) bounds each request. A chosen translator
    without its required variable is a configuration error, not silently off.
    """
    kind = environ.get("MACHINE_TRANSLATOR", "").strip().lower()
    if kind in {"", "off", "none"}:
        return None
    timeout = int(environ.get("MACHINE_TRANSLATOR_TIMEOUT", "30"))
    if kind == "deepl":
        key = environ.get("DEEPL_AUTH_KEY", "").strip()
        if not key:
            raise ValueError("MACHINE_TRANSLATOR=deepl needs DEEPL_AUTH_KEY")
        options = {"AUTH_KEY": key, "TIMEOUT": timeout}
        if environ.get("DEEPL_API_URL", "").strip():
            options["API_URL"] = environ["DEEPL_API_URL"].strip()
        if environ.get("DEEPL_FORMALITY", "").strip():
            options["FORMALITY"] = environ["DEEPL_FORMALITY"].strip()
        return {"CLASS": "goedwerk.localization.machine.DeepLTranslator", "OPTIONS": options}
    if kind == "libretranslate":
        url = environ.get("LIBRETRANSLATE_URL", "").strip().rstrip("/")
        if not url:
            raise ValueError("MACHINE_TRANSLATOR=libretranslate needs LIBRETRANSLATE_URL")
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": url,
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
                "TIMEOUT": timeout,
            },
        }
    raise ValueError(f"MACHINE_TRANSLATOR={kind!r}: use deepl, libretranslate or leave it empty")


# Machine translation in the translation editor (an aid, off by default; see README).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)

# Privacy (AVG): the admin contacts no other host. No Gravatar (it would send a hash of every
# staff e-mail address to a third party; Wagtail shows its default avatar or an uploaded one)
# and no check for new Wagtail releases from the dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Security defaults that hold everywhere -------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# Lax: cookies go along when someone follows a link to the site (an invitation e-mail), not
# with cross-site form posts or subrequests.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (Wagtail's admin and allauth take the token from the page).
CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # Django's own default handler would print each of its lines a second time (it also
        # propagates to the root logger).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per task is noise in the web and management processes; `db_worker` raises
        # these to INFO itself (its -v option).
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING").upper()},
        "django_tasks_db": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING").upper()},
    },
}
