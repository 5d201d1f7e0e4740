"""The first-contact promise watched by the clock, with time moved: the peer reminded at
half the promise, the coordinators alerted at the promise, and the request in their queue
as "contact overdue" until the contact is recorded."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support_requests.clock import tick
from support_requests.models import DispatchReason, SupportRequest
from support_requests.services import request_first_contact
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(dan, alice, settings):
    settings.REQUEST_CONTACT_PROMISE_HOURS = 24
    return make_request(dan, assigned_to=alice.peer_profile)


def hours_later(support_request, hours):
    return support_request.created_at + timedelta(hours=hours, minutes=1)


def test_the_first_contact_is_never_pre_filled(client, alice, accepted):
    client.force_login(alice)
    response = client.get(reverse("requests:detail", args=[accepted.pk]))
    assert response.context["first_contact_form"]["contacted_at"].value() is None


def test_the_peer_is_reminded_once_at_half_the_promise(
    alice, accepted, django_capture_on_commit_callbacks
):
    assert tick(hours_later(accepted, 11)).contact_reminders == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(hours_later(accepted, 12)).contact_reminders == 1
        assert tick(hours_later(accepted, 13)).contact_reminders == 0
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert mail.outbox[0].subject == "Peer support: reminder, first contact to make"
    due = timezone.localtime(accepted.contact_promise_due_at)
    assert f"by {due:%d %b %Y, %H:%M}." in mail.outbox[0].body


def test_no_reminder_once_the_contact_is_recorded(accepted):
    request_first_contact(support_request=accepted, when=timezone.now())
    report = tick(hours_later(accepted, 30))
    assert (report.contact_reminders, report.contact_overdue) == (0, 0)


def test_at_the_promise_coordinators_are_alerted_and_see_it_in_their_queue(
    client, quinn, accepted, django_capture_on_commit_callbacks
):
    tick(hours_later(accepted, 12))
    assert tick(hours_later(accepted, 23)).contact_overdue == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(hours_later(accepted, 24)).contact_overdue == 1
        assert tick(hours_later(accepted, 25)).contact_overdue == 0
    assert [message.to for message in mail.outbox] == [[quinn.email]]
    assert mail.outbox[0].subject == "Peer support: a first contact is overdue"
    client.force_login(quinn)
    queue = client.get(reverse("requests:dispatch"))
    assert list(queue.context["page"]) == [accepted]
    assert "Contact overdue" in queue.content.decode()
    assert SupportRequest.objects.get(pk=accepted.pk).queue_reason == DispatchReason.CONTACT_OVERDUE


def test_coordinators_see_an_overdue_request_like_a_queued_one_and_no_more(client, quinn, accepted):
    tick(hours_later(accepted, 24))
    client.force_login(quinn)
    detail = client.get(reverse("requests:detail", args=[accepted.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Contact overdue" in page
    assert "06 12 34 56 78" not in page and "Secret" not in page
    assert detail.context["assign_form"] is None


def test_the_request_leaves_the_queue_once_the_contact_is_recorded(client, quinn, accepted):
    tick(hours_later(accepted, 24))
    request_first_contact(support_request=accepted, when=timezone.now())
    client.force_login(quinn)
    assert list(client.get(reverse("requests:dispatch")).context["page"]) == []
    assert client.get(reverse("requests:detail", args=[accepted.pk])).status_code == 404


def test_an_overdue_request_cannot_be_assigned_by_a_coordinator(client, quinn, bob, accepted):
    tick(hours_later(accepted, 24))
    client.force_login(quinn)
    response = client.post(
        reverse("requests:assign", args=[accepted.pk]), {"peer": bob.peer_profile.pk}
    )
    assert response.status_code == 404
    accepted.refresh_from_db()
    assert accepted.assigned_peer.user.username == "alice"
