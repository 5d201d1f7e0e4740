import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from svsupport.lib import roles
from svsupport.lib.demo import DEMO_USERS


def test_it_creates_every_demo_account_with_its_role(db):
    call_command("seed_demo", stdout=None)
    users = get_user_model().objects
    assert set(users.values_list("username", flat=True)) == {row[0] for row in DEMO_USERS}
    assert roles.is_coordinator(users.get(username="quinn"))
    assert roles.is_peer_supporter(users.get(username="alice"))
    assert not roles.is_peer_supporter(users.get(username="carol"))
    assert users.get(username="carol").check_password("demo")


def test_running_it_twice_changes_nothing(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    assert get_user_model().objects.count() == len(DEMO_USERS)
    assert "0 account(s) created, 6 already present" in capsys.readouterr().out


def test_it_refuses_a_database_with_real_users(carol):
    carol.username = "carol.real"
    carol.save()
    with pytest.raises(CommandError, match="not demo accounts"):
        call_command("seed_demo")
    assert get_user_model().objects.count() == 1


def test_the_login_page_lists_demo_accounts_only_when_loaded(client, db):
    assert b"Demo accounts" not in client.get(reverse("login")).content
    call_command("seed_demo")
    content = client.get(reverse("login")).content.decode()
    assert "Demo accounts" in content
    assert "quinn" in content and "carol" in content
