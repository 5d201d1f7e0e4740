"""The one settings module. Every value that differs between machines comes from the
environment through django-environ's strict parsers; `.env.example` documents each one.

Safe defaults: DEBUG is off unless set, and without DEBUG a SECRET_KEY must be given.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("SVSUPPORT_READ_DOTENV", default=True) and (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. `make run` generates one in var/; "
            "in production set it from your secret store."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"  # noqa: S105

# Contact details and messages of support requests are encrypted at rest with Fernet
# (AES-128-CBC + HMAC-SHA256, django-fernet-encrypted-fields). Keys are derived from
# SECRET_KEY (and SECRET_KEY_FALLBACKS) with each salt below; the first pair encrypts, all
# decrypt. Rotation is described in the README.
SALT_KEY = env.list("FIELD_ENCRYPTION_SALTS", default=[])
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
if not SALT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_SALTS is required when DEBUG is off: it keys the encryption "
            "of support requests. `make run` generates one in var/."
        )
    SALT_KEY = ["insecure-development-salt-only-used-with-DEBUG"]

# HTTPS is true when the app is served behind a TLS-terminating proxy. It switches on
# secure cookies with the __Host- prefix, HSTS and the redirect to HTTPS.
HTTPS = env.bool("HTTPS", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# How many reverse proxies in front of the app append to X-Forwarded-For. 0 means the
# client talks to gunicorn directly and REMOTE_ADDR is the client.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
DATA_DIR = Path(env.str("SVSUPPORT_DATA_DIR", default=str(BASE_DIR / "var")))

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
    "auditlog",
    "axes",
    "csp",
    "svsupport",
    "accounts",
    "organisation",
    "peers",
    "support_requests",
    "resources",
    "figures",
    "evaluation",
    "operations",
]

# DatabaseUnavailableMiddleware wraps every layer that can touch the database (sessions,
# authentication, audit log, axes) and answers its 503 page whatever layer failed; the
# header middlewares sit outside it so that page gets the same headers as any other.
MIDDLEWARE = [
    "svsupport.lib.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "svsupport.lib.middleware.DatabaseUnavailableMiddleware",
    "svsupport.lib.middleware.UnreadableDataMiddleware",
    "svsupport.lib.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "svsupport.lib.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "svsupport.urls"
WSGI_APPLICATION = "svsupport.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "svsupport.lib.context_processors.roles",
                "svsupport.lib.context_processors.version",
                "svsupport.lib.context_processors.section",
                "svsupport.lib.context_processors.quick_exit",
                "resources.context_processors.hotlines",
            ],
        },
    },
]

# Without DATABASE_URL the app runs on an embedded SQLite file, so a newcomer needs
# nothing but Python. Production and the test suite use PostgreSQL: DATABASE_URL, or, when
# it is empty, the separate POSTGRES_* variables (a password needs no URL-encoding there).
if not env.str("DATABASE_URL", default="") and env.str("POSTGRES_HOST", default=""):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": env.str("POSTGRES_HOST"),
            "PORT": env.int("POSTGRES_PORT", default=5432),
            "NAME": env.str("POSTGRES_DB", default="svsupport"),
            "USER": env.str("POSTGRES_USER", default="svsupport"),
            "PASSWORD": env.str("POSTGRES_PASSWORD", default=""),
        }
    }
else:
    DATABASES = {
        "default": env.db_url(
            "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}", engine=None
        )
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A Unix socket directory arrives percent-encoded in the URL's host part.
    DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles the matching and figures queries for 50-100 ms each time
    # (their estimated cost passes its threshold) to save a few: a loss for short queries.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in. django-axes comes first: it refuses a locked username+address before any
# password is checked, and counts the failures of every backend below it (the login form
# serves local passwords and LDAP alike). OpenID Connect and LDAP are switched on by their
# settings; local passwords stay for the demo and break-glass accounts (LOCAL_LOGIN).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend"]

# OpenID Connect (mozilla-django-oidc). IT gives three values: the issuer, the client id and
# secret; the endpoints and signing keys come from the issuer's discovery document, fetched
# when first needed and cached (accounts/oidc.py), so a provider that is down at start-up
# never stops the app.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
# The button reads "Sign in with <name>"; empty: "Sign in with your hospital account".
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=5)
OIDC_CLAIM_DEPARTMENT = env.str("OIDC_CLAIM_DEPARTMENT", default="department")
OIDC_CLAIM_SITE = env.str("OIDC_CLAIM_SITE", default="site")
OIDC_CLAIM_PROFESSION = env.str("OIDC_CLAIM_PROFESSION", default="profession")
OIDC_CLAIM_GROUPS = env.str("OIDC_CLAIM_GROUPS", default="groups")
OIDC_COORDINATOR_GROUPS = env.list("OIDC_COORDINATOR_GROUPS", default=[])
OIDC_BOARD_GROUPS = env.list("OIDC_BOARD_GROUPS", default=[])
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.append("accounts.backends.OIDCBackend")

# LDAP / Active Directory (django-auth-ldap, the optional extra `ldap`): through the login
# form. Only read when LDAP_SERVER_URI is set, so `make run` needs no LDAP library.
LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
LDAP_COORDINATOR_GROUP_DN = env.str("LDAP_COORDINATOR_GROUP_DN", default="")
LDAP_BOARD_GROUP_DN = env.str("LDAP_BOARD_GROUP_DN", default="")
LDAP_ATTR_DEPARTMENT = env.str("LDAP_ATTR_DEPARTMENT", default="departmentNumber")
LDAP_ATTR_SITE = env.str("LDAP_ATTR_SITE", default="l")
LDAP_ATTR_PROFESSION = env.str("LDAP_ATTR_PROFESSION", default="title")
if LDAP_SERVER_URI:
    try:
        # Named by its dotted path, as settings name every app's code: the core imports no app.
        ldap_settings = import_string("accounts.directory.ldap_settings")
    except ImportError as error:
        raise ImproperlyConfigured(
            "LDAP_SERVER_URI is set but django-auth-ldap is not installed: "
            "pip install 'svsupport[ldap]' (needs libldap-dev and libsasl2-dev to build)."
        ) from error
    vars().update(
        ldap_settings(
            server_uri=LDAP_SERVER_URI,
            bind_dn=env.str("LDAP_BIND_DN", default=""),
            bind_password=env.str("LDAP_BIND_PASSWORD", default=""),
            user_search_base=env.str("LDAP_USER_SEARCH_BASE", default=""),
            user_filter=env.str("LDAP_USER_FILTER", default="(uid=%(user)s)"),
            group_search_base=env.str("LDAP_GROUP_SEARCH_BASE", default=""),
            group_type=env.str("LDAP_GROUP_TYPE", default="groupOfNames"),
            start_tls=env.bool("LDAP_START_TLS", default=False),
            ca_file=env.str("LDAP_CA_FILE", default=""),
            timeout=env.int("LDAP_TIMEOUT_SECONDS", default=5),
        )
    )
    AUTHENTICATION_BACKENDS.append("accounts.ldap_backend.LDAPBackend")

# Local passwords: on for the demo and small installations. LOCAL_LOGIN=false leaves them to
# superusers only, IT's break-glass accounts for when the directory is down (README).
LOCAL_LOGIN = env.bool("LOCAL_LOGIN", default=True)
AUTHENTICATION_BACKENDS.append("accounts.backends.LocalPasswordBackend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Coordinators land on what needs their action, everyone else on the home page.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session lives SESSION_IDLE_MINUTES after the last request, because
# a session in use is saved again once a minute (svsupport.lib.middleware, rather than on
# every request). A shared ward computer must not stay logged in.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Brute force: lock a username from one address only, never a whole ward behind one NAT,
# and lift the lock by itself after the cool-off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "svsupport.lib.http.client_ip"
AXES_VERBOSE = False
AXES_WHITELIST_CALLABLE = "accounts.backends.axes_spares_single_sign_on"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True
# One date format per language, used by every page, e-mail and export: svsupport/formats/.
FORMAT_MODULE_PATH = ["svsupport.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="svsupport@localhost")
# The address people reach the app at; e-mails carry links built on it, and nothing else.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may block: messages are sent while their queue rows are locked.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Notifications are queued in the database with the change that causes them (lib/mail.py).
# Try to send them right after the commit (otherwise only the clock sends them), and delete
# sent ones after this many days: an address is personal data.
MAIL_SEND_ON_COMMIT = env.bool("MAIL_SEND_ON_COMMIT", default=True)
MAIL_QUEUE_KEEP_DAYS = env.int("MAIL_QUEUE_KEEP_DAYS", default=7)

# Security headers. The CSP forbids inline script and style everywhere: templates link
# static files only. Bootstrap's CSS embeds its icons as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
# Probes may ask the health routes over plain HTTP even when HTTPS redirects everything else.
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$", r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # __Host- cookies are bound to this exact host, over HTTPS, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# The preload list is for public internet domains; an intranet host name is not submitted
# to it, so Django's reminder (security.W021) does not apply.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

AUDITLOG_INCLUDE_ALL_MODELS = False

# Support requests: the promise made to a requester, the acceptance clock, follow-ups and
# how long identifying data is kept after closure.
REQUEST_CONTACT_PROMISE_HOURS = env.int("REQUEST_CONTACT_PROMISE_HOURS", default=24)
REQUEST_ACCEPT_WINDOW_MINUTES = env.int("REQUEST_ACCEPT_WINDOW_MINUTES", default=120)
REQUEST_MAX_OFFERS = env.int("REQUEST_MAX_OFFERS", default=3)
REQUEST_FOLLOW_UP_HOURS = env.list("REQUEST_FOLLOW_UP_HOURS", cast=int, default=[72, 336, 720])
REQUEST_RETENTION_DAYS = env.int("REQUEST_RETENTION_DAYS", default=90)


def submission_rate(text):
    """'5/h' -> (5, one hour): at most 5 requests sent per person in any hour (s, m, h or d);
    '0' -> None, no limit."""
    text = text.strip()
    if text == "0":
        return None
    count, _, unit = text.partition("/")
    periods = {"s": timedelta(seconds=1), "m": timedelta(minutes=1), "h": timedelta(hours=1),
               "d": timedelta(days=1)}  # fmt: skip
    if not count.isascii() or not count.isdigit() or int(count) < 1 or unit not in periods:
        raise ImproperlyConfigured(
            f"REQUEST_SUBMIT_RATE must look like 5/h (a count per s, m, h or d) or 0: {text!r}"
        )
    return int(count), periods[unit]


# Limits per person: open requests at once, and requests sent per period; 0 switches either off.
REQUEST_MAX_OPEN = env.int("REQUEST_MAX_OPEN", default=3)
REQUEST_SUBMIT_RATE = submission_rate(env.str("REQUEST_SUBMIT_RATE", default="5/h"))
HR_CONTACT = env.str("HR_CONTACT", default="Human Resources, extension 4400")
EAP_CONTACT = env.str(
    "EAP_CONTACT", default="Occupational health and psychology service, extension 4500"
)

# Reaching in: an invitation (outreach or a colleague's referral) left unanswered is erased
# after this many days.
OUTREACH_RETENTION_DAYS = env.int("OUTREACH_RETENTION_DAYS", default=14)


def quick_exit_url(text):
    """Where "Leave this page" goes: an http(s) address (the intranet home) or a path of this
    site; empty: the app's own neutral page."""
    text = text.strip()
    if text and not (
        text.startswith(("https://", "http://"))
        or (text.startswith("/") and not text.startswith("//"))
    ):
        raise ImproperlyConfigured(
            f"QUICK_EXIT_URL must be an http(s) address or a path starting with /: {text!r}"
        )
    return text


