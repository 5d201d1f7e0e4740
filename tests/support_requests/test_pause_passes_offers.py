"""A peer who pauses or withdraws (themselves, or recorded by a coordinator) keeps no
offer: each pending offer passes on at once, and they cannot accept it any more."""

import pytest
from django.core import mail
from django.urls import reverse

from peers.models import Status as PeerStatus
from support_requests.models import DispatchReason, Offer, Status
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered_to_alice(dan, alice, bob):
    return make_request(dan, offered_to=alice.peer_profile)


@pytest.mark.parametrize("to_status", [PeerStatus.PAUSED, PeerStatus.WITHDRAWN])
def test_a_peer_who_steps_back_passes_their_offer_to_the_next_peer(
    client, alice, bob, offered_to_alice, to_status, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("peers:me_status"), {"to_status": to_status})
    assert alice.peer_profile.offers.get().state == Offer.State.CANCELLED
    assert offered_to_alice.pending_offer().peer == bob.peer_profile
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert mail.outbox[0].subject == "Peer support: a colleague is waiting for your answer"


def test_a_coordinator_pausing_a_peer_passes_their_offer_on(
    client, quinn, alice, bob, offered_to_alice
):
    client.force_login(quinn)
    client.post(
        reverse("peers:manage_status", args=[alice.peer_profile.pk]),
        {"to_status": "paused", "requested_by": "coordinator"},
    )
    assert offered_to_alice.pending_offer().peer == bob.peer_profile


def test_a_paused_peer_cannot_accept_the_offer_any_more(client, alice, bob, offered_to_alice):
    client.force_login(alice)
    client.post(reverse("peers:me_status"), {"to_status": "paused"})
    response = client.post(reverse("requests:accept", args=[offered_to_alice.pk]), follow=True)
    assert "This request is no longer waiting for you." in response.content.decode()
    offered_to_alice.refresh_from_db()
    assert offered_to_alice.status == Status.OFFERED
    assert offered_to_alice.assigned_peer is None


def test_the_chosen_peer_stepping_back_sends_the_request_to_the_coordinators(
    client, dan, alice, bob, quinn
):
    support_request = make_request(
        dan, offered_to=alice.peer_profile, chosen_peer=alice.peer_profile
    )
    client.force_login(alice)
    client.post(reverse("peers:me_status"), {"to_status": "paused"})
    support_request.refresh_from_db()
    assert support_request.status == Status.DISPATCH
    assert support_request.queue_reason == DispatchReason.CHOSEN_UNAVAILABLE


def test_a_refused_status_change_leaves_the_offer_where_it_is(client, alice, offered_to_alice):
    client.force_login(alice)
    client.post(reverse("peers:me_status"), {"to_status": "candidate"})
    assert offered_to_alice.pending_offer().peer == alice.peer_profile
