"""Who may see and change what in the peer registry. Views call these and nothing else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from peers.models import Nomination, OnCallShift, PeerSupporter, Status, TimeAway
from svsupport.lib import roles


def get_own_peer_profile(user):
    """The user's own peer profile. 404 for a user who has none: staff cannot tell the
    page exists."""
    profile = roles.peer_profile(user)
    if profile is None:
        raise Http404
    return profile


def get_active_own_profile(user):
    """The user's own profile, which must be active (co-option is for active peers)."""
    profile = get_own_peer_profile(user)
    if profile.status != Status.ACTIVE:
        raise PermissionDenied
    return profile


def get_peer_for_coordinator(user, pk):
    """Any peer, for a coordinator; PermissionDenied for everyone else."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(PeerSupporter.objects.select_related("user"), pk=pk)


def get_nomination_for_nominee(user, pk):
    """A nomination addressed to this user; 404 for anybody else, as for a random id."""
    return get_object_or_404(Nomination.objects.visible_to_nominee(user), pk=pk)


def get_nomination_for_coordinator(user, pk):
    """A nomination the nominee has consented to; coordinators never see one before."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(Nomination.objects.visible_to_coordinators(), pk=pk)


def get_own_time_away(user, pk):
    """A period of time away of the user's own; 404 for anybody else's, as for a random id."""
    return get_object_or_404(TimeAway.objects.filter(peer=get_own_peer_profile(user)), pk=pk)


def get_on_call_shift_for_coordinator(user, pk):
    """A shift of the on-call rota, for a coordinator; PermissionDenied for everyone else."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(OnCallShift, pk=pk)
