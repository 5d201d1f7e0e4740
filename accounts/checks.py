"""System checks for the sign-in settings."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@register(Tags.security)
def check_sign_in(app_configs, **kwargs):
    found = []
    if settings.OIDC_ISSUER and not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        found.append(
            Error(
                "OIDC_ISSUER is set without OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.",
                hint="IT registers the application at the provider and gives all three.",
                id="accounts.E001",
            )
        )
    issuer = urlparse(settings.OIDC_ISSUER)
    if issuer.scheme == "http" and issuer.hostname not in LOOPBACK:
        found.append(
            Error(
                "OIDC_ISSUER uses plain HTTP: tokens and keys would cross the network in clear.",
                hint="Use the provider's https:// issuer.",
                id="accounts.E002",
            )
        )
    if not settings.LOCAL_LOGIN and not (settings.OIDC_ISSUER or settings.LDAP_SERVER_URI):
        found.append(
            Warning(
                "LOCAL_LOGIN is off and neither OpenID Connect nor LDAP is set up: only "
                "superusers can log in.",
                hint="Set OIDC_ISSUER or LDAP_SERVER_URI, or LOCAL_LOGIN=true.",
                id="accounts.W001",
            )
        )
    return found
