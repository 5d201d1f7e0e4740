"""Who may see a support request, in which capacity: decided here, once, in one query.
Anybody else gets the same 404 as for an identifier that does not exist; views and
templates use the capacity they are handed and never work the relationship out again."""

import uuid

from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404

from peers.models import PeerSupporter
from support_requests.models import Invitation, Offer, SupportRequest, TeamSession
from svsupport.lib import roles
from svsupport.lib.http import parse_id


class Capacity(models.TextChoices):
    """How a user relates to one request, most intimate first."""

    REQUESTER = "requester"
    ASSIGNED_PEER = "assigned_peer"
    OFFERED_PEER = "offered_peer"
    COORDINATOR = "coordinator"
    # Offered the request once (declined, lapsed, cancelled, taken): may still answer the
    # offer, to be told that it is over, and reads nothing.
    PAST_OFFER = "past_offer"


# Who may open the request's page; who may answer its offer.
READERS = (Capacity.REQUESTER, Capacity.ASSIGNED_PEER, Capacity.OFFERED_PEER, Capacity.COORDINATOR)
OFFER_ANSWERERS = (Capacity.OFFERED_PEER, Capacity.PAST_OFFER)


def holds(user, support_request, capacity):
    """Whether the user holds this capacity; reads the request's annotations only."""
    if capacity == Capacity.REQUESTER:
        return support_request.requester_id is not None and support_request.requester_id == user.pk
    if capacity == Capacity.ASSIGNED_PEER:
        peer = support_request.assigned_peer
        return peer is not None and peer.user_id == user.pk
    if capacity == Capacity.OFFERED_PEER:
        return support_request.offered_now
    if capacity == Capacity.COORDINATOR:
        # Only while it is in their queue: waiting for a peer, or accepted with the first
        # contact overdue (the same fields in both cases, never identity, contact or message),
        # and only for the coordinators of the request's site (and the network's).
        if not support_request.in_coordinator_queue:
            return False
        return support_request.site_id in roles.site_scope(user, roles.COORDINATOR)
    return support_request.offered_ever


def get_request_for_user(user, pk, capacities=READERS):
    """The request and the user's capacity, the most intimate of `capacities` the user
    holds, in one query; 404 for anybody who holds none of them (and for purged requests)."""
    if not roles.is_staff_member(user):
        raise Http404
    offers = Offer.objects.filter(support_request=OuterRef("pk"), peer__user=user)
    support_request = (
        SupportRequest.objects.not_purged()
        .select_related("requester", "assigned_peer__user", "chosen_peer")
        .annotate(
            offered_now=Exists(offers.pending()),
            offered_ever=Exists(offers),
        )
        .filter(pk=pk)
        .first()
    )
    if support_request is not None:
        for capacity in capacities:
            if holds(user, support_request, capacity):
                return support_request, Capacity(capacity)
    raise Http404


def get_request_as(user, pk, capacity):
    """The request, for a page of one capacity only; 404 for anybody else."""
    return get_request_for_user(user, pk, (capacity,))[0]


def get_request_for_dispatch(user, pk):
    """A request waiting in the dispatch queue, for a coordinator about to assign it.
    Coordinators act on a request only while it waits there: in any other state it is the
    same 404 as an unknown id, decided before any warning or message is computed (a
    warning about a request outside the queue would tell its hidden state). The caller's
    role is decided by `coordinator_required` first; another site's request is as unknown
    to a site coordinator as a random id."""
    mine = SupportRequest.objects.in_scope_of(user, roles.COORDINATOR)
    support_request = mine.in_dispatch().filter(pk=pk).first()
    if support_request is None:
        raise Http404
    return support_request


def chosen_peer_for_new_request(user, peer_id):
    """The peer named in ?peer=: published and not the requester; 404 otherwise."""
    if not peer_id:
        return None
    pk = parse_id(peer_id)
    if pk is None:
        raise Http404
    peer = PeerSupporter.objects.published().filter(pk=pk).exclude(user=user).first()
    if peer is None:
        raise Http404
    return peer


def get_request_for_privacy_officer(pk):
    """Any request, purged ones included (their trail keeps dates, no actors); 404 for an
    unknown id. The caller's role is decided by `privacy_officer_required` first."""
    support_request = SupportRequest.objects.filter(pk=pk).first()
    if support_request is None:
        raise Http404
    return support_request


def get_invitation_for_invitee(user, pk):
    """An invitation addressed to this user; 404 for anybody else (coordinators, the
    colleague who suggested it, peers), exactly as for an unknown id."""
    invitation = (
        Invitation.objects.for_invitee(user).select_related("named_referrer").filter(pk=pk).first()
    )
    if invitation is None:
        raise Http404
    return invitation


def get_team_session_to_arrange(user, pk):
    """A team session still waiting for the coordinators; 404 once arranged or unknown.
    The caller's role is decided by `coordinator_required` first."""
    session = TeamSession.objects.filter(pk=pk, state=TeamSession.State.REQUESTED).first()
    if session is None:
        raise Http404
    return session


def own_request_by_submission(user, submission_id):
    """The user's own request made by the form whose hidden id is `submission_id`, or None
    (a malformed id included): what a second click on an invitation's "yes" leads to."""
    try:
        pk = uuid.UUID(str(submission_id))
    except ValueError:
        return None
    return SupportRequest.objects.not_purged().filter(pk=pk, requester=user).first()
