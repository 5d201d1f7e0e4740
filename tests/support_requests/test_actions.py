"""Every state change on a request: it works, an outsider gets 404, the wrong role gets
403 where a role exists, and GET gets 405."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support_requests.models import Escalation, FollowUp, Meeting, Offer, Status, SupportRequest
from tests.organisation.factories import department
from tests.support_requests.factories import comparable, make_request


def url(name, support_request):
    return reverse(f"requests:{name}", args=[support_request.pk])


ACTIONS = ["withdraw", "erase", "follow_up", "accept", "decline", "first_contact", "meeting",
           "escalate", "close", "assign"]  # fmt: skip


CONFIRMED_ACTIONS = ["withdraw", "erase"]  # GET shows what will happen and asks to confirm


@pytest.mark.parametrize("name", [a for a in ACTIONS if a not in CONFIRMED_ACTIONS])
def test_every_action_refuses_get(client, carol, name):
    support_request = make_request(carol)
    client.force_login(carol)
    assert client.get(url(name, support_request)).status_code == 405


@pytest.mark.parametrize("name", [a for a in ACTIONS if a != "assign"])
def test_every_action_is_a_404_for_an_outsider(client, carol, dan, alice, name):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(dan)
    assert client.post(url(name, support_request)).status_code == 404
    assert client.post(reverse(f"requests:{name}", args=[uuid.uuid4()])).status_code == 404


def test_assigning_is_for_coordinators_only(client, carol, alice, bob):
    support_request = make_request(carol, status=Status.DISPATCH)
    client.force_login(alice)
    response = client.post(url("assign", support_request), {"peer": bob.peer_profile.pk})
    assert response.status_code == 403
    assert SupportRequest.objects.get().status == Status.DISPATCH


def test_the_offered_peer_accepts_and_the_requester_is_told_by_link(
    client, carol, alice, django_capture_on_commit_callbacks
):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accept", support_request))
    assert response["Location"] == url("detail", support_request)
    support_request.refresh_from_db()
    assert (support_request.status, support_request.assigned_peer) == (
        Status.ACCEPTED,
        alice.peer_profile,
    )
    assert mail.outbox[-1].to == ["carol@hospital.example"]
    assert "Alice" not in mail.outbox[-1].body


def test_a_late_accept_is_told_clearly(client, carol, alice, bob):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    support_request.offers.update(state=Offer.State.LAPSED)
    client.force_login(alice)
    response = client.post(url("accept", support_request), follow=True)
    assert "no longer waiting for you" in response.content.decode()
    assert SupportRequest.objects.get().assigned_peer is None


def test_declining_passes_the_request_on(client, carol, alice, bob):
    support_request = make_request(carol, offered_to=alice.peer_profile, requester_department="")
    client.force_login(alice)
    client.post(url("decline", support_request))
    assert support_request.pending_offer().peer == bob.peer_profile


def test_the_assigned_peer_logs_contact_meeting_and_closes(client, carol, bob):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    client.force_login(bob)
    contacted = (timezone.localtime() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    client.post(url("first_contact", support_request), {"contacted_at": contacted})
    client.post(
        url("meeting", support_request),
        {
            "held_on": timezone.localdate().isoformat(),
            "duration": "30_45",
            "modality": "in_person",
            "outcome": "another_meeting",
            "notes": "must not be stored",
        },
    )
    client.post(url("close", support_request), {"outcome": "closed"})
    support_request.refresh_from_db()
    assert support_request.first_contact_at is not None
    assert support_request.status == Status.CLOSED
    assert support_request.close_outcome == "closed"
    meeting = Meeting.objects.get()
    assert not hasattr(meeting, "notes")
    assert FollowUp.objects.filter(support_request=support_request).count() == 3


def test_a_meeting_in_the_future_is_refused(client, carol, bob):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    client.force_login(bob)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        url("meeting", support_request),
        {"held_on": tomorrow, "duration": "30_45", "modality": "phone", "outcome": "closed"},
        follow=True,
    )
    assert "This date is in the future." in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_escalation_notifies_the_coordinators_and_is_audited(
    client, carol, bob, quinn, django_capture_on_commit_callbacks
):
    from auditlog.models import LogEntry

    support_request = make_request(carol, assigned_to=bob.peer_profile)
    client.force_login(bob)
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("escalate", support_request),
            {"alerted": "emergency", "alerted_at": when, "category": "self"},
        )
    escalation = Escalation.objects.get()
    assert escalation.recorded_by == bob.peer_profile
    assert LogEntry.objects.get_for_object(escalation).get().actor == bob
    assert mail.outbox[-1].to == ["quinn@hospital.example"]
    assert "Carol" not in mail.outbox[-1].body


def test_the_requester_withdraws_at_any_time(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    client.post(url("withdraw", support_request))
    support_request.refresh_from_db()
    assert support_request.status == Status.WITHDRAWN
    assert not support_request.offers.filter(state=Offer.State.PENDING).exists()


@pytest.mark.parametrize("name", CONFIRMED_ACTIONS)
def test_a_confirmed_action_refuses_other_methods(client, carol, name):
    support_request = make_request(carol, status=Status.CLOSED)
    client.force_login(carol)
    assert client.put(url(name, support_request)).status_code == 405


def test_withdrawing_asks_for_confirmation_and_changes_nothing_on_get(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    detail = client.get(url("detail", support_request)).content.decode()
    assert f'href="{url("withdraw", support_request)}"' in detail
    response = client.get(url("withdraw", support_request))
    page = response.content.decode()
    assert "What will happen" in page and "Nobody will contact you" in page
    assert f'action="{url("withdraw", support_request)}"' in page
    assert "no-store" in response["Cache-Control"]
    support_request.refresh_from_db()
    assert support_request.status == Status.OFFERED


def test_erasing_asks_for_confirmation_and_changes_nothing_on_get(client, carol):
    support_request = make_request(carol, status=Status.CLOSED)
    client.force_login(carol)
    detail = client.get(url("detail", support_request)).content.decode()
    assert f'href="{url("erase", support_request)}"' in detail
    page = client.get(url("erase", support_request)).content.decode()
    assert "erased for good" in page
    assert f'action="{url("erase", support_request)}"' in page
    support_request.refresh_from_db()
    assert support_request.purged_at is None and support_request.requester == carol


def test_erasing_an_open_request_sends_back_to_withdraw_first(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    response = client.get(url("erase", support_request), follow=True)
    assert "Withdraw the request first" in response.content.decode()
    assert response.redirect_chain == [(url("detail", support_request), 302)]


def test_the_requester_erases_a_closed_request_now(client, carol, alice):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(carol)
    response = client.post(url("erase", support_request), follow=True)
    assert "Withdraw the request first" in response.content.decode()
    client.post(url("withdraw", support_request))
    client.post(url("erase", support_request))
    support_request.refresh_from_db()
    assert support_request.purged_at is not None
    assert support_request.requester is None and support_request.message is None
    assert client.get(url("detail", support_request)).status_code == 404


def test_a_follow_up_yes_reopens_with_the_same_peer(client, carol, bob):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    support_request.status, support_request.closed_at = Status.CLOSED, timezone.now()
    support_request.save()
    FollowUp.objects.create(
        support_request=support_request, due_at=timezone.now(), sent_at=timezone.now()
    )
    client.force_login(carol)
    assert "How are you doing?" in client.get(url("detail", support_request)).content.decode()
    client.post(url("follow_up", support_request), {"answer": "yes"})
    support_request.refresh_from_db()
    assert (support_request.status, support_request.assigned_peer) == (
        Status.ACCEPTED,
        bob.peer_profile,
    )


def test_assigning_warns_about_the_matching_rules_first(client, carol, quinn, alice):
    peer = alice.peer_profile
    peer.department = department("Surgery")
    peer.save()
    support_request = make_request(carol, status=Status.DISPATCH)
    client.force_login(quinn)
    response = client.post(url("assign", support_request), {"peer": peer.pk}, follow=True)
    assert "asked for a peer from another department" in response.content.decode()
    assert SupportRequest.objects.get().status == Status.DISPATCH
    client.post(url("assign", support_request), {"peer": peer.pk, "confirm": "on"})
    assert SupportRequest.objects.get().assigned_peer == peer


OUTSIDE_THE_QUEUE = [Status.OFFERED, Status.ACCEPTED, Status.CLOSED, Status.WITHDRAWN]


@pytest.mark.parametrize("status", OUTSIDE_THE_QUEUE)
def test_assigning_a_request_outside_the_queue_is_a_404_that_tells_nothing(
    client, quinn, alice, bob, dan, status
):
    """No oracle: a peer from the requester's department, the requester themselves, a
    peer who declined, or a request accepted meanwhile all answer the same bare 404 as an
    unknown id, and nothing changes."""
    alice_peer = alice.peer_profile
    alice_peer.department = department("Surgery")
    alice_peer.save()
    support_request = make_request(bob, offered_to=dan_peer(dan), status=status)
    Offer.objects.create(
        support_request=support_request, peer=alice_peer, state=Offer.State.DECLINED,
        expires_at=timezone.now(),
    )  # fmt: skip
    client.force_login(quinn)
    unknown_id = uuid.uuid4()
    unknown = client.post(reverse("requests:assign", args=[unknown_id]), {"peer": alice_peer.pk})
    for peer in [alice_peer, bob.peer_profile, dan.peer_profile]:
        for data in [{"peer": peer.pk}, {"peer": peer.pk, "confirm": "on"}, {"peer": "x"}]:
            response = client.post(url("assign", support_request), data)
            assert response.status_code == 404
            assert comparable(response, support_request.pk) == comparable(unknown, unknown_id)
    assert not list(messages_of(client))
    assert SupportRequest.objects.get(pk=support_request.pk).status == status
    assert support_request.offers.filter(state=Offer.State.PENDING).count() == 1


def dan_peer(dan):
    from tests.peers.factories import make_peer

    return make_peer(dan, department="Surgery")


def messages_of(client):
    from django.contrib.messages import get_messages

    response = client.get(reverse("requests:dispatch"))
    return get_messages(response.wsgi_request)


def test_assigning_a_request_that_left_the_queue_meanwhile_is_refused(carol, bob):
    """The race after the access decision: the row lock finds it gone from the queue."""
    from support_requests import services

    support_request = make_request(carol, status=Status.DISPATCH)
    services.request_assign(request_id=support_request.pk, peer=bob.peer_profile)
    with pytest.raises(services.AlreadyTaken):
        services.request_assign(request_id=support_request.pk, peer=bob.peer_profile)


def test_a_late_accept_tells_the_peer_nothing_about_what_became_of_the_request(
    client, carol, alice, bob
):
    taken = make_request(carol, offered_to=alice.peer_profile)
    withdrawn = make_request(carol, offered_to=alice.peer_profile)
    Offer.objects.update(state=Offer.State.LAPSED)
    client.force_login(alice)
    # Both offers are over for alice; one request is now someone else's, one withdrawn.
    SupportRequest.objects.filter(pk=taken.pk).update(
        status=Status.ACCEPTED, assigned_peer=bob.peer_profile
    )
    SupportRequest.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
    told = [
        [str(m) for m in client.post(url(action, item), follow=True).context["messages"]]
        for item in [taken, withdrawn]
        for action in ["accept", "decline"]
    ]
    assert told == [["This request is no longer waiting for you."]] * 4


def test_the_assign_workflow_itself_refuses_a_request_offered_to_a_peer(carol, alice, bob):
    from support_requests import services

    support_request = make_request(carol, offered_to=alice.peer_profile)
    with pytest.raises(services.AlreadyTaken):
        services.request_assign(request_id=support_request.pk, peer=bob.peer_profile)
    assert support_request.offers.get().state == Offer.State.PENDING
