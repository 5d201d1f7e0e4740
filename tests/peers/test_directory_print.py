"""The printable list: an A4 sheet of one site's and/or one department's peers for a notice
board, never the whole network at once."""

import pytest
from django.urls import reverse

from organisation.models import StaffProfile
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user

pytestmark = pytest.mark.django_db

PRINT = reverse("peers:directory_print")


@pytest.fixture
def world(carol):
    """nina (oncology, Oncopole), yann (oncology, Purpan), zoe (surgery, Purpan)."""
    oncopole, purpan = site("Oncopole"), site("Purpan")
    make_peer(make_user("nina"), site=oncopole, department="Oncology")
    make_peer(make_user("yann"), site=purpan, department="Oncology")
    make_peer(make_user("zoe"), site=purpan, department="Surgery", languages=["en", "fr"])
    return {"oncopole": oncopole, "purpan": purpan}


def printed(response):
    return [row["name"] for row in response.context["rows"]]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"site": "purpan"}, ["Yann", "Zoe"]),
        ({"department": "oncology"}, ["Nina", "Yann"]),
        ({"site": "", "department": "oncology"}, ["Nina", "Yann"]),
        ({"site": "purpan", "department": "oncology"}, ["Yann"]),
    ],
)
def test_the_sheet_lists_the_chosen_site_and_department(client, dan, world, choice, expected):
    client.force_login(dan)
    assert printed(client.get(PRINT, choice)) == expected


def test_the_sheet_shows_labels_in_the_readers_language(client, dan, world):
    client.force_login(dan)
    response = client.get(PRINT, {"department": "surgery"}, HTTP_ACCEPT_LANGUAGE="fr")
    [zoe] = response.context["rows"]
    assert zoe == {
        "name": "Zoe",
        "profession": "Infirmier ou infirmière",
        "department": "Surgery",
        "site": "Purpan",
        "extension": "",
        "languages": "Anglais, Français",
    }


def test_the_qr_code_opens_the_same_list_online(client, dan, world):
    client.force_login(dan)
    content = client.get(PRINT, {"department": "oncology"}).content.decode()
    # "site=": without it the directory would open on the reader's own site.
    assert "http://testserver/peers/?site=&amp;department=oncology" in content


def test_without_a_choice_the_sheet_is_the_readers_own_site(client, carol, world):
    StaffProfile.objects.create(user=carol, site=world["purpan"])
    client.force_login(carol)
    response = client.get(PRINT)
    assert printed(response) == ["Yann", "Zoe"]
    assert response.context["form"]["site"].value() == "purpan"


@pytest.mark.parametrize("choice", [{}, {"site": ""}, {"site": "", "department": ""}])
def test_without_a_choice_or_a_known_site_the_page_asks_which_list(client, dan, world, choice):
    client.force_login(dan)
    response = client.get(PRINT, choice)
    assert response.status_code == 200
    assert "rows" not in response.context
    content = response.content.decode()
    assert "Choose which, then print it" in content
    assert "Nina" not in content and "data-print" not in content


@pytest.mark.parametrize(
    "choice", [{"site": "nowhere"}, {"department": "x" * 300}, {"site": "purpan\x00"}]
)
def test_an_unknown_site_or_department_answers_400_with_the_form(client, dan, world, choice):
    client.force_login(dan)
    response = client.get(PRINT, choice)
    assert response.status_code == 400
    assert "rows" not in response.context
    assert response.context["form"].errors


def test_the_choice_form_is_labelled_in_french(client, dan, world):
    client.force_login(dan)
    content = client.get(PRINT, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Choisir la liste à imprimer" in content
    assert "Afficher cette liste" in content


def test_the_sheet_runs_the_same_queries_for_a_few_or_many_peers(
    client, dan, world, django_assert_max_num_queries
):
    client.force_login(dan)
    with django_assert_max_num_queries(15) as few:
        client.get(PRINT, {"site": "purpan"})
    for number in range(30):
        make_peer(make_user(f"p{number}"), site=world["purpan"], department=f"Unit {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PRINT, {"site": "purpan"})
    assert len(response.context["rows"]) == 32
