"""Authentication backends: OpenID Connect and local passwords (LDAP: ldap_backend.py)."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import messages
from accounts.models import DirectoryAccount
from accounts.oidc import provider_configuration
from accounts.provisioning import DirectoryEntry, apply_directory_attributes


class LocalPasswordBackend(ModelBackend):
    """Django's passwords. With LOCAL_LOGIN=false only superusers (IT's break-glass
    accounts) may use one."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not (settings.LOCAL_LOGIN or user.is_superuser):
            return None
        return user


def refuse(request, message):
    """Remember why a sign-in failed, for the callback view to tell the person."""
    request.oidc_failure = message


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's authorization code flow, with the endpoints from discovery, the
    ID token checked for signature (RS256 only), issuer, audience and expiry, accounts
    matched by the provider's `sub`, and provisioning at every sign-in."""

    def __init__(self, *args, **kwargs):
        # Django builds a backend for every request of a signed-in user: no network here.
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a form login never reaches the provider.
        if request is None or "nonce" not in kwargs:
            return None
        config = provider_configuration()
        if config is None:
            refuse(request, messages.SSO_UNAVAILABLE)
            return None
        for name, url in config.items():
            setattr(self, name, url)
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError:
            refuse(request, messages.CODE_REFUSED)
        except requests.RequestException:
            refuse(request, messages.SSO_UNAVAILABLE)
        except jwt.ExpiredSignatureError:
            refuse(request, messages.TOKEN_EXPIRED)
        except (jwt.InvalidTokenError, SuspiciousOperation, KeyError, ValueError):
            refuse(request, messages.TOKEN_INVALID)
        return None

    def verify_token(self, token, **kwargs):
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation("malformed token") from error
        # Refuse `alg: none` and any other algorithm before looking for a key.
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("unexpected token algorithm")
        return super().verify_token(token, **kwargs)

    def _verify_jws(self, payload, key):
        # The library leaves the audience unchecked: a token issued to another client of
        # the same provider must not open this application.
        return jwt.decode(
            payload,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=settings.OIDC_ISSUER,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            leeway=30,
        )

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims completed by the userinfo endpoint's, for the same `sub`."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about another subject")
        return {**payload, **userinfo}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        linked = self.UserModel.objects.filter(
            directory_account__source=DirectoryAccount.Source.OIDC,
            directory_account__subject=claims["sub"],
        )
        if linked.exists():
            return linked
        # An account prepared for single sign-on (import_peers creates them without a
        # usable password) is claimed by the person of the same username.
        return self.UserModel.objects.filter(
            username=self.get_username(claims),
            directory_account__isnull=True,
            is_superuser=False,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )

    def get_username(self, claims):
        for claim in ("preferred_username", "email", "sub"):
            value = claims.get(claim)
            if isinstance(value, str) and value.strip():
                return value.strip()[:150]
        return ""

    def create_user(self, claims):
        username = self.get_username(claims)
        if self.UserModel.objects.filter(username=username).exists():
            refuse(self.request, messages.NO_ACCOUNT)
            raise SuspiciousOperation("username taken by an account linked elsewhere")
        user = self.UserModel(username=username)
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        return apply_directory_attributes(
            user,
            source=DirectoryAccount.Source.OIDC,
            subject=claims["sub"],
            entry=entry_from_claims(claims),
        )

    def get_user(self, user_id):
        # The library's version would keep a deactivated account signed in.
        return ModelBackend.get_user(self, user_id)


def entry_from_claims(claims):
    def text(name):
        value = claims.get(name)
        return value.strip() if isinstance(value, str) else ""

    groups = claims.get(settings.OIDC_CLAIM_GROUPS) or []
    if isinstance(groups, str):
        groups = [groups]
    names = {str(group) for group in groups if isinstance(group, str | int)}

    def role(configured):
        return bool(names & set(configured)) if configured else None

    return DirectoryEntry(
        first_name=text("given_name"),
        last_name=text("family_name"),
        email=text("email"),
        site=text(settings.OIDC_CLAIM_SITE),
        department=text(settings.OIDC_CLAIM_DEPARTMENT),
        profession=text(settings.OIDC_CLAIM_PROFESSION),
        coordinator=role(settings.OIDC_COORDINATOR_GROUPS),
        board=role(settings.OIDC_BOARD_GROUPS),
        groups=frozenset(names),
    )


def axes_spares_single_sign_on(request, credentials):
    """django-axes counts password failures (local and LDAP, both typed into the login
    form). An OpenID Connect callback carries no username: brute force against the
    provider is the provider's to stop, and counting its failures by address alone would
    lock a whole ward behind one NAT out of single sign-on."""
    return not (credentials or {}).get("username")
