"""The clock: lapsed offers, reminders, follow-ups, the peers' check-in reminders, the purge,
unanswered invitations and the mail queue, run by
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

from support_requests import availability, matching
from support_requests.models import CheckIn, FollowUp, Invitation, Offer, Status, SupportRequest
from support_requests.services import (
    invitation_erase,
    offer_batch_to_next_peers,
    request_purge,
)
from svsupport.lib import jobs, mail
from svsupport.lib.mail import Kind, notify
from svsupport.lib.roles import coordinator_users

logger = logging.getLogger(__name__)

BATCH = 100
# Lapsed offers are handled in larger batches: one matching pool serves each.
LAPSE_BATCH = 1000


@dataclass
class TickReport:
    lapsed: int = 0
    reminded: int = 0
    contact_reminders: int = 0
    contact_overdue: int = 0
    charter_reminders: int = 0
    follow_ups: int = 0
    check_ins: int = 0
    purged: int = 0
    invitations_erased: int = 0
    mailed: mail.SendReport = field(default_factory=mail.SendReport)
    failed: list = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.lapsed} offer(s) lapsed, {self.reminded} reminder(s), "
            f"{self.contact_reminders} first-contact reminder(s), "
            f"{self.contact_overdue} first contact(s) overdue, "
            f"{self.charter_reminders} charter reminder(s), "
            f"{self.follow_ups} follow-up(s) sent, {self.check_ins} check-in reminder(s), "
            f"{self.purged} request(s) purged, "
            f"{self.invitations_erased} invitation(s) erased, "
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
            ("remind_first_contact", "contact_reminders", remind_first_contact),
            ("alert_contact_overdue", "contact_overdue", alert_contact_overdue),
            ("remind_charter", "charter_reminders", remind_charter),
            ("send_follow_ups", "follow_ups", send_follow_ups),
            ("remind_check_ins", "check_ins", remind_check_ins),
            ("purge_expired", "purged", purge_expired),
            ("erase_invitations", "invitations_erased", erase_invitations),
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
    """Offers unanswered past their window pass to the next peer (or to dispatch), a batch
    of requests at a time: the lapses are noted at once, then one matching pool serves the
    whole batch and keeps its loads as it offers (matching.Pool)."""
    count = 0
    while True:
        with transaction.atomic():
            # The clocks take their batches in turn: each pool then sees the offers the
            # previous batch made, and no peer is offered more than their cap.
            jobs.exclusive("lapse_offers")
            due = Offer.objects.filter(state=Offer.State.PENDING, expires_at__lte=now)
            requests = list(
                SupportRequest.objects.select_for_update(skip_locked=True)
                .filter(status=Status.OFFERED, pk__in=due.values("support_request_id"))
                .order_by("created_at")[:LAPSE_BATCH]
            )
            if requests:
                lapsed = due.filter(support_request__in=requests)
                peer_ids = list(lapsed.values_list("peer_id", flat=True))
                lapsed.update(state=Offer.State.LAPSED, answered_at=now)
                # A peer paused here passes on their other offers (none of this batch's).
                availability.note_lapses(peer_ids, now)
                offer_batch_to_next_peers(requests, now, matching.Pool(now))
                count += len(requests)
        if len(requests) < LAPSE_BATCH:
            return count


def remind_offers(now):
    """Halfway through its window (the on-call window is shorter), the offered peer gets
    one reminder."""
    with transaction.atomic():
        # Few rows (one pending offer per open request): the halfway point is worked out
        # here, which SQLite's date arithmetic (make run) could not do in the query.
        pending = list(
            Offer.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=Offer.State.PENDING, reminded_at__isnull=True, offered_at__lte=now)
            .select_related("peer__user")
        )
        offers = [o for o in pending if o.offered_at + (o.expires_at - o.offered_at) / 2 <= now]
        for offer in offers:
            notify(
                [offer.peer.user],
                reverse("requests:detail", args=[offer.support_request_id]),
                kind=Kind.OFFER_REMINDER,
                deadline=offer.expires_at,
            )
        Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(reminded_at=now)
    return len(offers)


def awaiting_first_contact():
    return SupportRequest.objects.not_purged().filter(
        status=Status.ACCEPTED, first_contact_at__isnull=True
    )


def remind_first_contact(now):
    """At half the first-contact promise, the assigned peer who has recorded no first
    contact gets one reminder, with the promise as deadline."""
    half = timedelta(hours=settings.REQUEST_CONTACT_PROMISE_HOURS / 2)
    with transaction.atomic():
        due = list(
            awaiting_first_contact()
            .select_for_update(skip_locked=True, of=("self",))
            .filter(contact_reminded_at__isnull=True, created_at__lte=now - half)
            .select_related("assigned_peer__user")
        )
        for support_request in due:
            notify(
                [support_request.assigned_peer.user],
                reverse("requests:detail", args=[support_request.pk]),
                kind=Kind.CONTACT_REMINDER,
                deadline=support_request.contact_promise_due_at,
            )
        SupportRequest.objects.filter(pk__in=[item.pk for item in due]).update(
            contact_reminded_at=now
        )
    return len(due)


def alert_contact_overdue(now):
    """At the promise, an accepted request with no first contact goes to the coordinators'
    queue as "contact overdue" (it stays there until the contact is recorded), and they
    are alerted once."""
    promise = timedelta(hours=settings.REQUEST_CONTACT_PROMISE_HOURS)
    with transaction.atomic():
        due = list(
            awaiting_first_contact()
            .select_for_update(skip_locked=True, of=("self",))
            .filter(contact_overdue_at__isnull=True, created_at__lte=now - promise)
        )
        if due:
            SupportRequest.objects.filter(pk__in=[item.pk for item in due]).update(
                contact_overdue_at=now
            )
            # The coordinators of each request's site (and the network's), once per site.
            for site_id in {item.site_id for item in due}:
                notify(
                    coordinator_users(site_id),
                    reverse("requests:dispatch"),
                    kind=Kind.CONTACT_OVERDUE,
                    deadline=min(
                        item.contact_promise_due_at for item in due if item.site_id == site_id
                    ),
                )
    return len(due)


def remind_charter(now):
    """Before the end of a new charter's grace period, the peers who have not signed it
    yet are reminded once (peers.services.charter_remind)."""
    from peers.services import charter_remind

    return charter_remind(now=now)


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
                notify(
                    [requester],
                    reverse("requests:detail", args=[follow_up.support_request_id]),
                    kind=Kind.FOLLOW_UP,
                )
        FollowUp.objects.filter(pk__in=[item.pk for item in due]).update(sent_at=now)
    return len(due)


def remind_check_ins(now):
    """PEER_CHECK_IN_HOURS after the first meeting, the assigned peer is reminded to check
    in with the colleague (a link to the request). None for a withdrawn or purged request."""
    with transaction.atomic():
        due = list(
            CheckIn.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                sent_at__isnull=True,
                due_at__lte=now,
                support_request__purged_at__isnull=True,
            )
            .select_related("support_request__assigned_peer__user")
        )
        for check_in in due:
            support_request = check_in.support_request
            peer = support_request.assigned_peer
            if peer and support_request.status != Status.WITHDRAWN:
                notify([peer.user], reverse("requests:detail", args=[support_request.pk]))
        CheckIn.objects.filter(pk__in=[item.pk for item in due]).update(sent_at=now)
    return len(due)


def in_batches(select, handle):
    """Calls `handle` on the rows of `select()` (a queryset locking with SKIP LOCKED), BATCH
    at a time, each batch in its own transaction, until a batch comes back short. Returns how
    many calls returned a true value."""
    count = 0
    while True:
        with transaction.atomic():
            rows = list(select()[:BATCH])
            count += sum(bool(handle(row)) for row in rows)
        if len(rows) < BATCH:
            return count


def purge_expired(now):
    """Closed or withdrawn requests past the retention period lose identity and free
    text; the de-identified figures stay."""
    limit = now - timedelta(days=settings.REQUEST_RETENTION_DAYS)
    return in_batches(
        lambda: SupportRequest.objects.select_for_update(skip_locked=True).filter(
            status__in=[Status.CLOSED, Status.WITHDRAWN],
            purged_at__isnull=True,
            closed_at__lte=limit,
        ),
        lambda support_request: request_purge(support_request=support_request, now=now),
    )


def erase_invitations(now):
    """Invitations nobody answered (or answered "not now") within OUTREACH_RETENTION_DAYS
    are erased, with the e-mails that link to them."""
    limit = now - timedelta(days=settings.OUTREACH_RETENTION_DAYS)
    return in_batches(
        lambda: Invitation.objects.select_for_update(skip_locked=True).filter(
            created_at__lte=limit
        ),
        invitation_erase,
    )


def send_queued_mail(now):
    """Sends the queued e-mails that are due, then forgets those sent long ago."""
    report = mail.send_due(now)
    mail.delete_sent(now)
    return report
