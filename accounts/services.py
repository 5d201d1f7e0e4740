"""Workflows over directory accounts."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import DirectoryAccount


def directory_accounts_sync(*, dry_run):
    """Deactivates the active accounts that came from LDAP and that the directory no longer
    finds (removed, or excluded by LDAP_USER_FILTER, e.g. disabled in Active Directory).
    Never deletes: a peer's history stays. Returns the accounts concerned.

    Raises ldap.LDAPError, before any change, when the directory cannot be asked: an
    unreachable directory must never look like an empty one."""
    from accounts.ldap_backend import LDAPBackend

    links = list(
        DirectoryAccount.objects.filter(
            source=DirectoryAccount.Source.LDAP, user__is_active=True
        ).select_related("user")
    )
    connection = LDAPBackend().ldap.initialize(settings.AUTH_LDAP_SERVER_URI, bytes_mode=False)
    for option, value in settings.AUTH_LDAP_CONNECTION_OPTIONS.items():
        connection.set_option(option, value)
    if settings.AUTH_LDAP_START_TLS:
        connection.start_tls_s()
    connection.simple_bind_s(settings.AUTH_LDAP_BIND_DN, settings.AUTH_LDAP_BIND_PASSWORD)
    search = settings.AUTH_LDAP_USER_SEARCH
    gone = [link for link in links if len(search.execute(connection, {"user": link.subject})) != 1]
    connection.unbind_s()
    if not dry_run:
        with transaction.atomic():
            now = timezone.now()
            for link in gone:
                link.user.is_active = False
                link.user.save(update_fields=["is_active"])
                link.gone_since = now
                link.save(update_fields=["gone_since"])
    return [link.user for link in gone]
