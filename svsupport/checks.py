"""System checks that catch a dangerous configuration before the app serves anyone."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _public_hosts():
    return sorted(set(settings.ALLOWED_HOSTS) - LOOPBACK_HOSTS)


@register(Tags.security)
def check_https_for_public_hosts(app_configs, **kwargs):
    """Plain HTTP is acceptable on this machine only: passwords and health data cross
    the network otherwise."""
    hosts = _public_hosts()
    if settings.HTTPS or not hosts:
        return []
    return [
        Error(
            f"ALLOWED_HOSTS lets {', '.join(hosts)} reach the app over plain HTTP.",
            hint="Serve it behind a TLS proxy and set HTTPS=true, or keep ALLOWED_HOSTS "
            "to 127.0.0.1 and localhost.",
            id="svsupport.E001",
        )
    ]


@register(Tags.security)
def check_debug_is_local(app_configs, **kwargs):
    if not settings.DEBUG or not _public_hosts():
        return []
    return [
        Error(
            "DEBUG is on while the app answers to other hosts: tracebacks would show "
            "settings and request data to anyone.",
            hint="Unset DEBUG in every environment but a developer's own machine.",
            id="svsupport.E002",
        )
    ]


@register(Tags.database)
def check_production_database(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if not settings.HTTPS or engine == "django.db.backends.postgresql":
        return []
    return [
        Warning(
            "HTTPS is on but the database is not PostgreSQL.",
            hint="The embedded SQLite file is for trying the app; set DATABASE_URL to a "
            "PostgreSQL database in production.",
            id="svsupport.W003",
        )
    ]


@register(Tags.security)
def check_proxy_hops(app_configs, **kwargs):
    if settings.TRUSTED_PROXY_HOPS >= 0:
        return []
    return [Error("TRUSTED_PROXY_HOPS cannot be negative.", id="svsupport.E004")]


# The placeholders of .env.example (tests/svsupport/test_checks.py keeps them in step). They are
# public: a key derived from them protects nothing.
PLACEHOLDER_SECRET_KEY = "change-me-to-50-random-characters"  # noqa: S105
PLACEHOLDER_SALT = "change-me-to-32-random-characters"


@register(Tags.security)
def check_no_placeholder_secrets(app_configs, **kwargs):
    """Refused always, DEBUG or not: the placeholders are printed in the repository, so
    anything signed or encrypted with them is readable by anyone, and a developer's database
    encrypted with them is one copy away from a server."""
    errors = []
    if PLACEHOLDER_SECRET_KEY in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        errors.append(
            Error(
                "SECRET_KEY (or SECRET_KEY_FALLBACKS) is the placeholder of .env.example.",
                hint="Set 50 random characters, e.g. python -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'.",
                id="svsupport.E005",
            )
        )
    if PLACEHOLDER_SALT in settings.SALT_KEY:
        errors.append(
            Error(
                "FIELD_ENCRYPTION_SALTS holds the placeholder of .env.example.",
                hint="Set 32 random characters, e.g. python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'. If data was already encrypted with it, "
                "rotate first (README, key rotation).",
                id="svsupport.E006",
            )
        )
    return errors
