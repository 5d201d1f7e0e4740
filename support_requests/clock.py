"""The clock: lapsed offers, reminders, follow-ups and the purge, run by `manage.py tick`.

Several copies may run at once (one per web server, or an overlapping cron): each step
takes its rows with SELECT ... FOR UPDATE SKIP LOCKED, so a row is handled by exactly one
copy, and every step is idempotent."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from operations.health import CLOCK
from operations.models import beat
from support_requests.models import FollowUp, Offer, Status, SupportRequest
from support_requests.services import offer_to_next_peer, request_purge
from svsupport.lib.mail import notify

BATCH = 100


@dataclass
class TickReport:
    lapsed: int = 0
    reminded: int = 0
    follow_ups: int = 0
    purged: int = 0

    def __str__(self):
        return (
            f"{self.lapsed} offer(s) lapsed, {self.reminded} reminder(s), "
            f"{self.follow_ups} follow-up(s) sent, {self.purged} request(s) purged"
        )


def tick(now=None):
    """One run of every step, then the heartbeat readiness and the metrics watch: a clock
    that stops (or fails every run) is seen within CLOCK_STALE_MINUTES."""
    now = now or timezone.now()
    report = TickReport(
        lapsed=lapse_offers(now),
        reminded=remind_offers(now),
        follow_ups=send_follow_ups(now),
        purged=purge_expired(now),
    )
    beat(CLOCK)
    return report


def lapse_offers(now):
    """An offer unanswered past its window passes to the next peer (or to dispatch)."""
    count = 0
    while True:
        with transaction.atomic():
            requests = list(
                # of=self: lock the requests only, not the joined offers.
                SupportRequest.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Status.OFFERED,
                    offers__state=Offer.State.PENDING,
                    offers__expires_at__lte=now,
                )
                .order_by("created_at")[:BATCH]
            )
            for support_request in requests:
                lapsed = support_request.offers.filter(
                    state=Offer.State.PENDING, expires_at__lte=now
                ).update(state=Offer.State.LAPSED, answered_at=now)
                if lapsed:
                    offer_to_next_peer(support_request, now=now)
                    count += 1
        if len(requests) < BATCH:
            return count


def remind_offers(now):
    """Halfway through the window, the offered peer gets one reminder."""
    half = timedelta(minutes=settings.REQUEST_ACCEPT_WINDOW_MINUTES / 2)
    with transaction.atomic():
        offers = list(
            Offer.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=Offer.State.PENDING, reminded_at__isnull=True, offered_at__lte=now - half)
            .select_related("peer__user")
        )
        for offer in offers:
            notify([offer.peer.user], reverse("requests:detail", args=[offer.request_id]))
        Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(reminded_at=now)
    return len(offers)


def send_follow_ups(now):
    with transaction.atomic():
        due = list(
            FollowUp.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True, due_at__lte=now, request__purged_at__isnull=True)
            .select_related("request__requester")
        )
        for follow_up in due:
            requester = follow_up.request.requester
            if requester:
                notify([requester], reverse("requests:detail", args=[follow_up.request_id]))
        FollowUp.objects.filter(pk__in=[item.pk for item in due]).update(sent_at=now)
    return len(due)


def purge_expired(now):
    """Closed or withdrawn requests past the retention period lose identity and free
    text; the de-identified figures stay."""
    limit = now - timedelta(days=settings.REQUEST_RETENTION_DAYS)
    count = 0
    while True:
        with transaction.atomic():
            expired = list(
                SupportRequest.objects.select_for_update(skip_locked=True).filter(
                    status__in=[Status.CLOSED, Status.WITHDRAWN],
                    purged_at__isnull=True,
                    closed_at__lte=limit,
                )[:BATCH]
            )
            count += sum(request_purge(item, now=now) for item in expired)
        if len(expired) < BATCH:
            return count
