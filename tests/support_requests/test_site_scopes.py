"""Site coordinators: the dispatch queue and its notifications of their sites only; another
site's request is a 404 exactly like an unknown id."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisation.models import RoleGrant
from support_requests.models import Status
from support_requests.services import offer_to_next_peer
from svsupport.lib.roles import coordinator_users
from svsupport.models import QueuedMail
from tests.organisation.factories import site
from tests.people import make_user
from tests.support_requests.factories import comparable, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites():
    return site("Oncopole"), site("Purpan")


@pytest.fixture
def pia(sites):
    """The coordinator of Purpan only."""
    user = make_user("pia")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, site=sites[1])
    return user


def queued(requester, at_site):
    return make_request(requester, status=Status.DISPATCH, site=at_site)


def test_the_queue_shows_the_requests_of_the_coordinators_sites_only(client, pia, carol, sites):
    oncopole_request, purpan_request = queued(carol, sites[0]), queued(carol, sites[1])
    client.force_login(pia)
    waiting = list(client.get(reverse("requests:dispatch")).context["page"].object_list)
    assert waiting == [purpan_request]
    assert oncopole_request not in waiting


def test_another_sites_request_is_the_404_of_an_unknown_id(client, pia, carol, bob, sites):
    oncopole_request = queued(carol, sites[0])
    client.force_login(pia)
    data = {"peer": bob.peer_profile.pk}
    for name in ["requests:detail", "requests:assign"]:
        method = client.get if name == "requests:detail" else client.post
        hidden = method(reverse(name, args=[oncopole_request.pk]), data)
        unknown_id = uuid.uuid4()
        unknown = method(reverse(name, args=[unknown_id]), data)
        assert hidden.status_code == unknown.status_code == 404
        assert comparable(hidden, oncopole_request.pk) == comparable(unknown, unknown_id)
    oncopole_request.refresh_from_db()
    assert oncopole_request.status == Status.DISPATCH


def test_the_site_coordinator_dispatches_a_request_of_their_site(client, pia, carol, bob, sites):
    purpan_request = queued(carol, sites[1])
    client.force_login(pia)
    response = client.post(
        reverse("requests:assign", args=[purpan_request.pk]),
        {"peer": bob.peer_profile.pk, "confirm": "on"},
    )
    assert response.status_code == 302
    purpan_request.refresh_from_db()
    assert purpan_request.assigned_peer == bob.peer_profile


def test_only_the_sites_coordinators_and_the_networks_are_told(pia, quinn, sites):
    oscar = make_user("oscar")
    RoleGrant.objects.create(user=oscar, role=RoleGrant.Role.COORDINATOR, site=sites[0])
    assert set(coordinator_users(sites[1].pk)) == {pia, quinn}
    assert set(coordinator_users(sites[0].pk)) == {oscar, quinn}
    assert set(coordinator_users(None)) == {quinn}


def test_a_request_that_finds_nobody_notifies_its_sites_coordinators(pia, quinn, carol, sites):

    purpan_request = make_request(carol, site=sites[1])
    offer_to_next_peer(purpan_request)
    recipients = set(QueuedMail.objects.values_list("recipient", flat=True))
    assert recipients == {pia.email, quinn.email}
    assert not mail.outbox  # sent by the clock, not in the request


def test_overdue_first_contacts_are_in_the_queue_of_their_sites_coordinators_only(
    client, pia, carol, alice, sites
):
    def overdue(at_site):
        return make_request(
            carol,
            assigned_to=alice.peer_profile,
            contact_overdue_at=timezone.now(),
            site=at_site,
        )

    oncopole_request, purpan_request = overdue(sites[0]), overdue(sites[1])
    client.force_login(pia)
    queue = list(client.get(reverse("requests:dispatch")).context["page"].object_list)
    assert queue == [purpan_request]
    assert client.get(reverse("requests:coordination")).context["overdue_count"] == 1
    assert client.get(reverse("requests:detail", args=[purpan_request.pk])).status_code == 200
    assert client.get(reverse("requests:detail", args=[oncopole_request.pk])).status_code == 404
