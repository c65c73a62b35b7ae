"""Settings shared by every environment. Everything that differs per machine comes from the
environment; see README.md ("Configuration") for the variables."""

import os
from pathlib import Path
from urllib.parse import urlsplit

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
    "partners.review",
    "partners.insight",
    "partners.privacy",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
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
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (goedwerk.security); above XFrameOptions-
    # Middleware so that frame-ancestors follows X-Frame-Options.
    "goedwerk.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # partners: everyone who uses the admin (staff, editors) needs two-factor authentication.
    "partners.accounts.middleware.StaffMFAMiddleware",
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

# --- Database -------------------------------------------------------------------------------
# SQLite next to the code by default; PostgreSQL (or anything dj-database-url understands) when
# DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
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
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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
# allauth's rate limits stay on (its defaults); named here so that they are visible.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
}
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
# Staff sign in through allauth (with its second factor), never through the admin's own form.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Extra origins that forms may be submitted (or redirected) to, for the Content-Security-Policy's
# form-action (see goedwerk.security); comma-separated, e.g. "https://login.broker.example".
GOEDWERK_CSP_FORM_ACTION = env_list("GOEDWERK_CSP_FORM_ACTION")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# eHerkenning (or any OpenID Connect broker) as a door to existing accounts: on only when the
# three variables are set. It never creates accounts without an invitation (see the adapter).
_EHERKENNING_OIDC = {
    "client_id": os.environ.get("EHERKENNING_OIDC_CLIENT_ID", ""),
    "secret": os.environ.get("EHERKENNING_OIDC_SECRET", ""),
    "server_url": os.environ.get("EHERKENNING_OIDC_SERVER_URL", ""),
}
if all(_EHERKENNING_OIDC.values()):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "eherkenning",
                "name": "eHerkenning",
                "client_id": _EHERKENNING_OIDC["client_id"],
                "secret": _EHERKENNING_OIDC["secret"],
                "settings": {"server_url": _EHERKENNING_OIDC["server_url"]},
            }
        ],
    }
    # The sign-in form posts to this site, which redirects to the broker: CSP's form-action
    # covers that redirect, so the broker's origin is allowed there.
    GOEDWERK_CSP_FORM_ACTION.append(_origin(_EHERKENNING_OIDC["server_url"]))
    # The broker is trusted: its verified e-mail address signs in the matching local account.
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
# Retention (partners.privacy.retention, run daily by `apply_retention`): evidence files are
# deleted this many days after the end of their reporting period (0: never); used, withdrawn and
# expired invitations this many days after that happened. See README, "Privacy and retention".
GOEDWERK_EVIDENCE_RETENTION_DAYS = int(os.environ.get("GOEDWERK_EVIDENCE_RETENTION_DAYS", "2555"))
GOEDWERK_INVITATION_RETENTION_DAYS = int(os.environ.get("GOEDWERK_INVITATION_RETENTION_DAYS", "30"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

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
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_ENABLE_MACHINE_TRANSLATION = False
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
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
