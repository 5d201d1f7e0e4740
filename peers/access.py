"""Who may see and change what in the peer registry. Views call these and nothing else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from peers.models import Nomination, PeerSupporter, Status
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
    """A peer of the coordinator's sites (any, for the network's); 404 for another site's,
    as for an unknown id; PermissionDenied for everyone but coordinators."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(PeerSupporter.objects.in_scope_of(user).select_related("user"), pk=pk)


def get_nomination_for_nominee(user, pk):
    """A nomination addressed to this user; 404 for anybody else, as for a random id."""
    return get_object_or_404(Nomination.objects.visible_to_nominee(user), pk=pk)


def get_nomination_for_coordinator(user, pk):
    """A nomination the nominee has consented to; coordinators never see one before."""
    if not roles.is_coordinator(user):
        raise PermissionDenied
    return get_object_or_404(Nomination.objects.visible_to_coordinator(user), pk=pk)
