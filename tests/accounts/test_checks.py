"""System checks that catch a sign-in misconfiguration."""

from django.core.checks import run_checks


def ids():
    return {message.id for message in run_checks()}


def test_an_issuer_without_client_credentials_is_an_error(settings):
    settings.OIDC_ISSUER = "https://login.hospital.example/realms/staff"
    settings.OIDC_RP_CLIENT_ID = "svsupport"
    settings.OIDC_RP_CLIENT_SECRET = ""
    assert "accounts.E001" in ids()
    settings.OIDC_RP_CLIENT_SECRET = "s"
    assert "accounts.E001" not in ids()


def test_a_plain_http_issuer_is_an_error_except_on_this_machine(settings):
    settings.OIDC_ISSUER = "http://login.hospital.example"
    assert "accounts.E002" in ids()
    settings.OIDC_ISSUER = "http://127.0.0.1:9000"
    assert "accounts.E002" not in ids()


def test_no_local_login_and_no_directory_is_warned(settings):
    settings.LOCAL_LOGIN = False
    settings.OIDC_ISSUER = ""
    settings.LDAP_SERVER_URI = ""
    assert "accounts.W001" in ids()
    settings.LDAP_SERVER_URI = "ldaps://dc.hospital.example"
    assert "accounts.W001" not in ids()
