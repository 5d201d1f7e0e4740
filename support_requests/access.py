"""Who may see a support request, in which capacity. Anybody else gets the same 404 as
for an identifier that does not exist; views never test roles themselves."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from peers.models import PeerSupporter
from support_requests.models import Offer, Status, SupportRequest
from svsupport.lib import roles
from svsupport.lib.http import parse_id

REQUESTER, OFFERED_PEER, ASSIGNED_PEER, COORDINATOR = (
    "requester",
    "offered_peer",
    "assigned_peer",
    "coordinator",
)


def capacity(user, support_request):
    """How this user relates to the request, most intimate first; None for an outsider."""
    if support_request.requester_id and support_request.requester_id == user.pk:
        return REQUESTER
    profile = roles.peer_profile(user)
    if profile and support_request.assigned_peer_id == profile.pk:
        return ASSIGNED_PEER
    if profile and support_request.offers.filter(peer=profile, state=Offer.State.PENDING).exists():
        return OFFERED_PEER
    if support_request.status == Status.DISPATCH and support_request.site_id in roles.site_scope(
        user, roles.COORDINATOR
    ):
        return COORDINATOR
    return None


def get_request_for_user(user, pk):
    """The request and the user's capacity; 404 for anybody with no right to it."""
    support_request = (
        SupportRequest.objects.visible_to(user)
        .not_purged()
        .select_related("requester", "assigned_peer__user", "chosen_peer")
        .filter(pk=pk)
        .first()
    )
    found = support_request and capacity(user, support_request)
    if not found:
        raise Http404
    return support_request, found


def get_request_as(user, pk, expected):
    support_request, found = get_request_for_user(user, pk)
    if found != expected:
        raise Http404
    return support_request


def get_request_offered_to(user, pk):
    """A request that was offered to this peer at some point, so that a late answer is
    told that the offer is over instead of a bare 404. The view tells nothing more: what
    became of the request since (accepted by someone, withdrawn) is not the peer's to know."""
    profile = own_peer_profile(user)
    support_request = SupportRequest.objects.not_purged().filter(pk=pk, offers__peer=profile)
    support_request = support_request.first()
    if support_request is None:
        raise Http404
    return support_request, profile


def get_request_for_dispatch(user, pk):
    """A request waiting in the dispatch queue, for a coordinator about to assign it.
    Coordinators act on a request only while it waits there: in any other state it is the
    same 404 as an unknown id, decided before any warning or message is computed (a
    warning about a request outside the queue would tell its hidden state)."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    # Another site's request is as unknown to a site coordinator as a random id.
    mine = SupportRequest.objects.in_scope_of(user, roles.COORDINATOR)
    waiting = mine.not_purged().filter(pk=pk, status=Status.DISPATCH)
    support_request = waiting.first()
    if support_request is None:
        raise Http404
    return support_request


def own_peer_profile(user):
    """The peer profile of a peer who may receive requests; 404 for anybody else."""
    profile = roles.peer_profile(user)
    if profile is None:
        raise Http404
    return profile


def inbox_peer(user):
    """The peer whose inbox this is; 403 for staff without a peer record."""
    profile = roles.peer_profile(user)
    if profile is None:
        raise PermissionDenied
    return profile


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
