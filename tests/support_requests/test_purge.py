"""The purge's promise, by each of its routes (the clock after the retention period, the
requester's "erase now"): every confidential field of the request is empty, and no audit
entry of the request or of its offers, meetings, escalations and follow-ups keeps an actor,
an address or a diff."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from support_requests.clock import tick
from support_requests.models import Escalation, FollowUp, Meeting, Offer, SupportRequest
from tests.support_requests.factories import form_data

CONFIDENTIAL = ["requester", "chosen_peer", "assigned_peer", "requester_department",
                "contact_detail", "time_window", "message"]  # fmt: skip
CHILDREN = {"offers": Offer, "meetings": Meeting, "escalations": Escalation,
            "follow_ups": FollowUp}  # fmt: skip
ADDRESS = {"REMOTE_ADDR": "10.1.2.3"}


def go(client, name, pk, data=None):
    response = client.post(reverse(f"requests:{name}", args=[pk]), data or {}, **ADDRESS)
    assert response.status_code == 302, (name, response.status_code)
    return response


@pytest.fixture
def lived_request(client, carol, alice):
    """A request that went all the way through the app, every step by its person, so that
    the audit trail holds actors, addresses and diffs on the request and each child row."""
    client.force_login(carol)
    data = form_data(
        timing="window", time_window="Tuesday after 4 pm", message="Secret words", **ADDRESS
    )
    new = reverse("requests:new") + f"?peer={alice.peer_profile.pk}"
    response = client.post(new, data, **ADDRESS)
    support_request = SupportRequest.objects.get(pk=data["submission_id"])
    assert response.status_code == 302 and support_request.chosen_peer == alice.peer_profile
    client.force_login(alice)
    client.get(reverse("requests:detail", args=[support_request.pk]), **ADDRESS)
    go(client, "accept", support_request.pk)
    go(client, "first_contact", support_request.pk, {"contacted_at": "2026-01-05T10:00"})
    meeting = {"held_on": timezone.localdate().isoformat(), "duration": "15_30",
               "modality": "phone", "outcome": "another_meeting"}  # fmt: skip
    go(client, "meeting", support_request.pk, meeting)
    alert = {"alerted": "psychiatry", "alerted_at": "2026-01-05T11:00", "category": "self"}
    go(client, "escalate", support_request.pk, alert)
    support_request.follow_ups.update(sent_at=timezone.now())
    client.force_login(carol)
    go(client, "follow_up", support_request.pk, {"answer": "no"})
    client.force_login(alice)
    go(client, "close", support_request.pk, {"outcome": "closed"})
    children = {
        model: list(getattr(support_request, related).values_list("pk", flat=True))
        for related, model in CHILDREN.items()
    }
    assert all(children.values()), children
    trail = audit_trail(support_request, children)
    # What the purge must take away is there before it: the test can fail.
    assert trail.filter(actor__isnull=False, remote_addr="10.1.2.3").exists()
    for model in CHILDREN.values():
        kind = ContentType.objects.get_for_model(model)
        assert trail.filter(content_type=kind).exclude(changes=None).exists(), model
    return support_request, children


def audit_trail(support_request, children):
    rule = Q(content_type=ContentType.objects.get_for_model(SupportRequest),
             object_pk=str(support_request.pk))  # fmt: skip
    for model, pks in children.items():
        kind = ContentType.objects.get_for_model(model)
        rule |= Q(content_type=kind, object_pk__in=[str(pk) for pk in pks])
    return LogEntry.objects.filter(rule)


def assert_purged(support_request, children):
    purged = SupportRequest.objects.get(pk=support_request.pk)
    assert purged.purged_at is not None
    assert {name: getattr(purged, name) for name in CONFIDENTIAL} == dict.fromkeys(CONFIDENTIAL)
    for related in CHILDREN:
        assert not getattr(purged, related).exists(), related
    trail = audit_trail(support_request, children)
    assert trail.exists()
    kept = trail.filter(
        Q(actor__isnull=False) | Q(actor_email__isnull=False) | Q(remote_addr__isnull=False)
        | Q(remote_port__isnull=False) | Q(changes__isnull=False) | ~Q(changes_text="")
        | Q(serialized_data__isnull=False) | Q(additional_data__isnull=False)
    )  # fmt: skip
    assert list(kept.values("content_type__model", "action", "actor", "changes")) == []


def test_the_clock_purge_after_the_retention_period_keeps_nothing_confidential(
    lived_request, settings
):
    support_request, children = lived_request
    later = timezone.now() + timedelta(days=settings.REQUEST_RETENTION_DAYS + 1)
    assert tick(later).purged == 1
    assert_purged(support_request, children)


def test_erase_now_keeps_nothing_confidential(lived_request, client, carol):
    support_request, children = lived_request
    client.force_login(carol)
    response = client.post(reverse("requests:erase", args=[support_request.pk]), **ADDRESS)
    assert response["Location"] == reverse("requests:mine")
    assert_purged(support_request, children)
