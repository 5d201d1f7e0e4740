"""manage.py sync_directory against the test slapd."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import DirectoryAccount
from tests.accounts import slapd
from tests.people import make_user

User = get_user_model()


def sync(*args):
    out = StringIO()
    call_command("sync_directory", *args, stdout=out)
    return out.getvalue()


def ldap_account(username):
    user = make_user(username)
    user.set_unusable_password()
    user.save()
    DirectoryAccount.objects.create(
        user=user, source=DirectoryAccount.Source.LDAP, subject=username, synced_at=timezone.now()
    )
    return user


def test_accounts_gone_from_the_directory_are_deactivated_never_deleted(directory):
    nadia, ghost = ldap_account("nadia"), ldap_account("ghost")
    local = make_user("carol")  # not from the directory: never touched
    output = sync()
    assert "gone from the directory: ghost" in output
    assert output.endswith("sync_directory: deactivated 1 account(s).\n")
    ghost.refresh_from_db()
    assert not ghost.is_active
    assert ghost.directory_account.gone_since is not None
    assert User.objects.filter(pk__in=[nadia.pk, local.pk], is_active=True).count() == 2
    assert sync().endswith("deactivated 0 account(s).\n")  # idempotent


def test_dry_run_changes_nothing(directory):
    ghost = ldap_account("ghost")
    assert sync("--dry-run").endswith("sync_directory: would deactivate 1 account(s).\n")
    ghost.refresh_from_db()
    assert ghost.is_active


def test_an_unreachable_directory_changes_nothing(unreachable_directory):
    nadia = ldap_account("nadia")
    with pytest.raises(CommandError, match="nothing changed"):
        sync()
    nadia.refresh_from_db()
    assert nadia.is_active


def test_an_account_back_in_the_directory_logs_in_again(client, directory):
    ghost = ldap_account("ghost")
    sync()
    entry = slapd.person("ghost", "ghost-pw", givenName="Back")
    directory.ldap("ldapadd", entry + "\n")
    try:
        response = client.post(reverse("login"), {"username": "ghost", "password": "ghost-pw"})
    finally:
        directory.ldap("ldapdelete", f"uid=ghost,{slapd.PEOPLE}\n")
    assert response.status_code == 302
    ghost.refresh_from_db()
    assert ghost.is_active
    assert ghost.directory_account.gone_since is None


def test_without_a_directory_the_command_says_so(db, settings):
    settings.LDAP_SERVER_URI = ""
    with pytest.raises(CommandError, match="LDAP_SERVER_URI is not set"):
        sync()
