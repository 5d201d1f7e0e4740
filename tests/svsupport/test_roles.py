"""The role groups: created by a migration, granted and revoked with two commands, shown
translated."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from svsupport.lib import roles

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads it (roles are cached on the user object)."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_migration_created_the_role_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.COORDINATORS_GROUP, roles.BOARD_GROUP} <= names


@pytest.mark.parametrize(("role", "predicate"), [("coordinator", roles.is_coordinator),
                                                 ("board", roles.is_board)])  # fmt: skip
def test_grant_then_revoke_a_role_twice_each(carol, capsys, role, predicate):
    call_command("grant_role", "carol", role)
    call_command("grant_role", "carol", role)
    out = capsys.readouterr().out
    assert f"grant_role: carol now has the role {role}." in out
    assert f"grant_role: carol already has the role {role}." in out
    assert predicate(fresh(carol))
    assert carol.groups.count() == 1
    call_command("revoke_role", "carol", role)
    call_command("revoke_role", "carol", role)
    out = capsys.readouterr().out
    assert f"revoke_role: carol no longer has the role {role}." in out
    assert f"revoke_role: carol does not have the role {role}." in out
    assert not predicate(fresh(carol))


def test_an_unknown_user_or_role_is_a_clear_error(carol):
    with pytest.raises(CommandError, match="no account with the username nobody"):
        call_command("grant_role", "nobody", "coordinator")
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("grant_role", "carol", "admin")
    assert not carol.groups.exists()


def test_the_role_is_shown_in_the_users_language(client, quinn):
    client.force_login(quinn)
    assert "Quality and Risk Office" in client.get(reverse("home")).content.decode()
    client.cookies["django_language"] = "fr"
    content = client.get(reverse("home"), headers={"accept-language": "fr"}).content.decode()
    assert "Direction qualité et gestion des risques" in content
