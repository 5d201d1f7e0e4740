"""The directory opens on the reader's site; every site is one filter away; the printable
list and the poster are per site."""

import pytest
from django.urls import reverse

from organisation.models import StaffProfile
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(carol):
    oncopole, purpan = site("Oncopole"), site("Purpan")
    StaffProfile.objects.create(user=carol, site=purpan)
    make_peer(make_user("nina"), site=oncopole)
    make_peer(make_user("yann"), site=purpan)
    return {"oncopole": oncopole, "purpan": purpan}


def listed(response):
    return sorted(peer.user.username for peer in response.context["page"])


def test_the_directory_opens_on_the_readers_site(client, carol, world):
    client.force_login(carol)
    assert listed(client.get(reverse("peers:directory"))) == ["yann"]


def test_every_site_is_one_filter_away(client, carol, world):
    client.force_login(carol)
    assert listed(client.get(reverse("peers:directory"), {"site": ""})) == ["nina", "yann"]
    oncopole = client.get(reverse("peers:directory"), {"site": world["oncopole"].code})
    assert listed(oncopole) == ["nina"]


def test_a_reader_without_a_site_sees_every_site(client, dan, world):
    client.force_login(dan)
    assert listed(client.get(reverse("peers:directory"))) == ["nina", "yann"]


def test_the_printable_list_and_the_poster_are_per_site(client, carol, world):
    client.force_login(carol)
    printed = client.get(reverse("peers:directory_print"), {"site": world["oncopole"].code})
    assert [row["name"] for row in printed.context["rows"]] == ["Nina"]
    assert "Oncopole" in printed.content.decode()
    poster = client.get(reverse("resources:poster"))
    assert poster.context["site"] == world["purpan"]
    assert client.get(reverse("resources:poster"), {"site": "nowhere"}).status_code == 404
