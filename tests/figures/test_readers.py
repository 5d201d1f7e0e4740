"""Who reads which figure exactly (issue 11): coordinators read the peer pool exactly, the
board reads the directory's counts exactly and the rest suppressed, requests are suppressed
for everyone; a small count draws its own bar; the trend stops at the current month."""

import pytest
from django.urls import reverse
from django.utils import timezone

from figures import charts
from figures.suppression import SHOWN, SMALL, Cell
from figures.tables import month_label
from peers.models import Status
from svsupport.lib import roles
from tests.figures.factories import make_quarter
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import make_request


@pytest.fixture
def bea(db):
    return make_user("bea", roles.BOARD_GROUP)


@pytest.fixture
def pool(alice, bob):
    """Two published peers (alice, bob) and one paused peer (paul)."""
    make_peer(make_user("paul"), status=Status.PAUSED)


def cells(response, slug):
    table = response.context["tables"][slug]
    return {label: str(row[0]) for label, row in table.body_and_total}


def test_coordinators_read_every_peer_pool_count_exactly(client, quinn, pool):
    client.force_login(quinn)
    response = client.get(reverse("figures:dashboard"))
    assert cells(response, "statuses")["Active"] == "2"
    assert cells(response, "statuses")["Paused"] == "1"
    assert cells(response, "professions")["Nurse"] == "1"
    assert cells(response, "professions")["Total"] == "2"
    assert cells(response, "load")["0"] == "2"


def test_the_board_reads_the_directory_exactly_and_other_statuses_suppressed(client, bea, pool):
    client.force_login(bea)
    response = client.get(reverse("figures:dashboard"))
    assert cells(response, "professions")["Nurse"] == "1"
    assert cells(response, "departments")["Pharmacy"] == "1"
    assert cells(response, "sites")["Total"] == "2"
    assert cells(response, "statuses")["Paused"] == "< 5"
    assert cells(response, "statuses")["Active"] == "< 5"
    assert cells(response, "load")["0"] == "< 5"


@pytest.mark.parametrize("user", ["quinn", "bea"])
def test_request_figures_stay_suppressed_for_everyone(client, request, user, dan, alice):
    make_quarter(dan, alice.peer_profile)
    client.force_login(request.getfixturevalue(user))
    response = client.get(reverse("figures:dashboard"), {"period": "2025-Q1"})
    assert cells(response, "kinds")["A peer chosen in the directory"] == "< 5"


def test_a_small_count_draws_its_own_marked_bar_not_a_zero_one():
    chart = charts.bar_chart(
        [("a", Cell(SHOWN, 8, 5)), ("b", Cell(SMALL, None, 5)), ("c", Cell(SHOWN, 0, 5))]
    )
    shown, small, zero = chart["bars"]
    assert small.small and not shown.small
    assert small.height == pytest.approx(shown.height * 4 / 8)
    assert small.text == "< 5"
    assert zero.height == 0


def test_the_trend_chart_draws_this_months_few_requests_as_a_hatched_bar(client, bea, dan):
    make_request(dan)
    client.force_login(bea)
    content = client.get(reverse("figures:dashboard")).content.decode()
    assert content.count('class="bar-small"') == 1
    assert 'fill="url(#chart-trend-hatch)"' in content


def test_the_trend_ends_with_the_current_month(client, quinn):
    client.force_login(quinn)
    response = client.get(reverse("figures:dashboard"))
    rows = response.context["tables"]["trend"].rows
    assert rows[-1][0] == month_label(timezone.localdate().replace(day=1))
    assert len(rows) == 12
