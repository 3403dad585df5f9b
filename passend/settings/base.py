"""Settings shared by every environment. Environment variables drive what differs."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from passend.core.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PASSEND_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

PASSEND_VERSION = "0.1.0"
API_VERSION = "1.0.0"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "passend.core",
    "passend.jobs",
    "passend.accounts",
    "passend.regions",
    "passend.audit",
    "passend.cases",
    "passend.analysis",
    "passend.meetings",
    "passend.advice",
    "passend.procesregie",
    "passend.inbox",
    "passend.socialmap",
    "passend.analytics",
    "passend.privacy",
    "passend.monitoring",
    "passend.demo",
]

MIDDLEWARE = [
    "passend.core.logging.RequestLogMiddleware",
    "passend.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "passend.core.middleware.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "passend.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "passend.accounts.middleware.IdleTimeoutMiddleware",
    "passend.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "passend.core.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passend.urls"
WSGI_APPLICATION = "passend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "passend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "passend.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'passend.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (gunicorn workers, job workers): write-ahead log so readers never
    # wait, BEGIN IMMEDIATE so a writer takes the lock at the start of its transaction (no
    # "database is locked" on upgrading a read lock), and a busy timeout so it queues instead.
    # secure_delete: deleted and overwritten values are zeroed in the file, so what retention
    # removes does not survive in free pages (the run checkpoints the WAL afterwards).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: monitoring's aggregate queries cost enough to trigger it, and
    # compiling took longer than running them (bench/README.md, monitoring: up to 1 s a query).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "options": "-c jit=off",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process (rate limits, login lockout, API throttles, the worker's
# heartbeat): the database by default (`manage.py createcachetable`; `core/cache.py` makes its
# increment atomic), Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "passend.core.cache.AtomicDatabaseCache",
            "LOCATION": "passend_cache",
        }
    )
}
RATELIMIT_USE_CACHE = "default"
# django-ratelimit warns for every backend outside its short list (W001); both of ours are
# shared between processes and increment atomically (Redis INCRBY, core/cache.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Background jobs (django-tasks with its database backend): e-mail, reminders and later
# imports, reports and retention run in `manage.py worker`, next to the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: short-lived, closed with the browser, idle timeout enforced by middleware.
SESSION_COOKIE_AGE = int(os.environ.get("PASSEND_SESSION_MAX_SECONDS", str(8 * 3600)))
PASSEND_MAX_ATTACHMENT_MB = int(os.environ.get("PASSEND_MAX_ATTACHMENT_MB", "10"))
PASSEND_IDLE_TIMEOUT_SECONDS = int(os.environ.get("PASSEND_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): lock a username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("PASSEND_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "passend.accounts.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The failure counts live in the shared cache (add + atomic incr), so every app server sees
# the same lockout; nothing in Passend reads axes' database tables, and the cache handler
# keeps no log of usernames and addresses in the database.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "default"

# Encryption at rest of identifying fields (django-fernet-encrypted-fields): Fernet keys are
# derived from SECRET_KEY (+ SECRET_KEY_FALLBACKS) and each salt below. Rotation: put a new salt
# first (or move the old secret key to DJANGO_SECRET_KEY_FALLBACKS), then run
# `manage.py reencrypt_cases`; remove the old value once that has finished.
SALT_KEY = env_list("PASSEND_FIELD_SALT_KEYS") or ["passend-development-salt-not-for-production"]
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
# Keyed hashes for pseudonyms and the name search index (never stored next to the data).
PASSEND_PSEUDONYM_KEY = os.environ.get("PASSEND_PSEUDONYM_KEY", "")
# Old pseudonym keys during a rotation: lookups also try them until reencrypt_cases is done.
PASSEND_PSEUDONYM_KEY_FALLBACKS = env_list("PASSEND_PSEUDONYM_KEY_FALLBACKS")
# HMAC key of the access log's hash chain (audit/chain.py); each entry stores the id of the key
# that signed it. Rotation: new key here, the old one first in the fallbacks, and keep it there as
# long as the log holds entries it signed. Unset (dev/test/demo): derived from SECRET_KEY.
PASSEND_AUDIT_KEY = os.environ.get("PASSEND_AUDIT_KEY", "")
PASSEND_AUDIT_KEY_FALLBACKS = env_list("PASSEND_AUDIT_KEY_FALLBACKS")

# Two-factor authentication (TOTP via django-otp).
OTP_TOTP_ISSUER = "Passend"
PASSEND_2FA_EXEMPT_DEMO_USERS = False
# A "demo" label on every page (settings/demo.py): fictitious data, not for real cases.
PASSEND_DEMO_LABEL = False
# An invitation link (set a password for a new account) works once, for this long.
PASSEND_INVITATION_VALID_FOR = timedelta(days=int(os.environ.get("PASSEND_INVITATION_DAYS", "7")))

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "passend" / "locale"]
# Dates: lowercase month and day names in Dutch, dd-mm-jjjj for numeric dates (passend/formats).
FORMAT_MODULE_PATH = ["passend.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "passend" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["passend.core.api.parsers.PassendJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "passend.core.api.schema.PassendAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "passend.core.api.pagination.PassendPagination",
    "EXCEPTION_HANDLER": "passend.core.api.problems.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "20/minute"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 25,
    "JSON_UNDERSCOREIZE": {"no_underscore_before_number": True},
}
# An API token lives like a session: it lapses after the idle timeout without use and, however
# often it is used, at most SESSION_COOKIE_AGE (8 hours) after it was issued.
REST_KNOX = {
    "TOKEN_TTL": timedelta(seconds=PASSEND_IDLE_TIMEOUT_SECONDS),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(seconds=SESSION_COOKIE_AGE),
    "MIN_REFRESH_INTERVAL": 60,
    "USER_SERIALIZER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Passend API",
    "DESCRIPTION": (
        "REST API van Passend, de werkomgeving voor regionale expertteams jeugd. "
        "Volgt de NL API Design Rules: geen slash aan het eind, kebab-case paden, "
        "lowerCamelCase velden, foutmeldingen als application/problem+json (RFC 9457)."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": "Passend ontwikkelteam",
        "url": "https://passend.example.org",
        "email": "ontwikkelaars@passend.example.org",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    # ADR: an absolute https URL with the major version; the host is a variable per installation.
    "SERVERS": [
        {
            "url": "https://{host}/api/v1",
            "description": "Deze installatie",
            "variables": {
                "host": {
                    "default": "passend.example.org",
                    "description": "Hostnaam van de Passend-installatie.",
                }
            },
        }
    ],
    # ADR (spectral:oas operation-tag-defined): every tag an operation uses, declared once here.
    "TAGS": [
        {"name": "Authenticatie", "description": "API-tokens aanvragen en intrekken."},
        {"name": "Regio's en teams", "description": "Jeugdregio's, expertteams en hun leden."},
        {
            "name": "Gebruikersbeheer",
            "description": "Uitnodigingen, rollen en tweede factor (beheerder).",
        },
        {"name": "Organisaties", "description": "Organisaties in de regio."},
        {"name": "Toegangslog", "description": "Het toegangslog (NEN 7513)."},
        {"name": "Casussen", "description": "Casussen, toestemmingen, bijlagen en statussen."},
        {"name": "Analyse", "description": "Tijdlijn, signalen en verklarende analyse."},
        {"name": "Overleg", "description": "Teamoverleggen, besprekingen en aanwezigheid."},
        {"name": "Advies", "description": "Adviezen, goedkeuring, brief en follow-up."},
        {"name": "Procesregie", "description": "Plan van aanpak, acties en escalaties."},
        {"name": "Werkvoorraad", "description": "Wat er per gebruiker wacht."},
        {"name": "Sociale kaart", "description": "Aanbod, aanbieders en wachttijden."},
        {"name": "Zelfmelding", "description": "Aanmelden door jeugdige of ouder, zonder inlog."},
        {
            "name": "Privacy",
            "description": "DPIA-toets, convenant en bewaartermijnruns (beheerder).",
        },
        {"name": "AVG", "description": "Inzage en verwijdering op verzoek van jeugdige of ouder."},
        {
            "name": "Monitoring",
            "description": "Geaggregeerde, gepseudonimiseerde cijfers (<5 afgeschermd).",
        },
    ],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
        "passend.core.api.schema.add_design_rule_responses",
        "passend.core.api.schema.drop_unused_components",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CaseStateEnum": "passend.cases.codes.CaseState",
        "EscalationLevelEnum": "passend.procesregie.codes.Level",
        "DoubleCheckAnswerEnum": "passend.procesregie.codes.Answer",
        "MeetingStatusEnum": "passend.meetings.codes.MeetingStatus",
        "AttendanceStatusEnum": "passend.meetings.codes.AttendanceStatus",
        "AdviceStatusEnum": "passend.advice.codes.AdviesStatus",
        "AnalysisStepEnum": "passend.analysis.models.AnalyseStep",
        "ClosureOutcomeEnum": "passend.cases.codes.ClosureOutcome",
        "LivingSituationEnum": "passend.cases.codes.Woonsituatie",
    },
}

# Structured logs (passend/core/logging.py): JSON lines on stderr with a request id, no personal
# data (no query strings, form data, names or e-mail addresses; the user as an id). Development
# (settings/dev.py) writes readable console lines instead.
LOGGING = logging_config(json=env_bool("PASSEND_LOG_JSON", True))
