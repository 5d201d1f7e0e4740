"""Marks a login attempt that met an unreachable LDAP directory, so that the login form
says so instead of "wrong password"."""


def _directory_error(sender, context, user, request, exception, **kwargs):
    if request is not None:
        request.directory_unreachable = True


def connect():
    try:
        from django_auth_ldap.backend import ldap_error
    except ImportError:  # the optional `ldap` extra is not installed
        return
    ldap_error.connect(_directory_error, dispatch_uid="accounts.directory_error")
