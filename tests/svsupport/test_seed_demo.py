import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisation.models import Site
from peers import access as peers_access
from peers.models import Nomination, PeerSupporter, Status, SupportSession
from svsupport.lib import roles
from svsupport.lib.demo import DEMO_USERS


def test_it_creates_every_demo_account_with_its_role(db):
    call_command("seed_demo")
    users = get_user_model().objects
    assert {row[0] for row in DEMO_USERS} <= set(users.values_list("username", flat=True))
    assert roles.is_coordinator(users.get(username="quinn"))
    assert peers_access.is_active_peer(users.get(username="alice"))
    assert peers_access.is_active_peer(users.get(username="bob"))
    assert not peers_access.is_active_peer(users.get(username="paul"))
    assert peers_access.is_peer_supporter(users.get(username="paul"))
    assert not peers_access.is_peer_supporter(users.get(username="carol"))
    assert users.get(username="carol").check_password("demo")
    assert roles.is_privacy_officer(users.get(username="olga"))
    assert not roles.is_privacy_officer(users.get(username="quinn"))
    # Two sites, each with a coordinator of its own; quinn coordinates the network.
    assert roles.is_network_coordinator(users.get(username="quinn"))
    for username, code in [("oscar", "oncopole"), ("pia", "purpan")]:
        scope = roles.site_scope(users.get(username=username), roles.COORDINATOR)
        assert scope == frozenset({Site.objects.get(code=code).pk})


def test_it_fills_the_registry_for_every_page(db):
    call_command("seed_demo")
    assert PeerSupporter.objects.published().count() >= 20
    assert PeerSupporter.objects.get(user__username="paul").status == Status.PAUSED
    paul_pause = PeerSupporter.objects.get(user__username="paul").status_changes.get()
    assert paul_pause.requested_by == "peer"
    assert PeerSupporter.objects.filter(status=Status.IN_TRAINING).exists()
    published = PeerSupporter.objects.published()
    assert published.values("profession").distinct().count() >= 8
    assert published.values("site").distinct().count() == 2
    assert Nomination.objects.filter(state=Nomination.State.AWAITING_COORDINATORS).exists()
    assert SupportSession.objects.filter(attendances__isnull=False).exists()


def test_running_it_twice_changes_nothing(db, capsys):
    call_command("seed_demo")
    counts = (get_user_model().objects.count(), PeerSupporter.objects.count())
    call_command("seed_demo")
    assert (get_user_model().objects.count(), PeerSupporter.objects.count()) == counts
    assert "0 account(s) created, 10 already present; 0 peer record(s)" in capsys.readouterr().out


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
