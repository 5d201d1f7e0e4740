"""Who may be offered a request now, and what the requester may honestly expect: the rules
of availability, the on-call rota and the peers' wellbeing, in one place.

The rules of time and rest are queryset expressions (`offerable()` filters and annotates a
PeerSupporter queryset, in one query for thousands of peers); the open loads are counted
apart (`open_loads()`, two grouped queries over the few open rows) and compared with each
peer's limit by `has_room()`. Times are local (TIME_ZONE):

- **within hours**: a weekly slot covers the moment, or the peer keeps no weekly pattern (no
  limit by the hour); never on a day of time away;
- **on call**: a shift of the coordinators' rota covers the moment (any site; never on a day
  of time away). A peer on call outside their hours is offered a request with the shorter
  window ONCALL_ACCEPT_WINDOW_MINUTES;
- **wellbeing**: fewer open requests (accepted, or offered and waiting) than the peer's cap
  (PEER_MAX_OPEN_REQUESTS, or lower by the peer's choice; 0 is no cap); not resting after a
  request they marked as heavy; paused peers are not published at all. After
  PEER_LAPSES_BEFORE_PAUSE offers in a row went unanswered, the programme pauses the peer.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
)
from django.db.models.functions import Coalesce, Least, NullIf
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from peers.models import (
    AvailabilitySlot,
    OnCallShift,
    PeerSupporter,
    RequestedBy,
    Status,
    TimeAway,
)
from svsupport.lib.mail import notify
from svsupport.lib.roles import coordinator_users

# Requests in these states weigh on a peer (the requests app's statuses, by value: this
# module is imported by the requests' services).
ACCEPTED, PENDING = "accepted", "pending"


def away_on(day):
    """A condition on peers: a day of time away covers `day`."""
    away = TimeAway.objects.filter(first_day__lte=day, last_day__gte=day)
    return Q(pk__in=away.values("peer_id"))


# Each condition below is "pk IN (an uncorrelated subquery)": PostgreSQL reads the subquery
# once into a hash, where EXISTS(... peer = outer peer) under OR would run once per peer
# (10,000 index probes per condition at network scale).


def within_hours(now):
    """A condition on peers: a weekly slot covers `now` (or no pattern at all), not away."""
    moment = timezone.localtime(now)
    in_slot = AvailabilitySlot.objects.filter(
        weekday=moment.weekday(),
        starts_at__lte=moment.time(),
        ends_at__gt=moment.time(),
    )
    keeps_a_pattern = AvailabilitySlot.objects.values("peer_id")
    return (Q(pk__in=in_slot.values("peer_id")) | ~Q(pk__in=keeps_a_pattern)) & ~away_on(
        moment.date()
    )


def on_call(now):
    """A condition on peers: on the rota at `now`, and not away that day."""
    shift = OnCallShift.objects.filter(starts_at__lte=now, ends_at__gt=now)
    return Q(pk__in=shift.values("peer_id")) & ~away_on(timezone.localdate(now))


def open_loads(peer_ids=None):
    """{peer id: open requests}: accepted requests plus offers waiting for the peer's
    answer; a peer with none is absent. Two grouped counts over the open rows only (partial
    indexes), never the peers' whole history. `peer_ids`: only these peers (ids, or a
    queryset of them)."""
    from support_requests.models import Offer, SupportRequest

    accepted = SupportRequest.objects.filter(status=ACCEPTED).values_list("assigned_peer_id")
    pending = Offer.objects.filter(state=PENDING).values_list("peer_id")
    loads = {}
    for rows, peer_field in [(accepted, "assigned_peer_id"), (pending, "peer_id")]:
        if peer_ids is not None:
            rows = rows.filter(**{f"{peer_field}__in": peer_ids})
        for peer_id, count in rows.order_by().annotate(n=Count("pk")).values_list(peer_field, "n"):
            loads[peer_id] = loads.get(peer_id, 0) + count
    return loads


def caseload_cap(peer=None):
    """The most open requests this peer takes (their own lower choice counts); None: no cap."""
    cap = settings.PEER_MAX_OPEN_REQUESTS
    if not cap:
        return None
    if peer is not None and peer.max_open_requests:
        return min(cap, peer.max_open_requests)
    return cap


def load_limit():
    """An expression on peers: the open requests at which a peer takes no more (their own
    lower choice counts; a peer's 0 is no choice, as in caseload_cap), or NULL: no cap."""
    cap = settings.PEER_MAX_OPEN_REQUESTS
    if not cap:
        return Value(None, output_field=IntegerField())
    own = NullIf("max_open_requests", Value(0))
    return Least(Coalesce(own, Value(cap)), Value(cap))


def has_room(open_load, limit):
    """Under the caseload limit (load_limit(); None: no cap)."""
    return limit is None or open_load < limit


def offerable(peers, now):
    """The peers of `peers` who may receive an offer at `now` if they have room (has_room):
    not resting, within their hours or on call; annotated with `in_hours` (False: only on
    call, so offered with the shorter window) and `load_limit`."""
    rested = Q(resting_until__isnull=True) | Q(resting_until__lte=now)
    return (
        peers.filter(rested)
        .annotate(
            in_hours=ExpressionWrapper(within_hours(now), output_field=BooleanField()),
            is_on_call=ExpressionWrapper(on_call(now), output_field=BooleanField()),
            load_limit=load_limit(),
        )
        .filter(Q(in_hours=True) | Q(is_on_call=True))
    )


def offer_window(peer):
    """(minutes, on_call) for an offer to a peer from offerable()."""
    if getattr(peer, "in_hours", True):
        return settings.REQUEST_ACCEPT_WINDOW_MINUTES, False
    return settings.ONCALL_ACCEPT_WINDOW_MINUTES, True


def peer_load(peer):
    """(open requests, cap or None) for the peer's own page and inbox."""
    from support_requests.models import Offer, SupportRequest

    # One query: the count of both lists together.
    accepted = SupportRequest.objects.filter(status=ACCEPTED, assigned_peer=peer)
    pending = Offer.objects.filter(state=PENDING, peer=peer)
    rows = [rows.order_by().annotate(one=Value(1)).values("one") for rows in (accepted, pending)]
    return rows[0].union(rows[1], all=True).count(), caseload_cap(peer)


# Wellbeing -------------------------------------------------------------------------------


def note_answer(peer):
    """An answer (accept or decline) ends a run of unanswered offers."""
    PeerSupporter.objects.filter(pk=peer.pk, lapses_in_a_row__gt=0).update(lapses_in_a_row=0)


def note_lapses(peer_ids, now):
    """Offers went unanswered, one per entry of `peer_ids` (a peer may appear more than
    once). After PEER_LAPSES_BEFORE_PAUSE in a row the programme pauses the peer (status
    history: at the programme's request), tells them kindly (a link to their page and its
    one-click resume) and tells the coordinators. Returns the peers paused. A request passed
    on by the requester is no lapse: never called. One UPDATE per distinct count, so that
    the clock notes thousands of lapses at once."""
    counts = Counter(peer_ids)
    for times in set(counts.values()):
        lapsing = [peer_id for peer_id, count in counts.items() if count == times]
        PeerSupporter.objects.filter(pk__in=lapsing).update(
            lapses_in_a_row=F("lapses_in_a_row") + times
        )
    threshold = settings.PEER_LAPSES_BEFORE_PAUSE
    if not threshold:
        return []
    to_pause = PeerSupporter.objects.select_for_update().select_related("user")
    to_pause = list(
        to_pause.filter(pk__in=counts, status=Status.ACTIVE, lapses_in_a_row__gte=threshold)
    )
    from peers.services import peer_change_status

    for peer in to_pause:
        # Through peers.services so that the paused peer's other pending offers pass on.
        peer_change_status(
            peer=peer, to_status=Status.PAUSED, by=None, requested_by=RequestedBy.PROGRAMME
        )
        notify([peer.user], reverse("peers:me"))
        notify(coordinator_users(), reverse("peers:manage_edit", args=[peer.pk]))
    return to_pause


def paused_by_programme(peer):
    """True when the peer's current pause is the programme's, after unanswered offers."""
    if peer.status != Status.PAUSED:
        return False
    last = peer.status_changes.order_by("-changed_at", "-pk").first()
    return bool(last and last.requested_by == RequestedBy.PROGRAMME)


def rest_after_heavy(peer, now):
    """No offer for PEER_HEAVY_REST_DAYS: the peer said the last request weighed on them.
    Nothing about the request is kept."""
    days = settings.PEER_HEAVY_REST_DAYS
    if days:
        peer.resting_until = now + timedelta(days=days)
        peer.save(update_fields=["resting_until"])


# The honest promise ----------------------------------------------------------------------


@dataclass
class Promise:
    """What the page after sending tells the requester. kind: "on_call" (the peer on
    call answers within `minutes`), "in_hours" (a peer has `minutes` to accept),
    "next_opening" (`when` is a phrase such as "tomorrow morning") or "coordinators"."""

    kind: str
    minutes: int = 0
    when: str = ""
    period: str = ""


def promise(support_request, now):
    offer = support_request.pending_offer()
    if offer and offer.on_call:
        return Promise("on_call", minutes=settings.ONCALL_ACCEPT_WINDOW_MINUTES, period=period(now))
    if offer:
        return Promise("in_hours", minutes=settings.REQUEST_ACCEPT_WINDOW_MINUTES)
    opening = next_opening(now)
    if opening:
        return Promise("next_opening", when=opening_phrase(opening, now))
    return Promise("coordinators")


def period(now):
    """'tonight', 'this weekend' or 'now', for the on-call promise."""
    moment = timezone.localtime(now)
    if moment.hour >= 20 or moment.hour < 7:
        return _("tonight")
    if moment.weekday() >= 5:
        return _("this weekend")
    return _("today")


def next_opening(now, days=7):
    """The first moment after `now`, within `days`, when a published peer's weekly slot
    starts (their time away left out), or None when no published peer keeps a pattern."""
    moment = timezone.localtime(now)
    published = PeerSupporter.objects.published()
    slots = list(AvailabilitySlot.objects.filter(peer__in=published).select_related(None))
    if not slots:
        return None
    away = list(TimeAway.objects.filter(peer__in=published, last_day__gte=moment.date()))
    for offset in range(days + 1):
        day = moment.date() + timedelta(days=offset)
        starts = sorted(
            timezone.make_aware(datetime.combine(day, slot.starts_at))
            for slot in slots
            if slot.weekday == day.weekday()
            and not any(a.peer_id == slot.peer_id and a.first_day <= day <= a.last_day
                        for a in away)
            and (offset or slot.starts_at > moment.time())
        )  # fmt: skip
        if starts:
            return starts[0]
    return None


def opening_phrase(opening, now):
    """'this afternoon', 'tomorrow morning', 'on Monday morning'... in the reader's language."""
    opening, today = timezone.localtime(opening), timezone.localdate(now)
    part = 0 if opening.hour < 12 else 1 if opening.hour < 18 else 2
    if opening.date() == today:
        return [_("later this morning"), _("this afternoon"), _("this evening")][part]
    if opening.date() == today + timedelta(days=1):
        return [_("tomorrow morning"), _("tomorrow afternoon"), _("tomorrow evening")][part]
    day = formats.date_format(opening, "l")
    phrases = [_("on %(day)s morning"), _("on %(day)s afternoon"), _("on %(day)s evening")]
    return phrases[part] % {"day": day}
