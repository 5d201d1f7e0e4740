"""LDAP / Active Directory through the login form, against a real slapd."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import DirectoryAccount
from svsupport.lib import roles
from tests.accounts import slapd
from tests.accounts.helpers import directory_facts
from tests.people import make_user

LOGIN = reverse("login")
User = get_user_model()


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_a_directory_user_logs_in_and_gets_an_account_from_the_directory(client, directory):
    response = log_in(client, "nadia", "nadia-pw")
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    nadia = User.objects.get(username="nadia")
    assert (nadia.first_name, nadia.last_name, nadia.email) == (
        "Nadia",
        "Roux",
        "nadia.roux@hospital.example",
    )
    assert not nadia.has_usable_password()
    link = nadia.directory_account
    assert (link.source, link.subject) == (DirectoryAccount.Source.LDAP, "nadia")
    assert directory_facts(link.user) == ("Hôpital Nord", "Chirurgie", "nurse")


def test_a_coordinator_by_directory_group_reaches_the_registry(client, directory):
    log_in(client, "nadia", "nadia-pw")
    assert client.get(reverse("peers:manage")).status_code == 200
    assert client.get(reverse("figures:dashboard")).status_code == 200


def test_a_board_member_by_directory_group_sees_the_figures_only(client, directory):
    log_in(client, "omar", "omar-pw")
    assert client.get(reverse("figures:dashboard")).status_code == 200
    assert client.get(reverse("peers:manage")).status_code == 403


def test_a_user_in_neither_group_gets_403_on_coordinator_and_board_pages(client, directory):
    log_in(client, "lea", "lea-pw")
    assert signed_in(client)
    for name in ["peers:manage", "requests:dispatch", "resources:manage", "figures:dashboard"]:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("peers:directory")).status_code == 200


def test_every_login_updates_the_account_and_its_roles(client, directory):
    lea = make_user("lea", roles.COORDINATORS_GROUP, first_name="Old")
    log_in(client, "lea", "lea-pw")
    lea.refresh_from_db()
    assert lea.first_name == "Léa"
    assert not lea.groups.filter(name=roles.COORDINATORS_GROUP).exists()


def test_without_group_settings_roles_stay_as_granted_in_the_app(client, directory, settings):
    settings.LDAP_COORDINATOR_GROUP_DN = ""
    settings.LDAP_BOARD_GROUP_DN = ""
    lea = make_user("lea", roles.COORDINATORS_GROUP)
    Group.objects.get_or_create(name=roles.BOARD_GROUP)
    log_in(client, "lea", "lea-pw")
    assert set(lea.groups.values_list("name", flat=True)) == {roles.COORDINATORS_GROUP}
    nadia_client = client.__class__()
    log_in(nadia_client, "nadia", "nadia-pw")
    assert not User.objects.get(username="nadia").groups.exists()


def test_missing_attributes_give_an_account_with_blanks(client, directory):
    log_in(client, "nemo", "nemo-pw")
    nemo = User.objects.get(username="nemo")
    assert (nemo.first_name, nemo.email) == ("", "")
    assert nemo.last_name == "nemo"  # sn is required by the schema
    link = nemo.directory_account
    assert directory_facts(link.user) == ("", "", "")


def test_a_wrong_directory_password_logs_nobody_in(client, directory):
    response = log_in(client, "nadia", "wrong")
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert not signed_in(client)
    assert not User.objects.filter(username="nadia").exists()


@pytest.mark.parametrize("username", ["*)(uid=*", "*", "nadia)(|(uid=*", "nad*"])
def test_filter_characters_in_the_username_are_escaped(client, directory, username):
    for password in ["nadia-pw", "lea-pw", "*"]:
        response = log_in(client, username, password)
        assert response.status_code == 200
        assert not signed_in(client)
    assert not User.objects.exists()


def test_failed_directory_logins_are_counted_and_locked_by_axes(client, directory, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "nadia", "wrong", REMOTE_ADDR="10.0.0.9")
    locked = log_in(client, "nadia", "nadia-pw", REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert not signed_in(client)


def test_an_unreachable_directory_says_so_and_break_glass_still_works(
    client, unreachable_directory, settings, caplog
):
    settings.LOCAL_LOGIN = False
    make_user("it-admin").__class__.objects.filter(username="it-admin").update(is_superuser=True)
    response = log_in(client, "nadia", "nadia-pw")
    assert response.status_code == 200
    assert b"The hospital directory cannot be reached right now" in response.content
    assert not signed_in(client)
    assert "Traceback" not in caplog.text
    from tests.people import PASSWORD

    assert log_in(client, "it-admin", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_directory_group_dn_is_matched_whatever_its_case(client, directory, settings):
    settings.LDAP_COORDINATOR_GROUP_DN = slapd.COORDINATORS_DN.upper()
    log_in(client, "nadia", "nadia-pw")
    assert client.get(reverse("peers:manage")).status_code == 200
