"""Figures per site and for the network: a site's readers see their sites only (another
site is the 404 of an unknown one), and the site pages and the network page come from one
protection, so that setting them side by side pins no suppressed count."""

from datetime import date

import pytest
from django.urls import reverse

from figures.periods import Period
from figures.tables import dashboard_tables
from organisation.models import RoleGrant
from support_requests.models import Situation
from tests.figures.factories import local
from tests.organisation.factories import site
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites():
    return site("Oncopole"), site("Purpan")


def granted(username, role, at_site):
    user = make_user(username)
    RoleGrant.objects.create(user=user, role=role, site=at_site)
    return user


def test_a_site_board_member_reads_their_site_and_gets_404_for_another(client, sites):
    oncopole, purpan = sites
    bella = granted("bella", RoleGrant.Role.BOARD, purpan)
    client.force_login(bella)
    page = client.get(reverse("figures:dashboard"))
    assert page.status_code == 200
    assert page.context["site"] == purpan
    assert client.get(reverse("figures:dashboard"), {"site": oncopole.code}).status_code == 404
    assert client.get(reverse("figures:dashboard"), {"site": "nowhere"}).status_code == 404
    # The network is not one of their choices either.
    assert "All sites (the network)" not in page.content.decode()


def test_a_site_coordinator_counts_the_queue_of_their_site_only(client, sites, carol):
    oncopole, purpan = sites
    make_request(carol, status="dispatch", site=oncopole)
    make_request(carol, status="dispatch", site=purpan)
    make_request(carol, status="dispatch", site=purpan)
    pia = granted("pia", RoleGrant.Role.COORDINATOR, purpan)
    client.force_login(pia)
    assert client.get(reverse("figures:dashboard")).context["operational"]["dispatch_queue"] == 2


def test_a_small_site_count_cannot_be_worked_out_from_the_network(settings, sites, carol):
    """Oncopole made 2 requests about a near miss, Purpan 20: the network shows 22 (or
    hides it); Purpan's 20 must not then be shown beside it."""
    settings.FIGURES_MIN_COUNT = 5
    oncopole, purpan = sites
    quarter = Period(date(2025, 1, 1), date(2025, 4, 1))
    created = local(2025, 2, 10, 10, 0)
    for _ in range(2):
        make_request(carol, site=oncopole, situation=Situation.NEAR_MISS, created_at=created)
    for _ in range(20):
        make_request(carol, site=purpan, situation=Situation.NEAR_MISS, created_at=created)
    network = dashboard_tables(quarter, None, quarter)["activity"]
    at_purpan = dashboard_tables(quarter, purpan, quarter)["activity"]
    at_oncopole = dashboard_tables(quarter, oncopole, quarter)["activity"]
    column = 1 + 1  # the label, then "adverse event", then "near miss"

    def february(table):
        return table.rows[1][1][column - 1]

    assert str(february(at_oncopole)) == "< 5"
    shown = [cell.value for cell in (february(network), february(at_purpan)) if cell.shown]
    assert len(shown) < 2, "network minus Purpan would give Oncopole's count"
