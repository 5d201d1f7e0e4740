import csv
import io

import pytest
from django.urls import reverse

from organisation.models import RoleGrant
from tests.figures.factories import make_quarter
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import make_request


def test_the_board_sees_the_figures_but_not_the_operational_counts(client, bea, alice):
    client.force_login(bea)
    response = client.get(reverse("figures:dashboard"))
    assert response.status_code == 200
    assert "What needs the coordinators now" not in response.content.decode()
    assert b'role="img"' in response.content


def test_coordinators_also_see_what_needs_them_now(client, quinn, alice):
    client.force_login(quinn)
    content = client.get(reverse("figures:dashboard")).content.decode()
    assert "What needs the coordinators now" in content
    assert reverse("requests:dispatch") in content


@pytest.mark.parametrize("name", ["figures:dashboard", "figures:report"])
def test_staff_and_peers_get_403(client, carol, alice, name):
    for user in (carol, alice):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_the_board_is_not_a_coordinator_anywhere_else(client, bea):
    client.force_login(bea)
    assert client.get(reverse("peers:manage")).status_code == 403
    assert client.get(reverse("requests:dispatch")).status_code == 403


def test_the_csv_export_is_suppressed_like_the_page(client, quinn, dan, alice):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)
    response = client.get(reverse("figures:export", args=["kinds"]), {"period": "2025-Q1"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [row[1] for row in rows] == ["Count", "< 5", "5", "< 5", "11"]


def test_an_unknown_table_is_a_404(client, quinn):
    client.force_login(quinn)
    assert client.get(reverse("figures:export", args=["nothing"])).status_code == 404


def test_a_bad_period_falls_back_to_the_current_quarter(client, quinn):
    client.force_login(quinn)
    assert client.get(reverse("figures:dashboard"), {"period": "'; drop"}).status_code == 200


def test_the_printable_report_fits_the_key_tables(client, bea):
    client.force_login(bea)
    content = client.get(reverse("figures:report")).content.decode()
    assert content.count("<h1") == 1
    assert "data-print" in content


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, quinn, dan, alice, django_assert_max_num_queries
):
    client.force_login(quinn)
    # 30 on each side before the merge of issue 11 (reaching in) with issue 12 (sites).
    with django_assert_max_num_queries(34) as small:
        client.get(reverse("figures:dashboard"), {"period": "2025-Q1"})
    make_quarter(dan, alice.peer_profile)
    make_quarter(dan, alice.peer_profile)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("figures:dashboard"), {"period": "2025-Q1"})


def test_the_board_and_a_site_coordinator_run_a_fixed_number_of_queries(
    client, bea, dan, alice, django_assert_max_num_queries
):
    """The figures of every peer and every request come from grouped queries: more peers,
    requests and sites add no query, for the board (the network) or a site's coordinator."""
    oncopole = site("Oncopole")
    pia = make_user("pia")
    RoleGrant.objects.create(user=pia, role=RoleGrant.Role.COORDINATOR, site=oncopole)
    counted = {}
    for reader in (bea, pia):
        client.force_login(reader)
        with django_assert_max_num_queries(34) as small:
            client.get(reverse("figures:dashboard"), {"period": "2025-Q1"})
        counted[reader] = len(small.captured_queries)
    make_quarter(dan, alice.peer_profile)
    for name in ("bruno", "eve"):
        peer = make_peer(make_user(name), site=site("Purpan"))
        make_request(dan, site=oncopole, assigned_to=peer)
    for reader in (bea, pia):
        client.force_login(reader)
        with django_assert_max_num_queries(counted[reader]):
            client.get(reverse("figures:dashboard"), {"period": "2025-Q1"})


def export_rows(client, table, **headers):
    response = client.get(reverse("figures:export", args=[table]), {"period": "2025-Q1"}, **headers)
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with it
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_csv_export_gives_numbers_with_their_unit_in_the_header(client, quinn, dan, alice):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)
    trend = export_rows(client, "responsiveness")
    labels = [row[0] for row in trend]
    assert "Time to acceptance, median (minutes)" in labels
    assert "Handled without the dispatch queue (%)" in labels
    median = trend[labels.index("Time to acceptance, median (minutes)")][1]
    assert median == "55"  # minutes as a number, not "55 minutes"
    readiness = export_rows(client, "readiness")
    assert readiness[0] == ["Figure", "Active peers", "Share (%)"]


def test_a_csv_export_is_in_the_readers_language(client, quinn, dan, alice):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)
    rows = export_rows(client, "outcomes", HTTP_ACCEPT_LANGUAGE="fr")
    assert rows[0] == ["Issue", "Nombre"]
    assert rows[-1][0] == "Total"
