"""Settings shared by every environment. Everything that differs between machines comes from the environment.

With nothing set, the platform runs on the embedded default: SQLite and kombu's filesystem broker under
``var/``. ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch it to PostgreSQL and Redis.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from accounts import sso

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_results",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "core",
    "initiatives",
    "alliance",
    "activities",
    "measurement",
    "evaluation",
    "reports",
    "dashboards",
    "search",
    "notifications",
    "api",
    "home",
    "privacy",
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # after authentication and messages (they tell the person why): ends idle and too old sessions, sends a role
    # that needs a second factor to enrol one, and keeps every page and download of a logged-in user out of caches
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds concurrent writes (two imports at once): readers never wait for a writer (WAL),
    # a transaction takes the write lock when it begins, not halfway through (IMMEDIATE, so it waits instead of
    # failing with "database is locked"), and a writer waits up to 20 s for another's commit. A large import
    # holds the lock for a few seconds, so 5 s would be tight.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth, accounts/). Nobody signs up on their own: an account comes from an invitation
# (accounts/adapter.py) or, with single sign-on, from the identity provider, and a role only from an invitation.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
# The sign-up from an invitation's link: its address fixed to the invitation's.
ACCOUNT_FORMS = {"signup": "accounts.forms.InvitationSignupForm"}
ACCOUNT_UNIQUE_EMAIL = True
# The invitation's link proves the address; the demo's and the tests' users have none to confirm.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
# Changing the password ends every session of the account, this one too.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
# Mail subjects say what the mail is about, without allauth's "[site] " in front.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")
# Lockout: after LOGIN_FAILURES_PER_ACCOUNT wrong passwords for one account, or LOGIN_FAILURES_PER_ADDRESS from one
# address, within LOGIN_FAILURES_WINDOW, every login is refused until the window has passed. The admin's login is
# the same form (config/urls.py). The message is the same whether the account exists or not.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=10)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
LOGIN_FAILURES_WINDOW = env("LOGIN_FAILURES_WINDOW", default="15m")
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{LOGIN_FAILURES_PER_ADDRESS}/{LOGIN_FAILURES_WINDOW}/ip,{LOGIN_FAILURES_PER_ACCOUNT}/{LOGIN_FAILURES_WINDOW}/key"
    ),
    # Every login attempt, right or wrong, from one address: above the failures' limit, so that an address
    # locked out reads the lockout message on the form rather than "too many requests" (templates/429.html).
    "login": f"{2 * LOGIN_FAILURES_PER_ADDRESS}/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# A reset link's mail goes only to an account's address: nobody signs up on their own, so allauth's mail to an
# unknown address ("sign up instead") has nothing to offer. The page says the same whether the address is known.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Behind a reverse proxy, how many proxies to trust in X-Forwarded-For for the address of the lockout.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Second factor: TOTP with recovery codes. MFA_REQUIRED_ROLES names the roles that must have one; such a user is
# sent to enrol it at login and can do nothing else first (accounts/middleware.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Collective impact")
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])

# Single sign-on, from the environment (accounts/sso.py; the README's "Single sign-on" shows Entra ID and KOMBIT).
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = sso.providers(os.environ)

# Sessions: an idle timeout (a working day by default) and an absolute one (accounts/middleware.py).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 60 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=24 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Messages live in the session: no cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"


# E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True, smtp+ssl://…) in production; the console by default,
# so that the demo prints its mails where it prints its logins.
def mailer(url: str) -> dict:
    """Django's MAILERS entry for an EMAIL_URL."""
    config = environ.Env.email_url_config(url)
    if not config["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
        return {"BACKEND": config["EMAIL_BACKEND"]}
    return {
        "BACKEND": config["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": config["EMAIL_HOST"],
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"],
            "password": config["EMAIL_HOST_PASSWORD"],
            "use_tls": bool(config.get("EMAIL_USE_TLS")),
            "use_ssl": bool(config.get("EMAIL_USE_SSL")),
            "timeout": 30,
        },
    }


MAILERS = {"default": mailer(env("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Alliance platform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where users reach the site, for the links in mails sent by the worker (notifications), which has no request.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# How long an invitation can be accepted.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)

# Internationalisation: English source strings, a complete Danish catalogue.
LANGUAGE_CODE = "en"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our Danish formats over Django's: "kl. 14.30" (config/formats/da/formats.py)
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Numbers in templates with the language's thousands separator ("12.000" in Danish). Years are printed as text or
# through core.formats, never as amounts; CSV files keep their machine format (dashboards/csv.py).
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded import files between their preview and the user's confirmation (core.importing).
IMPORT_STAGING_DIR = VAR_DIR / "imports"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A strict Content-Security-Policy: every script and style is a static file of ours, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # a sign-on button's form leads on to the identity provider's site
    "form-action": [CSP.SELF, *sso.form_action_origins(os.environ)],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The REST API (api/): the browser's session or a personal access token (api/authentication.py), the same
# authorisation as the pages, pages of at most API_MAX_PAGE_SIZE rows, and a limit of requests per token.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="2000/hour")
API_MAX_PAGE_SIZE = 500
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerToken"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    # OPTIONS is not described in the schema: no metadata answers (405)
    "DEFAULT_METADATA_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Collective impact platform API",
    "DESCRIPTION": (
        "The data of the initiatives you hold a role in. Authenticate with a personal access token "
        "(`Authorization: Bearer <token>`, made on the page Access tokens) or the browser's session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # choice sets that share a field's name across kinds
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "activities.models.Activity.Kind",
        "IndicatorKindEnum": "measurement.models.Indicator.Kind",
        "ReportKindEnum": "reports.models.ReportRequest.Kind",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The cache holds costly pages and figures under their initiative's data version (initiatives/versioning.py), so an
# entry is never stale, only unused. Redis in production (CACHE_URL=redis://…).
# On files under var/ by default, so that the worker's warm-up (dashboards/tasks.py) reaches the web process.
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}
# After a change, a worker computes the dashboard before anyone asks (dashboards/tasks.py).
DASHBOARD_WARM_UP = env.bool("DASHBOARD_WARM_UP", default=True)
# The code's release, in every cache key (a deploy sets it; else a stamp of the source files is used).
RELEASE = env("RELEASE", default="")
CACHES["default"].setdefault("TIMEOUT", 3600)

# Celery. With no CELERY_BROKER_URL the broker is kombu's filesystem transport under var/: jobs go through a
# real worker process as in production, with no server to install.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_FOLDER = Path(env("CELERY_BROKER_FOLDER", default=str(VAR_DIR / "broker")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (CELERY_BROKER_FOLDER / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # How often kombu sweeps for unacknowledged messages of lost workers (default 10 x 10 s; see
        # STACK-NOTES.md for what was measured here).
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
        # Longer than the longest task (reports.tasks.HARD_TIME_LIMIT), or a task runs twice at once. It is also
        # how long a task of a worker killed outright waits before another worker gets it.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60),
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = 30 * 24 * 60 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Jobs that Celery beat starts (docker-compose runs beat); each is also a management command for cron.
CELERY_BEAT_SCHEDULE = {
    "purge-deleted-items": {"task": "core.tasks.deleted_items_purge_task", "schedule": 24 * 60 * 60},
    # notifications/tasks.py: reminders every morning, the digest on the 1st, the mails that wait every 2 minutes
    "notification-reminders": {"task": "notifications.tasks.reminders_task", "schedule": crontab(hour=7, minute=0)},
    "notification-digest": {
        "task": "notifications.tasks.digest_task",
        "schedule": crontab(day_of_month="1", hour=6, minute=0),
    },
    "notification-delivery": {"task": "notifications.tasks.delivery_task", "schedule": 2 * 60},
    # privacy/tasks.py: warn a month ahead, then delete or anonymise what the retention rules make due
    "retention": {"task": "privacy.tasks.retention_task", "schedule": crontab(hour=5, minute=30)},
}

# How long a deleted item can be restored from the initiative's deleted items; then it is purged for good.
DELETED_ITEMS_KEEP_DAYS = env.int("DELETED_ITEMS_KEEP_DAYS", default=30)

# The accessibility statement (core/accessibility.py): the organisation that runs the platform and whom users contact
# about accessibility. Empty, the page tells users to ask their initiative's secretariat instead.
ACCESSIBILITY_ORGANISATION = env("ACCESSIBILITY_ORGANISATION", default="")
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_CONTACT_PHONE = env("ACCESSIBILITY_CONTACT_PHONE", default="")

# A filter's empty choice reads "All" ("Alle"), not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "core.logging.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
