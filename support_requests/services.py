"""The workflows of a support request: matching, the acceptance clock, the peer's log,
follow-ups and the purge. Every multi-step change runs in one transaction with the request
row locked, so two people acting at the same moment cannot both win; mail leaves on commit
and carries a link only."""

from collections import defaultdict
from copy import copy
from datetime import timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from evaluation.services import feedback_invite
from organisation.models import Department
from peers.models import PeerSupporter
from peers.models import Status as PeerStatus
from support_requests import availability, matching
from support_requests.models import (
    OPEN_STATUSES,
    CheckIn,
    DispatchReason,
    Escalation,
    FollowUp,
    Invitation,
    InvitationTally,
    Meeting,
    Offer,
    Outreach,
    Status,
    SupportRequest,
    TeamSession,
)
from svsupport.lib import audit
from svsupport.lib.mail import Kind, forget_link, notify, notify_many
from svsupport.lib.roles import coordinator_users


class AlreadyTaken(Exception):
    """Someone else acted on the request first; the message says so to the person."""


# Matching -------------------------------------------------------------------------------


def candidate_peers(support_request, now=None):
    """The published peers this request may go to, best first (the rules: matching.py)."""
    ranked = matching.Pool(now or timezone.now()).ranked_for(support_request)
    peers = PeerSupporter.objects.select_related("user").in_bulk([c.pk for c in ranked])
    return [peers[candidate.pk] for candidate in ranked]


def next_peer(support_request, now=None, pool=None, facts=None):
    """The peer to offer the request to now (a matching.Candidate), or None. `pool`: the
    clock's, shared by a batch of requests; `facts`: matching.RequestFacts read already."""
    now = now or timezone.now()
    facts = facts or matching.RequestFacts.of(support_request)
    if support_request.chosen_peer_id and not facts.asked:
        # The named peer, if they may be offered a request now (and are not the requester).
        chosen = PeerSupporter.objects.filter(pk=support_request.chosen_peer_id)
        requester_id = support_request.requester_id
        return next(
            (c for c in matching.Pool(now, chosen).candidates() if c.user_id != requester_id),
            None,
        )
    if support_request.chosen_peer_id:
        return None  # the person asked for this peer only: the coordinators take over
    if pool is not None:
        return pool.best_for(support_request, facts)
    return matching.best_peer(support_request, now, facts)


# Creating and offering ------------------------------------------------------------------


OPEN_REQUESTS, SUBMIT_RATE = "open_requests", "submit_rate"


