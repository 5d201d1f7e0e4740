"""Real concurrent transactions on PostgreSQL: exactly one of two simultaneous actions on
a request wins; the other is told, and nothing is half-written."""

import threading
from functools import partial

import pytest
from django.db import connection, connections

from support_requests import services
from support_requests.clock import tick
from support_requests.models import Offer, Status, SupportRequest
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_together(*actions):
    """Starts every action at the same instant in its own thread and connection; returns
    what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001  (the loser's exception is the result)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def outcomes(results):
    return sorted("won" if not isinstance(r, Exception) else type(r).__name__ for r in results)


def test_two_accepts_of_the_same_offer_give_one_assignment():
    carol = make_user("carol")
    alice = make_peer(make_user("alice"))
    support_request = make_request(carol, offered_to=alice)
    accept = lambda: services.request_accept(request_id=support_request.pk, peer=alice)  # noqa: E731
    for _ in range(5):
        results = run_together(accept, accept)
        assert outcomes(results) in (["AlreadyTaken", "won"],), results
        support_request.refresh_from_db()
        assert support_request.status == Status.ACCEPTED
        assert support_request.offers.filter(state=Offer.State.ACCEPTED).count() == 1
        # back to an open offer for the next round
        support_request.status = Status.OFFERED
        support_request.assigned_peer = None
        support_request.save()
        support_request.offers.update(state=Offer.State.PENDING)


def test_two_coordinators_assigning_at_once_give_one_assignment():
    carol = make_user("carol")
    alice = make_peer(make_user("alice"), department="A")
    bob = make_peer(make_user("bob"), department="B")
    support_request = make_request(carol, status=Status.DISPATCH)
    results = run_together(
        lambda: services.request_assign(request_id=support_request.pk, peer=alice),
        lambda: services.request_assign(request_id=support_request.pk, peer=bob),
    )
    assert outcomes(results) == ["AlreadyTaken", "won"]
    support_request.refresh_from_db()
    winner = alice if not isinstance(results[0], Exception) else bob
    assert support_request.assigned_peer == winner


def test_two_clocks_at_once_move_a_lapsed_offer_once():
    from datetime import timedelta

    from django.utils import timezone

    carol = make_user("carol")
    alice = make_peer(make_user("alice"), department="A")
    make_peer(make_user("bob"), department="B")
    support_request = make_request(carol, offered_to=alice)
    later = timezone.now() + timedelta(hours=3)
    results = run_together(lambda: tick(later), lambda: tick(later))
    assert sorted(report.lapsed for report in results) == [0, 1]
    assert SupportRequest.objects.get(pk=support_request.pk).offers.count() == 2


def test_two_clocks_at_once_deliver_each_queued_mail_once(smtp_server, settings):
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from svsupport.lib.mail import notify

    settings.MAIL_SEND_ON_COMMIT = False  # leave every message to the clocks
    addresses = [f"peer{number}@hospital.example" for number in range(150)]
    notify([SimpleNamespace(email=address) for address in addresses], "/requests/inbox/")
    smtp_server.delay = 0.01  # both clocks are still sending when the other starts
    later = timezone.now() + timedelta(minutes=1)
    results = run_together(lambda: tick(later), lambda: tick(later))
    sent = [report.mailed.sent for report in results]
    assert sum(sent) == 150 and 0 not in sent, sent
    assert smtp_server.recipients() == sorted(addresses)
    assert [report.mailed.sent for report in run_together(lambda: tick(later))] == [0]


def test_the_same_form_posted_twice_at_once_makes_one_request_and_both_lead_to_it(settings):
    """A double click: two real requests at the same instant, each on its own connection."""
    from django.test import Client
    from django.urls import reverse

    from tests.support_requests.factories import form_data

    settings.REQUEST_MAX_OPEN = settings.REQUEST_SUBMIT_RATE = 0  # four rounds for one person
    carol = make_user("carol")
    make_peer(make_user("alice"))
    for _ in range(4):
        data = form_data()
        clients = [Client(raise_request_exception=False) for _ in range(2)]
        for client in clients:
            client.force_login(carol)
        responses = run_together(
            *(partial(client.post, reverse("requests:new"), data) for client in clients)
        )
        assert [response.status_code for response in responses] == [302, 302], responses
        support_request = SupportRequest.objects.get(pk=data["submission_id"])
        sent = reverse("requests:sent", args=[support_request.pk])
        assert [response["Location"] for response in responses] == [sent, sent]
        assert support_request.offers.count() == 1
    assert SupportRequest.objects.count() == 4
