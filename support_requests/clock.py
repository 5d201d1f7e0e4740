"""The clock: lapsed offers, reminders, follow-ups, the purge and the mail queue, run by
`manage.py tick`.

Several copies may run at once (one per web server, or an overlapping cron): each step
takes its rows with SELECT ... FOR UPDATE SKIP LOCKED, so a row is handled by exactly one
copy, and every step is idempotent. Each step runs on its own: a failure is logged in one
line, the other steps still run, and the next tick tries again."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from support_requests.models import FollowUp, Offer, Status, SupportRequest
from support_requests.services import offer_to_next_peer, request_purge
from svsupport.lib import jobs, mail
from svsupport.lib.mail import notify

logger = logging.getLogger(__name__)

BATCH = 100


@dataclass
class TickReport:
    lapsed: int = 0
    reminded: int = 0
    follow_ups: int = 0
    purged: int = 0
    mailed: mail.SendReport = field(default_factory=mail.SendReport)
    failed: list = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.lapsed} offer(s) lapsed, {self.reminded} reminder(s), "
            f"{self.follow_ups} follow-up(s) sent, {self.purged} request(s) purged, "
            f"{self.mailed.sent} e-mail(s) sent, {self.mailed.deferred} deferred"
        )
        if self.failed:
            text += f"; failed: {', '.join(self.failed)}"
        return text


def tick(now=None):
    """One run of every step, then the heartbeat readiness and the metrics watch: a clock
    that stops (or fails every run) is seen within CLOCK_STALE_MINUTES."""
    now = now or timezone.now()
    report = TickReport()
    # The steps only queue their e-mails; the last step sends them over one connection.
    with mail.queue_only():
        for name, field_name, step in [
            ("lapse_offers", "lapsed", lapse_offers),
            ("remind_offers", "reminded", remind_offers),
            ("send_follow_ups", "follow_ups", send_follow_ups),
            ("purge_expired", "purged", purge_expired),
            ("send_queued_mail", "mailed", send_queued_mail),
        ]:
            try:
                setattr(report, field_name, step(now))
            except Exception as exc:
                # The class only: a message may quote data (an address, a value).
                logger.error("tick: step %s failed (%s)", name, type(exc).__name__)
                report.failed.append(name)
    jobs.run_finished.send(sender=tick, name=jobs.CLOCK)
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
            notify([offer.peer.user], reverse("requests:detail", args=[offer.support_request_id]))
        Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(reminded_at=now)
    return len(offers)


def send_follow_ups(now):
    with transaction.atomic():
        due = list(
            FollowUp.objects.select_for_update(skip_locked=True, of=("self",))
            .due(now)
            .select_related("support_request__requester")
        )
        for follow_up in due:
            requester = follow_up.support_request.requester
            if requester:
                notify([requester], reverse("requests:detail", args=[follow_up.support_request_id]))
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
            count += sum(request_purge(support_request=item, now=now) for item in expired)
        if len(expired) < BATCH:
            return count


def send_queued_mail(now):
    """Sends the queued e-mails that are due, then forgets those sent long ago."""
    report = mail.send_due(now)
    mail.delete_sent(now)
    return report
