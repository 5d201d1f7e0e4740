"""'Someone else, please' (/requests/<id>/someone-else/) and closing a heavy request: the four
tests of each view."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from support_requests.models import Offer
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


def pass_on(client, support_request, offer):
    url = reverse("requests:pass_on", args=[support_request.pk])
    return client.post(url, {"offer": offer.pk})


def test_the_requester_sees_who_it_is_offered_to_and_asks_for_someone_else(
    client, carol, alice, bob
):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    offer = support_request.pending_offer()
    client.force_login(carol)
    page = client.get(reverse("requests:detail", args=[support_request.pk]))
    assert "Alice Martin" in page.text
    assert "nurse, Oncology" in page.text
    response = pass_on(client, support_request, offer)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.state == Offer.State.PASSED_ON
    assert support_request.pending_offer().peer == bob.peer_profile
    assert LogEntry.objects.get_for_object(offer).filter(action=LogEntry.Action.UPDATE).exists()


def test_the_offered_peer_cannot_pass_a_request_on(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(alice)
    response = pass_on(client, support_request, support_request.pending_offer())
    assert response.status_code == 404
    assert support_request.pending_offer().peer == alice.peer_profile


def test_a_coordinator_cannot_pass_a_request_on(client, carol, alice, quinn):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(quinn)
    response = pass_on(client, support_request, support_request.pending_offer())
    assert response.status_code == 404


def test_passing_on_by_get_is_refused(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    assert client.get(reverse("requests:pass_on", args=[support_request.pk])).status_code == 405


def test_an_offer_that_changed_meanwhile_is_told_and_left_alone(client, carol, alice, bob):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    response = client.post(
        reverse("requests:pass_on", args=[support_request.pk]), {"offer": "12345"}, follow=True
    )
    assert "The offer changed meanwhile" in response.text
    assert support_request.pending_offer().peer == alice.peer_profile


def test_closing_as_heavy_gives_the_peer_a_rest(client, carol, alice):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(alice)
    url = reverse("requests:close", args=[support_request.pk])
    assert client.post(url, {"outcome": "closed", "heavy": "on"}).status_code == 302
    alice.peer_profile.refresh_from_db()
    assert alice.peer_profile.resting_until is not None