QUICK_EXIT_URL = quick_exit_url(env.str("QUICK_EXIT_URL", default=""))

# Peer registry: a peer who attended no supervision for this many months needs attention.
PEER_SUPERVISION_MONTHS = env.int("PEER_SUPERVISION_MONTHS", default=3)
# Days after a new commitments charter is published during which a signature of the
# previous version still counts for the directory: peers are asked to sign, then reminded.
CHARTER_GRACE_DAYS = env.int("CHARTER_GRACE_DAYS", default=30)

# Round the clock (support_requests/availability.py): an offer to the peer on call, outside
# office hours, waits this many minutes; reminders to the assigned peer to check in, in hours
# after the first meeting.
ONCALL_ACCEPT_WINDOW_MINUTES = env.int("ONCALL_ACCEPT_WINDOW_MINUTES", default=30)
PEER_CHECK_IN_HOURS = env.list("PEER_CHECK_IN_HOURS", cast=int, default=[72, 336])
# Peer wellbeing: at most this many open requests per peer (a peer may choose fewer; 0: no
# cap); a rest of this many days after a request the peer marks as heavy; a pause after this
# many offers in a row went unanswered (0: never).
PEER_MAX_OPEN_REQUESTS = env.int("PEER_MAX_OPEN_REQUESTS", default=3)
PEER_HEAVY_REST_DAYS = env.int("PEER_HEAVY_REST_DAYS", default=3)
PEER_LAPSES_BEFORE_PAUSE = env.int("PEER_LAPSES_BEFORE_PAUSE", default=3)

