"""Who may reach what of the evaluation. The answers themselves are nobody's: there is no
helper that finds an answer for a user, because no answer knows its user."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from evaluation.models import AwarenessPulse
from peers.access import is_peer_supporter, peer_profile


def own_peer(user):
    """The peer whose burden answers these are: 404 for anybody without a peer record (as
    the peer's own page)."""
    if not is_peer_supporter(user):
        raise Http404
    return peer_profile(user)


def get_pulse(pk):
    """A pulse, for the coordinators and the board (the gate is the view's decorator)."""
    return get_object_or_404(AwarenessPulse, pk=pk)


def open_pulse(today=None):
    """The pulse open today, the most recent first, or None."""
    today = today or timezone.localdate()
    return AwarenessPulse.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
