"""The hand-computed quarter of the figures tests: Q1 2025.

- January: 6 live requests about an adverse event, 2 of them for a chosen peer; accepted
  after 10, 20, 30, 40, 50, 60 minutes; first contact after 30, 60, ..., 180 minutes; one
  meeting for the first three; two lapsed offers; one follow-up answered "yes".
- February: 4 requests about a near miss, purged; accepted after 70, 80, 90, 100 minutes,
  first contact after 200, 210, 220, 230 minutes; 2 meetings each; 2 referred to
  psychological support, 2 closed.
- March: 1 request, kind not said, never accepted, sent to the dispatch queue.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from figures.periods import Period
from support_requests.models import FollowUp, Meeting, Offer, Outcome, SupportRequest
from support_requests.services import request_purge

QUARTER = Period(date(2025, 1, 1), date(2025, 4, 1))


def local(*args):
    return timezone.make_aware(datetime(*args))


def make_quarter(requester, peer):
    for index in range(6):
        created = local(2025, 1, 10 + index, 9, 0)
        support_request = SupportRequest.objects.create(
            requester=requester,
            contact_method="phone",
            situation="adverse_event",
            created_at=created,
            accepted_at=created + timedelta(minutes=10 * (index + 1)),
            first_contact_at=created + timedelta(minutes=30 * (index + 1)),
            assigned_peer=peer,
            status="accepted",
            chosen_peer=peer if index < 2 else None,
        )
        if index < 3:
            meeting(support_request, Outcome.ANOTHER_MEETING)
        if index < 2:
            Offer.objects.create(
                support_request=support_request, peer=peer, offered_at=created, expires_at=created,
                state=Offer.State.LAPSED,
            )  # fmt: skip
        if index == 0:
            FollowUp.objects.create(support_request=support_request, due_at=created, answer="yes")
    for index in range(4):
        created = local(2025, 2, 3 + index, 14, 0)
        support_request = SupportRequest.objects.create(
            requester=requester,
            contact_method="phone",
            situation="near_miss",
            created_at=created,
            accepted_at=created + timedelta(minutes=70 + 10 * index),
            first_contact_at=created + timedelta(minutes=200 + 10 * index),
            closed_at=created + timedelta(days=3),
            status="closed",
            close_outcome=Outcome.PSYCHOLOGICAL if index < 2 else Outcome.CLOSED,
        )
        meeting(support_request, Outcome.ANOTHER_MEETING)
        meeting(support_request, support_request.close_outcome)
        request_purge(support_request=support_request)
    SupportRequest.objects.create(
        requester=requester,
        contact_method="phone",
        created_at=local(2025, 3, 20, 8, 0),
        status="dispatch",
        went_to_dispatch=True,
    )


def meeting(support_request, outcome):
    Meeting.objects.create(
        support_request=support_request,
        held_on=support_request.created_at.date(),
        duration="15_30",
        modality="phone",
        outcome=outcome,
    )