class LimitReached(Exception):
    """The person may not send another request now; `reason` is OPEN_REQUESTS or
    SUBMIT_RATE."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def request_limit(requester, now=None):
    """Why this person may not send a new request now, or None: OPEN_REQUESTS when they
    hold REQUEST_MAX_OPEN open requests, SUBMIT_RATE when they sent REQUEST_SUBMIT_RATE's
    count within its period. The database is the truth: their own requests, no cache."""
    mine = SupportRequest.objects.requested_by(requester)
    max_open = settings.REQUEST_MAX_OPEN
    if max_open and mine.filter(status__in=OPEN_STATUSES).count() >= max_open:
        return OPEN_REQUESTS
    if settings.REQUEST_SUBMIT_RATE:
        count, period = settings.REQUEST_SUBMIT_RATE
        if mine.filter(created_at__gt=(now or timezone.now()) - period).count() >= count:
            return SUBMIT_RATE
    return None


def request_create(*, requester, submission_id, **values):
    """Saves a new request (`values`: its fields, as `SupportRequestForm.request_values()`
    gives them) and offers it to the first matching peer, or to the coordinators when
    nobody matches. The same `submission_id` sent twice, even at the same instant, returns
    the first request; an id that belongs to someone else's request returns None. Raises
    LimitReached when the person may not send another request now."""
    with transaction.atomic():
        # One person's submissions wait for each other here: a double click finds the
        # request the first click made, and two forms at once cannot both pass the limits.
        get_user_model().objects.select_for_update().filter(pk=requester.pk).exists()
        submitted = SupportRequest.objects.filter(pk=submission_id).first()
        if submitted:
            return submitted if submitted.requester_id == requester.pk else None
        reason = request_limit(requester)
        if reason:
            raise LimitReached(reason)
        support_request = SupportRequest(id=submission_id, requester=requester, **values)
        support_request.save(force_insert=True)
        offer_to_next_peer(support_request)
    return support_request


DISPATCH_FIELDS = ["status", "dispatched_at", "dispatch_reason", "went_to_dispatch"]
OFFER_FIELDS = ["status", "offers_count"]


def prepare_next_step(support_request, now, pool=None, facts=None):
    """Decides where the request goes now and sets its fields, writing nothing: returns an
    unsaved Offer to the next matching peer (its `recipient_id`: the peer's user), or None
    when the request goes to the dispatch queue (after REQUEST_MAX_OFFERS offers, or when
    nobody matches). A `pool` is told of the offer."""
    facts = facts or matching.RequestFacts.of(support_request)
    peer = None
    if len(facts.asked) < settings.REQUEST_MAX_OFFERS:
        peer = next_peer(support_request, now, pool, facts)
    if peer is None:
        support_request.status = Status.DISPATCH
        support_request.dispatched_at = now
        support_request.dispatch_reason = dispatch_reason(support_request, facts.asked)
        support_request.went_to_dispatch = True
        return None
    if pool is not None:
        pool.took_offer(peer)
    minutes, on_call = availability.offer_window(peer)
    support_request.status = Status.OFFERED
    support_request.offers_count = len(facts.asked) + 1
    offer = Offer(
        support_request=support_request,
        peer_id=peer.pk,
        offered_at=now,
        expires_at=now + timedelta(minutes=minutes),
        on_call=on_call,
    )
    offer.recipient_id = peer.user_id
    return offer


def next_step_notice(support_request, offer, users):
    """The e-mail of a step from prepare_next_step(), as mail.notify_many() takes it:
    the peer offered the request, or the coordinators of its site. `users`: {id: user}."""
    if offer is None:
        return (
            coordinator_users(support_request.site_id),
            reverse("requests:dispatch"),
            Kind.DISPATCH,
            support_request.contact_promise_due_at,
        )
    return (
        [users[offer.recipient_id]],
        reverse("requests:detail", args=[support_request.pk]),
        Kind.OFFER,
        offer.expires_at,
    )


def offer_to_next_peer(support_request, now=None, pool=None):
    """Offers the request to the next matching peer, or sends it to the dispatch queue
    after REQUEST_MAX_OFFERS offers or when nobody matches. Call with the row locked.
    `pool`: a matching.Pool shared by several requests, told of the offer made."""
    offer = prepare_next_step(support_request, now or timezone.now(), pool)
    if offer is None:
        support_request.save(update_fields=DISPATCH_FIELDS)
        users = {}
    else:
        offer.save()
        support_request.save(update_fields=OFFER_FIELDS)
        users = get_user_model().objects.in_bulk([offer.recipient_id])
    notify_many([next_step_notice(support_request, offer, users)])
    return offer


def offer_batch_to_next_peers(requests, now, pool):
    """offer_to_next_peer() for a batch of locked requests (the clock): the same decisions,
    written in bulk (a few queries for the batch), with the audit entries django-auditlog
    writes on save()."""
    asked = defaultdict(set)
    offered = Offer.objects.filter(support_request__in=requests)
    for request_id, peer_id in offered.values_list("support_request_id", "peer_id"):
        asked[request_id].add(peer_id)
    departments = Department.objects.by_ids([r.requester_department_id() for r in requests])
    before = {support_request.pk: copy(support_request) for support_request in requests}
    steps = []
    for support_request in requests:
        facts = matching.RequestFacts.of(
            support_request, asked=asked[support_request.pk], departments=departments
        )
        steps.append((support_request, prepare_next_step(support_request, now, pool, facts)))
    offers = [offer for _request, offer in steps if offer is not None]
    Offer.objects.bulk_create(offers)
    audit.log_created(offers)
    save_in_groups(
        requests, lambda r: DISPATCH_FIELDS if r.status == Status.DISPATCH else OFFER_FIELDS
    )
    audit.log_updated(requests, before, sorted({*DISPATCH_FIELDS, *OFFER_FIELDS}))
    users = get_user_model().objects.in_bulk([offer.recipient_id for offer in offers])
    notify_many([next_step_notice(request, offer, users) for request, offer in steps])


def save_in_groups(requests, fields_of):
    """Saves the `fields_of(request)` of each request, one UPDATE per distinct set of values
    (a handful for a batch: bulk_update's per-row CASE costs more than it saves)."""
    groups = defaultdict(list)
    for support_request in requests:
        values = tuple(
            (name, getattr(support_request, name)) for name in fields_of(support_request)
        )
        groups[values].append(support_request.pk)
    for values, pks in groups.items():
        SupportRequest.objects.filter(pk__in=pks).update(**dict(values))


def dispatch_reason(support_request, asked):
    """Why no peer is offered the request now: the person asked for one peer only, or the
    peers asked (`asked`) did not take it, or nobody matched at all."""
    if support_request.chosen_peer_id:
        return DispatchReason.CHOSEN_UNAVAILABLE
    if asked:
        return DispatchReason.OFFERS_LAPSED
    return DispatchReason.NO_MATCH


def locked_request(request_id):
    return SupportRequest.objects.select_for_update().get(pk=request_id)


def request_accept(*, request_id, peer):
    """The offered peer accepts. Raises AlreadyTaken when the offer is no longer theirs
    (accepted elsewhere, lapsed, assigned by a coordinator, withdrawn)."""
    with transaction.atomic():
        support_request = locked_request(request_id)
        offer = support_request.offers.filter(peer=peer, state=Offer.State.PENDING).first()
        # A paused or withdrawn peer's offers moved on (offers_pass_on); this guards the
        # instant between their status change and that.
        available = PeerSupporter.objects.filter(pk=peer.pk, status=PeerStatus.ACTIVE).exists()
        if support_request.status != Status.OFFERED or offer is None or not available:
            raise AlreadyTaken
        now = timezone.now()
        offer.state, offer.answered_at = Offer.State.ACCEPTED, now
        offer.save(update_fields=["state", "answered_at"])
        availability.note_answer(peer)
        assign(support_request, peer, now)
    return support_request


def request_decline(*, request_id, peer):
    with transaction.atomic():
        support_request = locked_request(request_id)
        offer = support_request.offers.filter(peer=peer, state=Offer.State.PENDING).first()
        if offer is None:
            raise AlreadyTaken
        offer.state, offer.answered_at = Offer.State.DECLINED, timezone.now()
        offer.save(update_fields=["state", "answered_at"])
        availability.note_answer(peer)
        offer_to_next_peer(support_request)
    return support_request


def request_pass_on(*, request_id, offer_id):
    """The requester asks for someone else, without a reason: the offer `offer_id` passes
    to the next peer. Not a lapse, not a decline: nothing counts against that peer. Raises
    AlreadyTaken when that offer is no longer the pending one (answered, lapsed meanwhile)."""
    with transaction.atomic():
        support_request = locked_request(request_id)
        offer = support_request.offers.filter(pk=offer_id, state=Offer.State.PENDING).first()
        if support_request.status != Status.OFFERED or offer is None:
            raise AlreadyTaken
        offer.state, offer.answered_at = Offer.State.PASSED_ON, timezone.now()
        offer.save(update_fields=["state", "answered_at"])
        offer_to_next_peer(support_request)
    return support_request


def request_assign(*, request_id, peer):
    """A coordinator gives a request waiting in the dispatch queue to a peer. Raises
    AlreadyTaken when it left the queue meanwhile (another coordinator assigned it, the
    requester withdrew it): coordinators never act on a request outside the queue."""
    with transaction.atomic():
        support_request = locked_request(request_id)
        if support_request.status != Status.DISPATCH:
            raise AlreadyTaken
        now = timezone.now()
        assign(support_request, peer, now)
        notify(
            [peer.user],
            reverse("requests:detail", args=[support_request.pk]),
            kind=Kind.ASSIGNED,
            deadline=promise_ahead(support_request, now),
        )
    return support_request


def promise_ahead(support_request, now):
    """The first-contact promise, when it is still ahead (a deadline already past would
    read as a mistake in an e-mail)."""
    due = support_request.contact_promise_due_at
    return due if due > now else None


def assign(support_request, peer, now):
    support_request.status = Status.ACCEPTED
    support_request.assigned_peer = peer
    support_request.accepted_at = now
    support_request.save(update_fields=["status", "assigned_peer", "accepted_at"])
    if support_request.requester:
        notify(
            [support_request.requester],
            reverse("requests:detail", args=[support_request.pk]),
            kind=Kind.PEER_FOUND,
            deadline=promise_ahead(support_request, now),
        )


def offers_pass_on(*, peer, now=None):
    """A peer who pauses or withdraws keeps no offer: each of their pending offers is
    cancelled and the request offered to the next peer (or sent to the coordinators) at
    once. Returns how many offers moved on."""
    now = now or timezone.now()
    request_ids = list(
        Offer.objects.filter(peer=peer, state=Offer.State.PENDING).values_list(
            "support_request_id", flat=True
        )
    )
    moved = 0
    with transaction.atomic():
        for request_id in request_ids:
            support_request = locked_request(request_id)
            cancelled = support_request.offers.filter(peer=peer, state=Offer.State.PENDING).update(
                state=Offer.State.CANCELLED, answered_at=now
            )
            if cancelled and support_request.status == Status.OFFERED:
                offer_to_next_peer(support_request, now=now)
                moved += 1
    return moved


def assignment_warnings(support_request, peer):
    """What the matching rules would say against this choice, for the coordinator. A peer
    with an offer pending is not "already asked" here: the coordinator may confirm them."""
    facts = matching.RequestFacts.of(support_request)
    facts.asked = set(
        support_request.offers.exclude(state=Offer.State.PENDING).values_list("peer_id", flat=True)
    )
    return matching.objections(facts, peer)


# The peer's log -------------------------------------------------------------------------


def request_first_contact(*, support_request, when):
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        if support_request.first_contact_at is None:
            support_request.first_contact_at = when
            support_request.save(update_fields=["first_contact_at"])
    return support_request


def request_log_meeting(*, support_request, **fields):
    """Records a meeting (`fields`: held_on, duration, modality, outcome) and schedules the
    follow-ups from it; the first meeting also schedules the peer's check-in reminders
    (PEER_CHECK_IN_HOURS after it)."""
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        if not support_request.meetings.exists():
            schedule_check_ins(support_request, fields["held_on"])
        meeting = Meeting.objects.create(support_request=support_request, **fields)
        if support_request.first_contact_at is None:
            support_request.first_contact_at = timezone.now()
            support_request.save(update_fields=["first_contact_at"])
        schedule_follow_ups(support_request, meeting)
    return meeting


def evening_of(day):
    """A meeting's date gives no hour: its reminders count from 18:00 that day."""
    midnight = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    return midnight + timedelta(hours=18)


def schedule_check_ins(support_request, first_meeting_on):
    start = evening_of(first_meeting_on)
    CheckIn.objects.bulk_create(
        CheckIn(support_request=support_request, due_at=start + timedelta(hours=hours))
        for hours in settings.PEER_CHECK_IN_HOURS
    )


def schedule_follow_ups(support_request, meeting=None, start=None):
    """Follow-ups count from the last meeting (later meetings move them), or from `start`
    for a request closed without a meeting."""
    support_request.follow_ups.unsent().delete()
    if meeting is not None:
        start = evening_of(meeting.held_on)
    FollowUp.objects.bulk_create(
        FollowUp(support_request=support_request, due_at=start + timedelta(hours=hours))
        for hours in settings.REQUEST_FOLLOW_UP_HOURS
    )


def request_escalate(*, support_request, peer, **fields):
    """Records an imminent-danger alert (`fields`: alerted, alerted_at, category) by `peer`
    and tells the coordinators."""
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        escalation = Escalation.objects.create(
            support_request=support_request, recorded_by=peer, **fields
        )
        support_request.escalated = True
        support_request.save(update_fields=["escalated"])
        notify(
            coordinator_users(support_request.site_id),
            reverse("requests:dispatch"),
            kind=Kind.ALERT,
        )
    return escalation


def request_close(*, support_request, outcome, heavy=False):
    """Closes the request. Without any meeting, the follow-ups count from now (a colleague
    never met is asked too). `heavy`: the peer rests PEER_HEAVY_REST_DAYS (nothing about
    the request is kept)."""
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        if support_request.status != Status.ACCEPTED:
            raise AlreadyTaken
        now = timezone.now()
        support_request.status = Status.CLOSED
        support_request.closed_at = now
        support_request.close_outcome = outcome
        support_request.save(update_fields=["status", "closed_at", "close_outcome"])
        if not support_request.meetings.exists() and not support_request.follow_ups.exists():
            # Closed without ever meeting: the colleague is asked too (once; a request
            # reopened by a follow-up keeps its history, which the feedback looks at).
            schedule_follow_ups(support_request, start=now)
        if heavy and support_request.assigned_peer:
            availability.rest_after_heavy(support_request.assigned_peer, now)
        feedback_invite(support_request=support_request)
    return support_request


# The requester's side -------------------------------------------------------------------


def request_withdraw(*, support_request):
    """The requester stops the request, at any step."""
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        if support_request.status not in OPEN_STATUSES:
            raise AlreadyTaken
        now = timezone.now()
        # The peer who held it, or was asked, is told that nothing more is needed.
        holders = [support_request.assigned_peer] if support_request.assigned_peer else []
        holders += [offer.peer for offer in support_request.offers.filter(
            state=Offer.State.PENDING).select_related("peer__user")]  # fmt: skip
        notify([holder.user for holder in holders], reverse("requests:inbox"), kind=Kind.WITHDRAWN)
        support_request.offers.filter(state=Offer.State.PENDING).update(
            state=Offer.State.CANCELLED, answered_at=now
        )
        support_request.follow_ups.unsent().delete()
        support_request.status = Status.WITHDRAWN
        support_request.closed_at = now
        support_request.save(update_fields=["status", "closed_at"])
    return support_request


def follow_up_answer(*, follow_up, answer):
    """'Yes' reopens the request with the same peer; 'no' ends the follow-ups."""
    with transaction.atomic():
        support_request = locked_request(follow_up.support_request_id)
        follow_up.answer, follow_up.answered_at = answer, timezone.now()
        follow_up.save(update_fields=["answer", "answered_at"])
        support_request.follow_ups.unsent().delete()
        if answer == FollowUp.Answer.YES and support_request.assigned_peer:
            support_request.status = Status.ACCEPTED
            support_request.closed_at = None
            support_request.save(update_fields=["status", "closed_at"])
            notify(
                [support_request.assigned_peer.user],
                reverse("requests:detail", args=[support_request.pk]),
                kind=Kind.ANOTHER_CONVERSATION,
            )
    return support_request


# Reaching in: outreach, referrals, team sessions ----------------------------------------


def tally(source, month, *, invited=0, taken_up=0):
    """Adds to the anonymous monthly counts (one row per month and source)."""
    row, _created = InvitationTally.objects.select_for_update().get_or_create(
        month=month, source=source
    )
    InvitationTally.objects.filter(pk=row.pk).update(
        invited=F("invited") + invited, taken_up=F("taken_up") + taken_up
    )


def invite(*, invitee, source, outreach=None, named_referrer=None, category=""):
    """One content-free invitation and its link-only e-mail. A colleague who already holds
    an invitation waiting for their answer gets no second one (and whoever asked is told
    the same as for a new one); returns the invitation, or None."""
    get_user_model().objects.select_for_update().filter(pk=invitee.pk).exists()
    if Invitation.objects.for_invitee(invitee).exists():
        return None
    invitation = Invitation.objects.create(
        invitee=invitee,
        source=source,
        outreach=outreach,
        named_referrer=named_referrer,
        category=category,
    )
    tally(source, timezone.localdate(invitation.created_at).replace(day=1), invited=1)
    notify([invitee], reverse("requests:invitation", args=[invitation.pk]))
    return invitation


def outreach_create(*, coordinator, invitees, category=""):
    """A coordinator reaches in: every invitee but the coordinator gets an invitation. The
    outreach keeps the date, the category and how many were invited, nothing else."""
    with transaction.atomic():
        outreach = Outreach.objects.create(recorded_by=coordinator, category=category)
        sent = [
            invite(
                invitee=invitee,
                source=Invitation.Source.OUTREACH,
                outreach=outreach,
                category=category,
            )
            for invitee in invitees
            if invitee.pk != coordinator.pk
        ]
        outreach.invited_count = len(invitees)
        outreach.save(update_fields=["invited_count"])
    return outreach, len([item for item in sent if item])


def referral_create(*, referrer, colleague, name_me):
    """A colleague suggests that another be offered support. The referrer is named to the
    invitee only when `name_me`; nothing about the referral is kept for the referrer."""
    with transaction.atomic():
        return invite(
            invitee=colleague,
            source=Invitation.Source.REFERRAL,
            named_referrer=referrer if name_me else None,
        )


def invitation_accept(*, invitation, values):
    """The invitee says yes: their own support request, made by request_create exactly as
    if they had asked, and the invitation erased. Nothing ties the two: the request does
    not know it came from an invitation. Raises LimitReached like request_create."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        support_request = request_create(requester=invitation.invitee, **values)
        if locked and support_request:
            tally(locked.source, timezone.localdate(locked.created_at).replace(day=1), taken_up=1)
            invitation_erase(locked)
    return support_request


def invitation_postpone(*, invitation):
    """After "not now": the invitation waits, until it is erased with the unanswered ones."""
    Invitation.objects.filter(pk=invitation.pk).update(postponed_at=timezone.now())


def invitation_erase(invitation):
    """After "no, thank you", or at the end of the retention period: nothing is left of it.
    Returns whether there was an invitation to erase."""
    forget_link(reverse("requests:invitation", args=[invitation.pk]))
    deleted, _per_model = Invitation.objects.filter(pk=invitation.pk).delete()
    return bool(deleted)


def team_session_request(*, manager, department, headcount):
    with transaction.atomic():
        session = TeamSession.objects.create(
            requested_by=manager, department=department, headcount=headcount
        )
        notify(coordinator_users(), reverse("requests:team_session_manage"))
    return session


def team_session_arrange(*, session_id, coordinator, **arrangement):
    """A coordinator pairs a facilitator with a peer and sets the date. The manager who
    asked and the peer are told by a link. Raises AlreadyTaken when it was arranged."""
    with transaction.atomic():
        session = TeamSession.objects.select_for_update().get(pk=session_id)
        if session.state != TeamSession.State.REQUESTED:
            raise AlreadyTaken
        # held_on, headcount, facilitator and peer (TeamSessionArrangeForm's fields)
        for name, value in arrangement.items():
            setattr(session, name, value)
        session.state = TeamSession.State.ARRANGED
        session.arranged_by = coordinator
        session.save()
        told = [session.peer.user] + ([session.requested_by] if session.requested_by else [])
        notify(told, reverse("requests:team_sessions"))
    return session


# The purge ------------------------------------------------------------------------------


class StillOpen(Exception):
    """The request is open: the requester withdraws it first, or waits until it is closed."""


def request_erase(*, support_request):
    """The requester erases a closed or withdrawn request now instead of at the end of the
    retention period. Raises StillOpen for an open request (checked under the lock: a 'yes'
    to a follow-up may have reopened it meanwhile)."""
    with transaction.atomic():
        support_request = locked_request(support_request.pk)
        if support_request.is_open:
            raise StillOpen
        return request_purge(support_request=support_request)


def request_purge(*, support_request, now=None):
    """Erases identity, contact details and free text and keeps de-identified figures:
    month, delays to acceptance and first contact, counts and outcome category. Runs in one
    transaction with the request row locked, whoever calls it (the clock, the requester's
    erase, the demo). Safe to run twice: a purged request is left as it is."""
    with transaction.atomic():
        return purge_locked(locked_request(support_request.pk), now)


def purge_locked(support_request, now):
    if support_request.purged_at:
        return False
    created = support_request.created_at
    support_request.minutes_to_accept = minutes_between(created, support_request.accepted_at)
    support_request.minutes_to_first_contact = minutes_between(
        created, support_request.first_contact_at
    )
    support_request.meetings_count = support_request.meetings.count()
    support_request.offers_count = support_request.offers.count()
    if not support_request.close_outcome and support_request.meetings.exists():
        support_request.close_outcome = support_request.meetings.last().outcome
    support_request.requester = None
    support_request.chosen_peer = None
    support_request.assigned_peer = None
    support_request.requester_department = None
    support_request.contact_detail = None
    support_request.time_window = None
    support_request.message = None
    support_request.created_at = timezone.make_aware(
        timezone.datetime.combine(support_request.month, timezone.datetime.min.time())
    )
    support_request.dispatched_at = support_request.accepted_at = None
    support_request.first_contact_at = support_request.closed_at = None
    support_request.contact_reminded_at = support_request.contact_overdue_at = None
    support_request.purged_at = now or timezone.now()
    children = child_pks(support_request)
    # The purge itself writes no diff: the deleted values would survive in the log.
    with disable_auditlog():
        support_request.save()
        for related in PURGED_CHILDREN:
            getattr(support_request, related).all().delete()
    anonymise_audit_trail(support_request, children)
    forget_link(reverse("requests:detail", args=[support_request.pk]))
    return True


PURGED_CHILDREN = {"offers": Offer, "meetings": Meeting, "escalations": Escalation,
                   "follow_ups": FollowUp, "check_ins": CheckIn}  # fmt: skip


def child_pks(support_request):
    """{model: primary keys} of the request's offers, meetings, escalations and follow-ups."""
    return {
        model: list(getattr(support_request, related).values_list("pk", flat=True))
        for related, model in PURGED_CHILDREN.items()
    }


def anonymise_audit_trail(support_request, children):
    """Keeps that things happened and when, and drops who and what: actors, addresses
    and diffs of the request and of its offers, meetings, escalations and follow-ups."""
    audit_entries(support_request, children).update(
        actor=None,
        actor_email=None,
        remote_addr=None,
        remote_port=None,
        changes=None,
        changes_text="",
        serialized_data=None,
        additional_data=None,
    )


def minutes_between(start, end):
    if start is None or end is None:
        return None
    return max(0, int((end - start).total_seconds() // 60))


def audit_entries(support_request, children=None):
    """The audit-log entries of a request and of its offers, meetings, escalations and
    follow-ups (`children`: model -> primary keys; by default those it has now)."""
    if children is None:
        children = child_pks(support_request)
    entries = LogEntry.objects.get_for_object(support_request)
    for model, pks in children.items():
        entries = entries | LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=pks
        )
    return entries


# Marks the audit entry written when a privacy officer reads a request's access trail.
TRAIL_READ = {"duty": "privacy_officer_trail_read"}


def request_trail_read(*, support_request, reader):
    """The access trail of one request, oldest first, for a privacy officer investigating
    misuse: who created, read, changed or deleted the request or its child rows, and when.
    The read is itself written to the trail, before anything is returned."""
    LogEntry.objects.log_create(
        support_request,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=reader,
        additional_data=TRAIL_READ,
    )
    return (
        audit_entries(support_request)
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
