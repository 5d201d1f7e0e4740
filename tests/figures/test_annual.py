import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import BurdenAnswer, FeedbackCount, StaffCount
from figures import annual
from svsupport.lib import roles
from tests.figures.factories import make_quarter
from tests.organisation.factories import department
from tests.peers.factories import make_peer
from tests.people import make_user

ANNUAL = reverse("figures:annual")


@pytest.fixture
def bea(db):
    return make_user("bea", roles.BOARD_GROUP)


def export(client, table, year=2025):
    response = client.get(reverse("figures:annual_export", args=[table]), {"year": year})
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_year_is_last_year_by_default_and_any_odd_value_falls_back_to_it():
    today = date(2026, 11, 25)
    assert annual.chosen_year(None, today) == 2025
    for value in ["2027", "1999", "²⁰²⁵", "20250", "'; drop", ""]:
        assert annual.chosen_year(value, today) == 2025
    assert annual.chosen_year("2026", today) == 2026


def test_activity_beside_the_year_before_suppressed_like_the_dashboard(client, quinn, dan, alice):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)
    rows = export(client, "annual_activity")
    assert rows[0] == ["Month", "2024", "2025"]
    months = {row[0]: row[1:] for row in rows[1:]}
    assert months["January"] == ["0", "6"]
    assert months["February"][1] == "< 5" and months["March"][1] == "< 5"
    assert months["Total"] == ["0", "11"]
    page = client.get(ANNUAL, {"year": 2025}).content.decode()
    assert page.count("<h1") == 1 and "data-print" in page
    assert page.count('role="img"') == 2


def test_the_board_reads_the_same_suppressed_report(client, quinn, bea, dan, alice):
    make_quarter(dan, alice.peer_profile)
    tables = annual.annual_tables(2025)
    seen = {}
    for reader in (quinn, bea):
        client.force_login(reader)
        assert client.get(ANNUAL, {"year": 2025}).status_code == 200
        seen[reader.username] = [export(client, slug) for slug in tables]
    assert seen["quinn"] == seen["bea"]


def test_staff_and_peers_get_403(client, carol, alice):
    for user in (carol, alice):
        client.force_login(user)
        assert client.get(ANNUAL).status_code == 403
        assert client.get(reverse("figures:annual_export", args=["coverage"])).status_code == 403


def test_an_unknown_table_is_a_404(client, quinn):
    client.force_login(quinn)
    assert client.get(reverse("figures:annual_export", args=["nothing"])).status_code == 404


def counts(month, **by_question):
    for question, choices in by_question.items():
        for choice, count in choices.items():
            FeedbackCount.objects.create(month=month, question=question, choice=choice, count=count)


def test_feedback_is_published_by_year_with_small_counts_hidden(client, quinn):
    counts(date(2025, 3, 1), answered={"yes": 7}, helped={"5": 6, "2": 1})
    counts(date(2024, 6, 1), answered={"yes": 5}, helped={"4": 5})
    client.force_login(quinn)
    assert export(client, "feedback_answered")[1] == [
        "Answered after the end of their support", "5", "7",
    ]  # fmt: skip
    helped = {row[0]: row[1:] for row in export(client, "feedback_helped")}
    # 6 beside a lone 1 would give the 1 away through the total of 7: hidden too.
    assert helped["Strongly agree"] == ["0", "–"]
    assert helped["Disagree"] == ["0", "< 5"]
    assert helped["Agree"] == ["5", "0"]


def test_the_current_month_is_not_counted_yet(quinn):
    month = timezone.localdate().replace(day=1)
    counts(month, answered={"yes": 9})
    tables = annual.annual_tables(month.year)
    assert str(tables["feedback_answered"].rows[0][1][1]) == "0"


def burden_answers(peers, month):
    for peer in peers:
        BurdenAnswer.objects.create(peer=peer, month=month, heaviness="4", needs_support="no")
        BurdenAnswer.objects.create(peer=peer, month=month, heaviness="2")


def test_the_peers_burden_is_withheld_until_enough_peers_answered(db):
    users = [make_user(f"peer{index}") for index in range(5)]
    peers = [make_peer(user) for user in users]
    burden_answers(peers[:4], date(2025, 5, 1))
    table = annual.annual_tables(2025)["burden_heaviness"]
    assert {str(cells[1]) for _label, cells in table.rows} == {"–"}
    burden_answers(peers[4:], date(2025, 5, 1))
    table = annual.annual_tables(2025)["burden_heaviness"]
    assert [str(cells[1]) for _label, cells in table.rows] == ["0", "5", "0", "5", "0"]


def test_peers_per_hundred_staff_where_a_headcount_is_given(client, quinn):
    oncology = department("Oncology")
    for index in range(5):
        make_peer(make_user(f"nurse{index}"), department="Oncology")
    client.force_login(quinn)
    response = client.post(reverse("evaluation:staff_counts"), {f"dept_{oncology.pk}": "200"})
    assert response.status_code == 302
    assert StaffCount.objects.get(department=oncology).headcount == 200
    rows = export(client, "pool_per_staff")
    assert rows[1] == ["Oncology", "200", "5", "2.5"]
    make_peer(make_user("pharmacist"), department="Pharmacy")
    StaffCount.objects.create(department=department("Pharmacy"), headcount=40)
    rows = {row[0]: row[1:] for row in export(client, "pool_per_staff")}
    assert rows["Pharmacy"] == ["40", "< 5", "not shown"]
    assert rows["Oncology"][2] == "not shown"  # hidden to protect the small count


def test_an_empty_headcount_forgets_the_department(client, quinn):
    oncology = department("Oncology")
    StaffCount.objects.create(department=oncology, headcount=10)
    client.force_login(quinn)
    client.post(reverse("evaluation:staff_counts"), {f"dept_{oncology.pk}": ""})
    assert not StaffCount.objects.exists()
