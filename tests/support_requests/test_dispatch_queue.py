"""The coordinators' queue says why each request is there and how old it is against the
promise, oldest first, by pages; the coordinator home page counts what needs action."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from peers.models import Nomination
from support_requests.clock import tick
from support_requests.forms import SupportRequestForm
from support_requests.models import DispatchReason, Status
from support_requests.services import request_create
from support_requests.views import QUEUE_PAGE_SIZE
from svsupport.lib.mail import notify, send_due
from tests.people import PASSWORD
from tests.support_requests.factories import form_data, make_request

pytestmark = pytest.mark.django_db
DISPATCH = reverse("requests:dispatch")


def create(user, **data):
    form = SupportRequestForm(form_data(**data))
    assert form.is_valid(), form.errors
    return request_create(requester=user, **form.request_values())


def test_a_request_nobody_matches_says_so(carol):
    assert create(carol).queue_reason == DispatchReason.NO_MATCH


def test_a_request_whose_offers_lapsed_says_so(carol, alice, settings):
    settings.REQUEST_MAX_OFFERS = 1
    support_request = create(carol)
    assert support_request.status == Status.OFFERED
    tick(timezone.now() + timedelta(minutes=settings.REQUEST_ACCEPT_WINDOW_MINUTES + 1))
    support_request.refresh_from_db()
    assert support_request.queue_reason == DispatchReason.OFFERS_LAPSED


def test_a_request_for_an_unavailable_chosen_peer_says_so(carol, alice):
    peer = alice.peer_profile
    peer.status = "paused"
    peer.save()
    support_request = make_request(carol, chosen_peer=peer)
    from support_requests.services import offer_to_next_peer

    offer_to_next_peer(support_request)
    assert support_request.queue_reason == DispatchReason.CHOSEN_UNAVAILABLE


def test_the_queue_shows_reason_and_age_oldest_first(client, quinn, carol, settings):
    settings.REQUEST_CONTACT_PROMISE_HOURS = 24
    now = timezone.now()
    recent = make_request(carol, status=Status.DISPATCH, dispatch_reason="no_match")
    old = make_request(
        carol,
        status=Status.DISPATCH,
        dispatch_reason="offers_lapsed",
        created_at=now - timedelta(hours=30),
    )
    client.force_login(quinn)
    response = client.get(DISPATCH)
    assert list(response.context["page"]) == [old, recent]
    page = response.content.decode()
    assert "The peers asked did not take it" in page
    assert "No peer supporter matched" in page
    assert "promise passed 6" in page  # 30 hours against a 24-hour promise
    assert "left" in page


def test_the_queue_is_paginated(client, quinn, carol):
    for _number in range(QUEUE_PAGE_SIZE + 1):
        make_request(carol, status=Status.DISPATCH)
    client.force_login(quinn)
    assert len(client.get(DISPATCH).context["page"]) == QUEUE_PAGE_SIZE
    assert len(client.get(DISPATCH, {"page": 2}).context["page"]) == 1


def test_coordinators_land_on_what_needs_their_action(client, quinn):
    response = client.post(reverse("login"), {"username": "quinn", "password": PASSWORD})
    assert response["Location"] == reverse("landing")
    assert client.get(reverse("landing"))["Location"] == reverse("requests:coordination")


def test_staff_land_on_the_home_page(client, carol):
    client.force_login(carol)
    assert client.get(reverse("landing"))["Location"] == reverse("home")


def test_the_coordinator_home_counts_what_needs_action(
    client, quinn, carol, alice, bob, smtp_server
):
    make_request(carol, status=Status.DISPATCH)
    make_request(carol, assigned_to=alice.peer_profile, contact_overdue_at=timezone.now())
    Nomination.objects.create(
        nominator=bob.peer_profile, nominee=carol, profession="nurse", department="ICU",
        motivation="m", state=Nomination.State.AWAITING_COORDINATORS,
    )  # fmt: skip
    smtp_server.stop()
    notify([carol], "/requests/")
    send_due()
    client.force_login(quinn)
    page = client.get(reverse("requests:coordination")).content.decode()
    assert "1 request waits for a peer" in page
    assert "1 first contact is overdue" in page
    assert "1 nomination waits for a decision" in page
    assert "1 e-mail not yet delivered" in page
    assert "peers need attention" in page or "peer needs attention" in page
