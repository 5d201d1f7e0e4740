"""OpenID Connect: the provider's discovery document, fetched when first needed and cached.

mozilla-django-oidc reads its endpoints from settings; IT gives only the issuer. The document
(and through its `jwks_uri`, the signing keys) is fetched from the issuer on the first sign-in
or login page, kept for an hour, and asked again after 30 seconds when the provider did not
answer: a provider that is down at start-up never stops the app, the login page says single
sign-on is unavailable and comes back by itself.
"""

import logging
import threading
import time

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600
RETRY_SECONDS = 30
REQUIRED = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
}

_lock = threading.Lock()
_cache = {"issuer": None, "config": None, "expires": 0.0}


def is_configured():
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def provider_configuration():
    """{mozilla-django-oidc endpoint setting: URL} from the issuer's discovery document, or
    None when OpenID Connect is not configured or the provider cannot be reached."""
    if not is_configured():
        return None
    issuer = settings.OIDC_ISSUER
    with _lock:
        if _cache["issuer"] == issuer and time.monotonic() < _cache["expires"]:
            return _cache["config"]
    config = _fetch(issuer)
    with _lock:
        _cache.update(
            issuer=issuer,
            config=config,
            expires=time.monotonic() + (CACHE_SECONDS if config else RETRY_SECONDS),
        )
    return config


def forget_provider_configuration():
    """Drop the cached document (tests; a provider that changed its endpoints)."""
    with _lock:
        _cache.update(issuer=None, config=None, expires=0.0)


def _fetch(issuer):
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OpenID provider discovery failed at %s: %s", url, type(error).__name__)
        return None
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        # The specification requires the document to name the issuer it was asked for.
        logger.warning("OpenID provider discovery at %s names another issuer", url)
        return None
    missing = [key for key in REQUIRED if not document.get(key)]
    if missing:
        logger.warning("OpenID provider discovery at %s lacks %s", url, ", ".join(missing))
        return None
    return {setting: document[key] for key, setting in REQUIRED.items()}
