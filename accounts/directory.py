"""LDAP / Active Directory: the django-auth-ldap settings built from the app's own variables.

Imported by the settings only when LDAP_SERVER_URI is set (python-ldap is an optional extra),
and by the tests, which start their own slapd and build the same settings for it.
"""

import ldap
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch, NestedActiveDirectoryGroupType

GROUP_TYPES = {
    # OpenLDAP and most directories: groupOfNames with `member` DNs.
    "groupOfNames": (GroupOfNamesType, "(objectClass=groupOfNames)"),
    # Active Directory: `group` objects, nested groups followed.
    "activeDirectory": (NestedActiveDirectoryGroupType, "(objectClass=group)"),
}


def ldap_settings(
    *,
    server_uri,
    bind_dn,
    bind_password,
    user_search_base,
    user_filter,
    group_search_base,
    group_type,
    start_tls,
    ca_file,
    timeout,
):
    """The AUTH_LDAP_* settings. The username typed in the login form is escaped by
    django-auth-ldap before it enters the filter (`*)(uid=*` finds nobody)."""
    if group_type not in GROUP_TYPES:
        raise ValueError(f"LDAP_GROUP_TYPE must be one of {', '.join(GROUP_TYPES)}")
    group_class, group_filter = GROUP_TYPES[group_type]
    global_options = {}
    if ca_file:
        global_options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
        global_options[ldap.OPT_X_TLS_REQUIRE_CERT] = ldap.OPT_X_TLS_DEMAND
    return {
        "AUTH_LDAP_SERVER_URI": server_uri,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(user_search_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            group_search_base or user_search_base, ldap.SCOPE_SUBTREE, group_filter
        ),
        "AUTH_LDAP_GROUP_TYPE": group_class(),
        "AUTH_LDAP_START_TLS": start_tls,
        "AUTH_LDAP_GLOBAL_OPTIONS": global_options,
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            # A directory that does not answer must not hold the login page for minutes.
            ldap.OPT_NETWORK_TIMEOUT: timeout,
            ldap.OPT_TIMEOUT: timeout,
            # Active Directory answers with referrals python-ldap cannot follow anonymously.
            ldap.OPT_REFERRALS: 0,
        },
        # Names, e-mail and the rest are copied by accounts.provisioning, blanks included.
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
    }
