"""The requests of a network-scale benchmark database, made by `manage.py seed_scale` after
the peers (peers/scale.py): two years of requests in every state, their offers and meetings,
and optionally offers already past their window, for the clock's benchmark.

Nothing is purged, as if the hospital kept requests for years (REQUEST_RETENTION_DAYS): the
heaviest case for the figures and the peers' loads. bulk_create throughout, no audit entries."""

import uuid
from datetime import timedelta

from django.utils import timezone

from organisation.models import StaffProfile
from peers.models import Status as PeerStatus
from support_requests.models import (
    ContactMethod,
    DispatchReason,
    Meeting,
    Offer,
    Outcome,
    Situation,
    Status,
    SupportRequest,
    Timing,
)

BATCH = 2000
# Shares of the requests open at the moment of the benchmark.
OFFERED_SHARE, DISPATCH_SHARE, ACCEPTED_SHARE = 0.003, 0.001, 0.02
WITHDRAWN_SHARE = 0.02
DAYS_OF_HISTORY = 730
# Accepted requests per peer at most: under the default caseload cap (3), so that matching
# still finds room.
ACCEPTED_PER_PEER = 2


class Seeder:
    """Builds the rows in memory, then writes them in batches."""

    def __init__(self, staff, peers, rng, now=None):
        self.staff, self.rng = staff, rng
        self.now = now or timezone.now()
        self.active = [peer for peer in peers if peer.status == PeerStatus.ACTIVE]
        profiles = StaffProfile.objects.filter(user_id__in=[user.pk for user in staff])
        self.profiles = {profile.user_id: profile for profile in profiles}
        self.requests, self.offers, self.meetings = [], [], []

    def seed(self, count, due_offers=0):
        offered, dispatched, accepted = (
            int(count * share) for share in (OFFERED_SHARE, DISPATCH_SHARE, ACCEPTED_SHARE)
        )
        for number in range(max(count - offered - dispatched - accepted - due_offers, 0)):
            self.closed_or_withdrawn(number)
        for number in range(accepted):
            self.accepted(self.active[number // ACCEPTED_PER_PEER % len(self.active)])
        for number in range(offered):
            self.offered(expires_in=timedelta(minutes=90), peer_number=number)
        for number in range(due_offers):
            self.offered(expires_in=-timedelta(minutes=1), peer_number=offered + number)
        for _number in range(dispatched):
            self.dispatched()
        SupportRequest.objects.bulk_create(self.requests, batch_size=BATCH)
        Offer.objects.bulk_create(self.offers, batch_size=BATCH)
        Meeting.objects.bulk_create(self.meetings, batch_size=BATCH)
        return len(self.requests), len(self.offers), len(self.meetings)

    def request(self, created, **fields):
        requester = self.rng.choice(self.staff)
        profile = self.profiles[requester.pk]
        support_request = SupportRequest(
            id=uuid.uuid4(),
            requester=requester,
            site_id=profile.site_id,
            requester_department=str(profile.department_id),
            requester_profession=profile.profession,
            contact_method=self.rng.choice(ContactMethod.values),
            timing=Timing.ASAP,
            situation=self.rng.choice(Situation.values),
            created_at=created,
            # bulk_create skips save(), which fixes the month.
            month=timezone.localdate(created).replace(day=1),
            **fields,
        )
        self.requests.append(support_request)
        return support_request

    def offer(self, support_request, peer, offered_at, state, **fields):
        self.offers.append(
            Offer(
                support_request=support_request,
                peer=peer,
                offered_at=offered_at,
                expires_at=fields.pop("expires_at", offered_at + timedelta(hours=2)),
                state=state,
                **fields,
            )
        )

    def closed_or_withdrawn(self, number):
        created = self.now - timedelta(days=self.rng.uniform(11, DAYS_OF_HISTORY))
        if self.rng.random() < WITHDRAWN_SHARE:
            self.request(created, status=Status.WITHDRAWN, closed_at=created + timedelta(hours=2))
            return
        peer = self.rng.choice(self.active)
        accepted = created + timedelta(minutes=self.rng.randrange(5, 240))
        support_request = self.request(
            created,
            status=Status.CLOSED,
            assigned_peer=peer,
            accepted_at=accepted,
            first_contact_at=accepted + timedelta(minutes=self.rng.randrange(10, 600)),
            closed_at=created + timedelta(days=10),
            close_outcome=self.rng.choice(Outcome.values),
            went_to_dispatch=number % 25 == 0,
            offers_count=1,
        )
        if number % 3 == 0:  # one in three was first offered to a peer who let it lapse
            self.offer(support_request, self.rng.choice(self.active), created, Offer.State.LAPSED)
            support_request.offers_count = 2
        self.offer(support_request, peer, created, Offer.State.ACCEPTED, answered_at=accepted)
        for meeting in range(self.rng.randrange(1, 6)):
            self.meetings.append(
                Meeting(
                    support_request=support_request,
                    held_on=timezone.localdate(created + timedelta(days=1 + 2 * meeting)),
                    duration=self.rng.choice(Meeting.Duration.values),
                    modality=self.rng.choice(Meeting.Modality.values),
                    outcome=Outcome.ANOTHER_MEETING,
                )
            )

    def accepted(self, peer):
        created = self.now - timedelta(days=self.rng.uniform(0.5, 10))
        support_request = self.request(
            created,
            status=Status.ACCEPTED,
            assigned_peer=peer,
            accepted_at=created + timedelta(minutes=30),
            first_contact_at=created + timedelta(hours=3),
            offers_count=1,
        )
        self.offer(support_request, peer, created, Offer.State.ACCEPTED, answered_at=created)

    def offered(self, expires_in, peer_number):
        """An offer waiting for its peer's answer, its window ending `expires_in` from now
        (negative: already past, for the clock to lapse)."""
        peer = self.active[-1 - peer_number % len(self.active)]
        created = self.now - timedelta(minutes=30)
        support_request = self.request(created, status=Status.OFFERED, offers_count=1)
        self.offer(
            support_request,
            peer,
            created,
            Offer.State.PENDING,
            expires_at=self.now + expires_in,
        )

    def dispatched(self):
        created = self.now - timedelta(hours=self.rng.uniform(1, 48))
        self.request(
            created,
            status=Status.DISPATCH,
            dispatched_at=created + timedelta(hours=1),
            dispatch_reason=DispatchReason.OFFERS_LAPSED,
            went_to_dispatch=True,
            offers_count=3,
        )
