"""LDAP / Active Directory through the login form (django-auth-ldap, optional extra)."""

import ldap
from django.conf import settings
from django_auth_ldap.backend import LDAPBackend as BaseLDAPBackend

from accounts.models import DirectoryAccount
from accounts.provisioning import DirectoryEntry, apply_directory_attributes


class LDAPBackend(BaseLDAPBackend):
    """django-auth-ldap's search-then-bind, then provisioning from the entry's attributes
    and the directory groups (coordinator and board when their group DNs are set)."""

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        try:
            entry = entry_from_ldap(ldap_user)
        except ldap.LDAPError:
            # The directory went away between the bind and the group search.
            if ldap_user._request is not None:
                ldap_user._request.directory_unreachable = True
            return None
        return apply_directory_attributes(
            user, source=DirectoryAccount.Source.LDAP, subject=user.ldap_username, entry=entry
        )


def sites_with_directory_groups():
    from organisation.models import Site

    return Site.objects.exclude(coordinator_directory_group="", board_directory_group="").exists()


def entry_from_ldap(ldap_user):
    attrs = ldap_user.attrs or {}

    def first(name):
        values = attrs.get(name) or []
        return values[0].strip() if values else ""

    wanted = {
        "coordinator": settings.LDAP_COORDINATOR_GROUP_DN.lower(),
        "board": settings.LDAP_BOARD_GROUP_DN.lower(),
    }
    per_site = sites_with_directory_groups()
    read_groups = any(wanted.values()) or per_site
    groups = {dn.lower() for dn in ldap_user.group_dns} if read_groups else set()

    def role(name):
        return wanted[name] in groups if wanted[name] else None

    return DirectoryEntry(
        first_name=first("givenName"),
        last_name=first("sn"),
        email=first("mail"),
        site=first(settings.LDAP_ATTR_SITE),
        department=first(settings.LDAP_ATTR_DEPARTMENT),
        profession=first(settings.LDAP_ATTR_PROFESSION),
        coordinator=role("coordinator"),
        board=role("board"),
        groups=frozenset(groups) if per_site else None,
    )
