"""Who may see and change what in the peer registry, and who is a peer at all: the peer
role is answered here (the core knows only groups; see PeersConfig.ready). Views call
these and nothing else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from peers.models import Nomination, OnCallShift, PeerSupporter, Status, TimeAway
from svsupport.lib import roles


def peer_profile(user):
    """The user's peer profile (any status), or None; cached on the user for the request."""
    if not roles.is_staff_member(user):
        return None
    if not hasattr(user, "_svsupport_peer_profile"):
        user._svsupport_peer_profile = PeerSupporter.objects.filter(user=user).first()
    return user._svsupport_peer_profile


def has_peer_profile(user):
    return peer_profile(user) is not None


def is_peer_supporter(user):
    """A peer who may receive requests: candidates and peers in training included (they
    sign the charter before activation), withdrawn peers not."""
    profile = peer_profile(user)
    return profile is not None and profile.status != Status.WITHDRAWN


def is_active_peer(user):
    profile = peer_profile(user)
    return profile is not None and profile.status == Status.ACTIVE


# The peer's own pages (their inbox): 403 for staff without a peer record.
peer_profile_required = roles.role_required(has_peer_profile)


def own_peer_profile(user):
    """The user's own peer profile. 404 for a user who has none: staff cannot tell the
    page exists."""
    profile = peer_profile(user)
    if profile is None:
        raise Http404
    return profile


def get_active_own_profile(user):
    """The user's own profile, which must be active (co-option is for active peers)."""
    profile = own_peer_profile(user)
    if profile.status != Status.ACTIVE:
        raise PermissionDenied
    return profile


def get_peer_for_coordinator(user, pk):
    """A peer of the coordinator's sites (any, for the network's); another site's is the
    404 of an unknown id. The caller's role is decided by `coordinator_required` first."""
    peers = PeerSupporter.objects.in_scope_of(user).select_related("user")
    return get_object_or_404(peers, pk=pk)


def get_nomination_for_nominee(user, pk):
    """A nomination addressed to this user; 404 for anybody else, as for a random id."""
    return get_object_or_404(Nomination.objects.visible_to_nominee(user), pk=pk)


def get_nomination_for_coordinator(user, pk):
    """A nomination the nominee has consented to, made by a peer of the coordinator's
    sites; coordinators never see one before. The caller's role is decided by
    `coordinator_required` first."""
    return get_object_or_404(Nomination.objects.visible_to_coordinator(user), pk=pk)


def get_own_time_away(user, pk):
    """A period of time away of the user's own; 404 for anybody else's, as for a random id."""
    return get_object_or_404(TimeAway.objects.filter(peer=own_peer_profile(user)), pk=pk)


def get_on_call_shift_for_coordinator(pk):
    """A shift of the on-call rota; 404 for an unknown id. The caller's role is decided by
    `coordinator_required` first."""
    return get_object_or_404(OnCallShift, pk=pk)
