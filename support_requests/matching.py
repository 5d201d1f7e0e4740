"""Matching: which published peer is offered a request, by these rules, kept here only:

- only peers who may be offered a request now (`availability.offerable`: within their hours or
  on call, under their caseload cap, not resting); never the requester; never a peer already
  asked (declined, lapsed, cancelled or passed on by the requester); the site rule
  (`site_matching.site_allows`); not in the requester's department when they asked so;
- ranked: within their hours before only on call; the request's own site first; the preferred
  profession, then the preferred language, when possible; the fewest open requests; the
  oldest record.

One SQL query reads the peers who may be offered a request now, with their open load (the
`Pool`); the rules about the request are then applied in Python. The clock reads one pool
for a whole batch of lapsed offers and keeps the loads up to date as it offers: ten thousand
offers cost one query, not ten thousand rankings of ten thousand peers.
"""

import bisect
import heapq
from dataclasses import dataclass, field

from peers.models import PeerLanguage, PeerSupporter
from support_requests import availability, site_matching

# Why a peer may not be offered this request (also the coordinator's warnings on assign).
REQUESTER, SAME_DEPARTMENT, ALREADY_ASKED, SITE_PREFERENCE = (
    "requester",
    "same_department",
    "already_asked",
    "site_preference",
)


@dataclass(eq=False)
class Candidate:
    """A peer who may be offered a request now, as the pool read them."""

    pk: int
    user_id: int
    site_id: int | None
    department_id: int | None
    profession: str
    in_hours: bool  # False: only on call, offered with the shorter window
    open_load: int = 0
    load_limit: int | None = None  # None: no caseload cap

    @property
    def order(self):
        return (self.open_load, self.pk)


@dataclass
class RequestFacts:
    """What the rules read of a request, read once."""

    support_request: object
    asked: set = field(default_factory=set)
    department_id: int | None = None

    @classmethod
    def of(cls, support_request, asked=None, departments=None):
        """`asked`: the peers offered the request already, when read for a whole batch;
        `departments`: {id: record} read for the batch."""
        if asked is None:
            asked = set(support_request.offers.values_list("peer_id", flat=True))
        department = None
        if support_request.prefer_other_department:
            department = department_of(support_request, departments)
        # Records, not names: a merge moved the peers of "Chirurgie" to "Surgery" and the
        # request's "Chirurgie" resolves to "Surgery" too, so aliases cannot slip by.
        return cls(
            support_request=support_request,
            asked=asked,
            department_id=department.pk if department else None,
        )


def department_of(support_request, departments):
    """The requester's department record (after merges); `departments`: {id: record} read
    for a whole batch (Department.objects.by_ids), or None to read this one."""
    if departments is None:
        return support_request.requester_department_record()
    return departments.get(support_request.requester_department_id())


def objections(facts, peer):
    """Why `peer` (a Candidate or a PeerSupporter) may not be offered the request."""
    found = []
    requester_id = facts.support_request.requester_id
    if requester_id and peer.user_id == requester_id:
        found.append(REQUESTER)
    if facts.department_id is not None and peer.department_id == facts.department_id:
        found.append(SAME_DEPARTMENT)
    if peer.pk in facts.asked:
        found.append(ALREADY_ASKED)
    if not site_matching.site_allows(facts.support_request, peer):
        found.append(SITE_PREFERENCE)
    return found


PEER_FIELDS = ["pk", "user_id", "site_id", "department_id", "profession", "in_hours", "load_limit"]


class Pool:
    """The peers who may be offered a request at `now`, grouped by (within hours, site) and
    kept in order of (open load, record) within each group."""

    def __init__(self, now, peers=None):
        self.groups = {}
        self.speakers_of = {}
        listed = (PeerSupporter.objects.all() if peers is None else peers).listed()
        rows = list(availability.offerable(listed, now).order_by().values_list(*PEER_FIELDS))
        # A whole pool reads every load at once; a narrower one (one site, a chosen peer)
        # only the loads of its peers.
        loads = availability.open_loads(None if peers is None else peers.values("pk"))
        for *values, limit in rows:
            load = loads.get(values[0], 0)
            if availability.has_room(load, limit):
                candidate = Candidate(*values, open_load=load, load_limit=limit)
                group = self.groups.setdefault((candidate.in_hours, candidate.site_id), [])
                group.append(candidate)
        for group in self.groups.values():
            group.sort(key=Candidate.order.fget)

    def candidates(self):
        return [candidate for group in self.groups.values() for candidate in group]

    def best_for(self, support_request, facts=None):
        """The first peer by the ranking, or None."""
        facts = facts or RequestFacts.of(support_request)
        for in_hours in (True, False):
            own = self.groups.get((in_hours, support_request.site_id), [])
            others = [
                group
                for (hours, site_id), group in self.groups.items()
                if hours == in_hours and site_id != support_request.site_id
            ]
            for tier in (own, heapq.merge(*others, key=Candidate.order.fget)):
                best = self.best_in_tier(tier, facts)
                if best is not None:
                    return best
        return None

    def ranked_for(self, support_request):
        """Every peer the request may go to, best first (the tests read the whole order)."""
        facts = RequestFacts.of(support_request)
        eligible = [
            candidate for candidate in self.candidates() if not objections(facts, candidate)
        ]
        return sorted(eligible, key=lambda candidate: self.rank(facts, candidate))

    def rank(self, facts, candidate):
        return (
            not candidate.in_hours,
            candidate.site_id != facts.support_request.site_id,
            *self.preference(facts, candidate),
            candidate.open_load,
            candidate.pk,
        )

    def preference(self, facts, candidate):
        """(other profession, does not speak): (False, False) is the best possible."""
        support_request = facts.support_request
        other_profession = (
            support_request.prefer_same_profession
            and candidate.profession != support_request.requester_profession
        )
        language = support_request.preferred_language
        silent = bool(language) and candidate.pk not in self.speakers(language)
        return other_profession, silent

    def best_in_tier(self, tier, facts):
        """The best of a tier read in (load, record) order: the first candidate without
        objection and with the best preference; stops at one who meets both preferences."""
        best, best_preference = None, None
        for candidate in tier:
            if objections(facts, candidate):
                continue
            preference = self.preference(facts, candidate)
            if best is None or preference < best_preference:
                best, best_preference = candidate, preference
                if preference == (False, False):
                    break
        return best

    def speakers(self, language):
        if language not in self.speakers_of:
            self.speakers_of[language] = set(
                PeerLanguage.objects.filter(code=language).values_list("peer_id", flat=True)
            )
        return self.speakers_of[language]

    def took_offer(self, candidate):
        """The candidate was offered a request: one more open request, and out of the pool
        at their cap."""
        group = self.groups[(candidate.in_hours, candidate.site_id)]
        index = bisect.bisect_left(group, candidate.order, key=Candidate.order.fget)
        del group[index]
        candidate.open_load += 1
        if availability.has_room(candidate.open_load, candidate.load_limit):
            bisect.insort(group, candidate, key=Candidate.order.fget)


def best_peer(support_request, now, facts=None):
    """The first peer by the ranking for one request, reading as few peers as it can: the
    ranking puts peers within their hours before those on call, then the request's own site
    first, so the best peer of the own site, when within their hours, is the best of all.
    Only otherwise is every site read. (The clock's batches share one whole Pool.)"""
    facts = facts or RequestFacts.of(support_request)
    if support_request.site_id is not None:
        own_site = PeerSupporter.objects.filter(site_id=support_request.site_id)
        best = Pool(now, own_site).best_for(support_request, facts)
        if best is not None and best.in_hours:
            return best
    return Pool(now).best_for(support_request, facts)
