"""Directory groups configured on a site make their members its coordinators or board
members, re-decided at every sign-in."""

import pytest

from accounts.models import DirectoryAccount
from accounts.provisioning import DirectoryEntry, apply_directory_attributes
from organisation.models import RoleGrant
from svsupport.lib import roles
from tests.organisation.factories import site
from tests.people import make_user

pytestmark = pytest.mark.django_db


def sign_in(user, groups):
    return apply_directory_attributes(
        user,
        source=DirectoryAccount.Source.OIDC,
        subject=f"sub-{user.username}",
        entry=DirectoryEntry(email=user.email, groups=frozenset(groups)),
    )


def test_the_sites_coordinator_group_grants_that_site_and_leaving_it_takes_it_away():
    purpan = site("Purpan", coordinator_directory_group="CN=SV-Purpan-Coord")
    site("Oncopole", board_directory_group="sv-oncopole-board")
    user = make_user("pia")
    sign_in(user, {"cn=sv-purpan-coord", "staff"})
    assert roles.site_scope(user, roles.COORDINATOR) == frozenset({purpan.pk})
    assert not roles.is_board(user)
    sign_in(user, {"staff"})
    assert not roles.is_coordinator(user)


def test_grants_made_in_the_app_stay_whatever_the_directory_says():
    purpan = site("Purpan", coordinator_directory_group="sv-purpan")
    user = make_user("pia")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, site=purpan)
    sign_in(user, set())
    assert roles.site_scope(user, roles.COORDINATOR) == frozenset({purpan.pk})


def test_a_directory_that_says_nothing_of_groups_changes_no_grant():
    purpan = site("Purpan", coordinator_directory_group="sv-purpan")
    user = make_user("pia")
    sign_in(user, {"sv-purpan"})
    apply_directory_attributes(
        user, source=DirectoryAccount.Source.OIDC, subject="sub-pia", entry=DirectoryEntry()
    )
    assert roles.site_scope(user, roles.COORDINATOR) == frozenset({purpan.pk})
