"""Demo requests in every state, loaded by `seed_demo`. Idempotent: it adds nothing once
demo requests exist."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisation.models import Department, staff_site_and_department
from peers.models import PeerSupporter
from support_requests.models import (
    ContactMethod,
    Meeting,
    Offer,
    Outcome,
    Situation,
    Status,
    SupportRequest,
    Timing,
)
from support_requests.services import request_purge

MONTHS_OF_HISTORY = 12


def seed():
    if SupportRequest.objects.exists():
        return 0
    users = get_user_model().objects
    carol, dan = users.get(username="carol"), users.get(username="dan")
    alice = PeerSupporter.objects.get(user__username="alice")
    bob = PeerSupporter.objects.get(user__username="bob")
    now = timezone.now()
    offered_to_alice(dan, alice, now)
    accepted_by_bob(carol, bob, now)
    in_dispatch(dan, now)
    return 3 + closed_history(carol, [alice, bob], now)


def base(requester, created, **fields):
    site, _department = staff_site_and_department(requester)
    return SupportRequest.objects.create(
        requester=requester,
        site=site,
        created_at=created,
        contact_method=fields.pop("contact_method", ContactMethod.EMAIL),
        timing=fields.pop("timing", Timing.ASAP),
        **fields,
    )


def department_id(name):
    """What a request stores (encrypted): the id of the department record."""
    return str(Department.objects.resolve(name).pk)


def offered_to_alice(requester, alice, now):
    support_request = base(
        requester,
        now - timedelta(minutes=25),
        requester_department=department_id("Surgery"),
        situation=Situation.ADVERSE_EVENT,
        offers_count=1,
    )
    Offer.objects.create(
        support_request=support_request,
        peer=alice,
        offered_at=now - timedelta(minutes=25),
        expires_at=now + timedelta(minutes=95),
    )


def accepted_by_bob(requester, bob, now):
    created = now - timedelta(days=2)
    support_request = base(
        requester,
        created,
        requester_department=department_id("Oncology"),
        contact_method=ContactMethod.PHONE,
        contact_detail="05 61 00 00 00",
        timing=Timing.TODAY,
        message="I would like to talk after a difficult night shift.",
        situation=Situation.DIFFICULT,
        status=Status.ACCEPTED,
        assigned_peer=bob,
        accepted_at=created + timedelta(minutes=18),
        first_contact_at=created + timedelta(minutes=40),
        offers_count=1,
    )
    Offer.objects.create(
        support_request=support_request,
        peer=bob,
        offered_at=created,
        expires_at=created + timedelta(hours=2),
        state=Offer.State.ACCEPTED,
        answered_at=created + timedelta(minutes=18),
    )
    Meeting.objects.create(
        support_request=support_request,
        held_on=timezone.localdate(created + timedelta(days=1)),
        duration=Meeting.Duration.FROM_30_TO_45,
        modality=Meeting.Modality.IN_PERSON,
        outcome=Outcome.ANOTHER_MEETING,
    )


def in_dispatch(requester, now):
    base(
        requester,
        now - timedelta(hours=7),
        requester_department=department_id("Surgery"),
        contact_method=ContactMethod.IN_PERSON,
        timing=Timing.THIS_WEEK,
        preferred_language="en",
        status=Status.DISPATCH,
        dispatched_at=now - timedelta(hours=1),
        went_to_dispatch=True,
        offers_count=3,
    )


def closed_history(requester, peers, now):
    """Closed requests over the past year, purged as the clock would have done, so the
    figures have a history."""
    outcomes = [Outcome.CLOSED, Outcome.PSYCHOLOGICAL, Outcome.CLOSED, Outcome.HUMAN_RESOURCES]
    count = 0
    for month in range(1, MONTHS_OF_HISTORY + 1):
        for number in range(1 + month % 3):
            created = now - timedelta(days=30 * month + number * 3)
            peer = peers[(month + number) % 2]
            support_request = base(
                requester,
                created,
                situation=list(Situation.values)[(month + number) % 4],
                status=Status.CLOSED,
                assigned_peer=peer,
                accepted_at=created + timedelta(minutes=10 + 7 * number + month),
                first_contact_at=created + timedelta(minutes=45 + 20 * number),
                closed_at=created + timedelta(days=10),
                close_outcome=outcomes[(month + number) % 4],
                went_to_dispatch=(month + number) % 5 == 0,
                offers_count=1 + (month + number) % 2,
            )
            for meeting in range(1 + number % 2):
                Meeting.objects.create(
                    support_request=support_request,
                    held_on=timezone.localdate(created + timedelta(days=1 + meeting * 3)),
                    duration=Meeting.Duration.FROM_30_TO_45,
                    modality=Meeting.Modality.IN_PERSON,
                    outcome=Outcome.ANOTHER_MEETING,
                )
            if month >= 4:
                request_purge(support_request=support_request)
            count += 1
    return count
