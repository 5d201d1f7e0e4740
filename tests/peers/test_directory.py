"""The published directory and its printable version."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from peers.models import (
    CharterSignature,
    PeerLanguage,
    PeerSupporter,
    Status,
    TrainingRecord,
    current_charter,
)
from svsupport.lib.text import fold
from tests.organisation.factories import department, site
from tests.peers.factories import make_peer
from tests.people import make_user

DIRECTORY = reverse("peers:directory")
PRINT = reverse("peers:directory_print")


def names(response):
    return [peer.display_name for peer in response.context["page"]]


def test_staff_see_only_published_peers(client, carol, alice, bob):
    make_peer(make_user("paul"), status=Status.PAUSED)
    make_peer(make_user("tina"), status=Status.IN_TRAINING, ready=False)
    client.force_login(carol)
    response = client.get(DIRECTORY)
    assert names(response) == ["Alice Martin", "Bob Bernard"]
    content = response.content.decode()
    assert "Oncology" in content and "alice@hospital.example" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("profession=pharmacist", ["Bob Bernard"]),
        ("language=en", ["Alice Martin"]),
        ("language=es&profession=pharmacist", ["Bob Bernard"]),
        ("department=oncology", ["Alice Martin"]),
        ("site=oncopole", ["Alice Martin", "Bob Bernard"]),
        ("q=MARTIN", ["Alice Martin"]),
        ("language=en&profession=pharmacist", []),
    ],
)
def test_filters_narrow_the_directory(client, carol, alice, bob, query, expected):
    client.force_login(carol)
    assert names(client.get(f"{DIRECTORY}?{query}")) == expected


@pytest.mark.parametrize("typed", ["helene", "HÉLÈNE", "he\u0301le\u0300ne", "lène"])
def test_the_name_search_ignores_case_and_accents(client, carol, typed):
    make_peer(make_user("helene"), display_name="Hélène Côté")
    client.force_login(carol)
    assert names(client.get(DIRECTORY, {"q": typed})) == ["Hélène Côté"]


@pytest.mark.parametrize("typed", ["' OR 1=1--", "%", "_", "\\"])
def test_search_metacharacters_match_literally(client, carol, alice, typed):
    make_peer(make_user("percent"), display_name="100% Sure_Name")
    client.force_login(carol)
    response = client.get(DIRECTORY, {"q": typed})
    assert response.status_code == 200
    expected = ["100% Sure_Name"] if typed in {"%", "_"} else []
    assert names(response) == expected


def test_emoji_and_right_to_left_names_are_kept_and_found(client, carol):
    make_peer(make_user("noa"), display_name="נועה ☕")
    client.force_login(carol)
    assert names(client.get(DIRECTORY, {"q": "נועה"})) == ["נועה ☕"]


def test_a_tampered_filter_value_shows_nothing_rather_than_failing(client, carol, alice):
    client.force_login(carol)
    response = client.get(DIRECTORY, {"profession": "astronaut"})
    assert response.status_code == 200
    assert names(response) == []


def test_a_nul_byte_in_the_search_is_refused_politely(client, carol, alice):
    client.force_login(carol)
    response = client.get(DIRECTORY, {"q": "ali\x00ce"})
    assert response.status_code == 200
    assert names(response) == []


def test_names_typed_as_markup_are_shown_escaped(client, carol):
    make_peer(make_user("mallory"), display_name='"><img src=x onerror=alert(1)>')
    client.force_login(carol)
    content = client.get(DIRECTORY).content.decode()
    assert "<img src=x" not in content
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in content


def test_an_empty_directory_points_to_the_help_lines(client, carol):
    client.force_login(carol)
    assert "help lines" in client.get(DIRECTORY).content.decode()


def test_an_empty_filter_result_suggests_fewer_filters(client, carol, alice):
    client.force_login(carol)
    content = client.get(DIRECTORY, {"profession": "midwife"}).content.decode()
    assert "Try fewer filters" in content


def bulk_published_peers(count, prefix):
    """`count` published peers, half of them on each site, written with bulk_create so that
    10,000 take seconds."""
    User = get_user_model()
    users = User.objects.bulk_create(User(username=f"{prefix}{n}") for n in range(count))
    departments = [department(f"Department {number}") for number in range(40)]
    sites = [site("Oncopole"), site("Purpan")]
    peers = PeerSupporter.objects.bulk_create(
        PeerSupporter(
            user=user,
            display_name=f"Peer {user.username}",
            search_name=fold(f"Peer {user.username}"),
            profession=["nurse", "physician", "pharmacist"][number % 3],
            department=departments[number % 40],
            site=sites[number % 2],
            status=Status.ACTIVE,
        )
        for number, user in enumerate(users)
    )
    charter = current_charter()
    today = timezone.localdate()
    CharterSignature.objects.bulk_create(CharterSignature(peer=p, charter=charter) for p in peers)
    TrainingRecord.objects.bulk_create(
        TrainingRecord(peer=p, course="c", kind="initial", held_on=today, duration_minutes=90)
        for p in peers
    )
    PeerLanguage.objects.bulk_create(PeerLanguage(peer=p, code="fr") for p in peers)


def test_the_directory_runs_the_same_queries_for_10_or_10000_peers(
    client, carol, django_assert_max_num_queries
):
    client.force_login(carol)
    filters = {"language": "fr", "site": "purpan"}
    bulk_published_peers(10, "small")
    with django_assert_max_num_queries(15) as small:
        client.get(DIRECTORY, filters)
    bulk_published_peers(9_990, "large")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(DIRECTORY, filters)
    assert response.context["page"].paginator.count == 5_000
    assert len(response.context["page"].object_list) == 24


def test_the_printable_list_carries_a_qr_code_to_the_directory(client, carol, alice):
    client.force_login(carol)
    response = client.get(reverse("peers:directory_print"), {"site": "oncopole"})
    content = response.content.decode()
    assert 'src="data:image/svg+xml' in content
    assert "http://testserver/peers/?site=oncopole" in content
    assert "Alice Martin" in content
    assert "print.css" in content


def test_the_directory_links_to_the_sheet_of_what_it_shows(client, carol, alice):
    client.force_login(carol)
    content = client.get(DIRECTORY, {"site": "", "department": "oncology"}).content.decode()
    assert f"{PRINT}?site=&amp;department=oncology" in content
    content = client.get(DIRECTORY, {"site": "oncopole"}).content.decode()
    assert f"{PRINT}?site=oncopole" in content
