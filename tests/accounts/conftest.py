"""The real servers of the sign-in tests, started by the test suite: slapd (OpenLDAP) and
the certified `oidc-provider` from npm. Each starts once per session, on a free port."""

import pytest

from tests.accounts import oidc_server, slapd


@pytest.fixture(scope="session")
def ldap_server():
    directory, stop = slapd.start_slapd()
    yield directory
    stop()


def ldap_settings_for(uri, **overrides):
    from accounts.directory import ldap_settings

    values = {
        "server_uri": uri,
        "bind_dn": slapd.SERVICE_DN,
        "bind_password": slapd.SERVICE_PASSWORD,
        "user_search_base": slapd.PEOPLE,
        "user_filter": "(uid=%(user)s)",
        "group_search_base": slapd.GROUPS,
        "group_type": "groupOfNames",
        "start_tls": False,
        "ca_file": "",
        "timeout": 3,
    }
    return ldap_settings(**{**values, **overrides})


def use_ldap(settings, uri, *, roles=True):
    """Switches the app's settings to the given directory, as the environment would."""
    for name, value in ldap_settings_for(uri).items():
        setattr(settings, name, value)
    settings.LDAP_SERVER_URI = uri
    settings.LDAP_COORDINATOR_GROUP_DN = slapd.COORDINATORS_DN if roles else ""
    settings.LDAP_BOARD_GROUP_DN = slapd.BOARD_DN if roles else ""
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.ldap_backend.LDAPBackend",
        "accounts.backends.LocalPasswordBackend",
    ]


@pytest.fixture
def directory(db, ldap_server, settings):
    """The app signed in against the test directory, roles from its groups."""
    use_ldap(settings, ldap_server.uri)
    return ldap_server


@pytest.fixture
def unreachable_directory(db, settings):
    """A directory URI where nothing listens."""
    use_ldap(settings, f"ldap://127.0.0.1:{slapd.free_port()}/")


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    """The provider knows two callbacks: the test client's and the live server's."""
    provider = oidc_server.start_provider(
        ["http://testserver/oidc/callback/", f"{live_server.url}/oidc/callback/"]
    )
    yield provider
    provider.stop()


@pytest.fixture
def oidc(db, oidc_provider, settings):
    """The app configured for the test provider, as IT would: issuer, client id, secret;
    coordinators are the provider's group `quality-office`."""
    from accounts.oidc import forget_provider_configuration

    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = oidc_server.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = oidc_server.CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Test provider"
    settings.OIDC_COORDINATOR_GROUPS = ["quality-office"]
    settings.OIDC_BOARD_GROUPS = ["board"]
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.OIDCBackend",
        "accounts.backends.LocalPasswordBackend",
    ]
    forget_provider_configuration()
    yield oidc_provider
    forget_provider_configuration()


@pytest.fixture
def assert_accessible(page):
    """axe-core on the current page; fails with its report on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    def check():
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
