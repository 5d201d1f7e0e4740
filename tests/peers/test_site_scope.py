"""The registry of a site coordinator: the peers and nominations of their sites only."""

import uuid

import pytest
from django.urls import reverse

from organisation.models import RoleGrant
from peers.models import Nomination
from tests.organisation.factories import site
from tests.peers.factories import make_peer
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    oncopole, purpan = site("Oncopole"), site("Purpan")
    pia = make_user("pia")
    RoleGrant.objects.create(user=pia, role=RoleGrant.Role.COORDINATOR, site=purpan)
    nina = make_peer(make_user("nina"), site=oncopole)
    yann = make_peer(make_user("yann"), site=purpan)
    return {"oncopole": oncopole, "purpan": purpan, "pia": pia, "nina": nina, "yann": yann}


def test_the_registry_lists_the_peers_of_the_coordinators_sites(client, world):
    client.force_login(world["pia"])
    listed = list(client.get(reverse("peers:manage")).context["page"])
    assert listed == [world["yann"]]
    export = b"".join(client.get(reverse("peers:manage_export")).streaming_content).decode()
    assert "yann" in export and "nina" not in export


@pytest.mark.parametrize("name", ["peers:manage_edit", "peers:manage_history"])
def test_another_sites_peer_is_the_404_of_an_unknown_id(client, world, name):
    client.force_login(world["pia"])
    assert client.get(reverse(name, args=[world["yann"].pk])).status_code == 200
    assert client.get(reverse(name, args=[world["nina"].pk])).status_code == 404
    assert client.get(reverse(name, args=[999999])).status_code == 404


def test_a_status_change_on_another_sites_peer_is_refused_and_changes_nothing(client, world):
    client.force_login(world["pia"])
    data = {"to_status": "paused", "requested_by": "coordinator", "reason": "r"}
    response = client.post(reverse("peers:manage_status", args=[world["nina"].pk]), data)
    assert response.status_code == 404
    world["nina"].refresh_from_db()
    assert world["nina"].status == "active"


def test_a_site_coordinator_adds_peers_to_their_sites_only(client, world):
    client.force_login(world["pia"])
    form = client.get(reverse("peers:manage_add")).context["form"]
    assert list(form.fields["site"].queryset) == [world["purpan"]]
    assert form.fields["site"].required


def test_nominations_of_another_site_are_out_of_sight(client, world):
    nominations = {
        name: Nomination.objects.create(
            nominator=world[name], nominee=make_user(f"n-{name}"), profession="nurse",
            department="ICU", motivation="m", state=Nomination.State.AWAITING_COORDINATORS,
        )
        for name in ["nina", "yann"]
    }  # fmt: skip
    client.force_login(world["pia"])
    rows = client.get(reverse("peers:nomination_queue")).context["rows"]
    assert [nomination for nomination, _form in rows] == [nominations["yann"]]
    decide = reverse("peers:nomination_decide", args=[nominations["nina"].pk])
    unknown = reverse("peers:nomination_decide", args=[uuid.uuid4()])
    assert client.post(decide, {"accept": "true"}).status_code == 404
    assert client.post(unknown, {"accept": "true"}).status_code == 404