# Programme figures: a count from 1 to FIGURES_MIN_COUNT - 1 is shown as "< N", and no median
# or percentile is computed from fewer values.
FIGURES_MIN_COUNT = env.int("FIGURES_MIN_COUNT", default=5)
# The published tables are kept this many seconds in Django's cache, per reader's scope,
# site, quarter and language (figures/cache.py); 0: computed on every page.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=60)

# Evaluation: the anonymous feedback invitation lapses after this many days; a peer who says
# they need support after a conversation is shown this contact (and the pathway's pages).
FEEDBACK_INVITATION_DAYS = env.int("FEEDBACK_INVITATION_DAYS", default=30)
COORDINATOR_CONTACT = env.str(
    "COORDINATOR_CONTACT", default="Quality and Risk Office, extension 4300"
)

# Operations: readiness fails when the clock (`manage.py tick`) has not finished a run for
# this many minutes; /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`
# (and does not exist while it is empty).
CLOCK_STALE_MINUTES = env.int("CLOCK_STALE_MINUTES", default=5)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# One JSON object a line on stderr, UTC timestamps, the request id (svsupport/lib/logging.py);
# gunicorn.conf.py gives gunicorn's own messages the same format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "svsupport.lib.logging.JsonLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own console handler would print raw multi-line text under DEBUG.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # RequestLogMiddleware writes one line a request with its id; Django's own request
        # warnings (404, 405) would repeat it.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
