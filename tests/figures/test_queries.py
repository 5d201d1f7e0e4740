import pytest
from django.utils import translation

from figures import queries
from figures.tables import dashboard_tables
from organisation.models import Department
from organisation.services import unit_merge
from tests.figures.factories import QUARTER, make_quarter
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user


@pytest.fixture
def quarter(dan, alice):
    make_quarter(dan, alice.peer_profile)


def texts(table):
    return [[label, *map(str, cells)] for label, cells in table.body_and_total]


def test_requests_are_counted_with_the_purged_ones(quarter):
    figures = queries.request_figures(QUARTER)
    assert figures["total"] == 11
    assert (figures["named_peer"], figures["any_peer"], figures["kind_unknown"]) == (2, 5, 4)
    assert figures["to_dispatch"] == 1
    assert figures["by_month_situation"] == [
        [6, 0, 0, 0, 0],
        [0, 4, 0, 0, 0],
        [0, 0, 0, 0, 1],
    ]


def test_medians_and_90th_percentiles_match_the_hand_computed_ones(quarter):
    figures = queries.request_figures(QUARTER)
    # Acceptance: 10, 20, ..., 100 minutes; first contact: 30, 60, ..., 180, 200, ..., 230.
    assert figures["accept_count"] == figures["contact_count"] == 10
    assert figures["accept_median"] == 55
    assert figures["accept_p90"] == pytest.approx(91)
    assert figures["contact_median"] == 165
    assert figures["contact_p90"] == pytest.approx(221)
    assert figures["within_promise"] == 10


def test_outcomes_meetings_and_follow_ups_are_counted(quarter):
    figures = queries.request_figures(QUARTER)
    assert figures["outcome_psychological"] == 2
    assert figures["outcome_closed"] == 2
    assert figures["outcome_none"] == 7
    assert (figures["purged_meetings"], figures["live_meetings"]) == (8, 3)
    assert figures["lapsed_offers"] == 2
    assert (figures["follow_up_yes"], figures["follow_up_no"]) == (1, 0)


def test_the_published_tables_suppress_the_small_counts(quarter, settings):
    settings.FIGURES_MIN_COUNT = 5
    tables = dashboard_tables(QUARTER, "", QUARTER)
    assert texts(tables["activity"])[1] == ["February 2025", "0", "< 5", "0", "0", "0", "< 5"]
    assert texts(tables["activity"])[-1] == ["Total", "6", "< 5", "0", "0", "< 5", "11"]
    assert [row[1] for row in texts(tables["kinds"])] == ["< 5", "5", "< 5", "11"]
    responsiveness = dict((row[0], row[1]) for row in texts(tables["responsiveness"]))
    assert responsiveness["Time to acceptance, median"] == "55 minutes"
    assert responsiveness["Time to acceptance, 90th percentile"] == "91 minutes"
    assert responsiveness["Reached the coordinators' dispatch queue"] == "< 5"
    # 10 of 11 without the queue would reveal the 1 that went there.
    assert responsiveness["Handled without the dispatch queue"] == "not shown"
    assert responsiveness["Offers that lapsed without an answer"] == "< 5"
    assert [row[1] for row in texts(tables["outcomes"])] == ["0", "< 5", "< 5", "0", "0", "7", "11"]


def test_no_median_is_given_from_fewer_values_than_the_threshold(quarter, settings):
    settings.FIGURES_MIN_COUNT = 11
    responsiveness = dict(
        (row[0], row[1]) for row in texts(dashboard_tables(QUARTER, "", QUARTER)["responsiveness"])
    )
    assert responsiveness["Time to acceptance, median"] == "not shown (fewer than 11 values)"


def test_the_trend_gives_one_row_per_month(quarter):
    trend = queries.trend_figures(QUARTER)
    assert [row["requests"] for row in trend] == [6, 4, 1]
    assert trend[0]["contact_median"] == 105
    assert trend[2]["contact_median"] is None


def test_the_peer_pool_counts_active_peers_at_the_chosen_site(alice, bob):
    pool = queries.pool_figures(QUARTER)
    assert pool["statuses"] == {"active": 2}
    assert pool["by_department"] == {"Oncology": 1, "Pharmacy": 1}
    assert pool["readiness"]["trained"] == pool["readiness"]["charter"] == 2
    assert pool["load"] == {0: 2}
    assert queries.pool_figures(QUARTER, site=site("Elsewhere"))["statuses"] == {}


def test_the_sqlite_percentile_interpolates_like_postgresql():
    assert queries.percentile_cont([10, 20, 30, 40], 0.5) == 25
    assert queries.percentile_cont(list(range(10, 101, 10)), 0.9) == pytest.approx(91)
    assert queries.percentile_cont([], 0.5) is None


def test_the_peer_pool_counts_a_merged_department_once(alice, bob):
    chirurgie = Department.objects.resolve_or_create("Chirurgie")
    make_peer(make_user("nina"), department="Surgery")
    make_peer(make_user("omar"), department=chirurgie)
    unit_merge(source=chirurgie, target=Department.objects.resolve("surgery"))
    pool = queries.pool_figures(QUARTER)
    assert pool["by_department"] == {"Oncology": 1, "Pharmacy": 1, "Surgery": 2}
    with translation.override("fr"):
        Department.objects.filter(code="oncology").update(name_fr="Oncologie")
        assert "Oncologie" in queries.pool_figures(QUARTER)["by_department"]
