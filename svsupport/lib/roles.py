"""The three roles, each decided here and nowhere else.

- staff: any logged-in user;
- peer supporter: member of the peer-supporters group (the peer registry replaces this
  with the peer profile's status);
- coordinator: member of the Quality and Risk Office group.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

COORDINATORS_GROUP = "Quality and Risk Office"
PEER_SUPPORTERS_GROUP = "Peer supporters"


def _group_names(user):
    # One query per request at most: the names are cached on the user object.
    if not hasattr(user, "_svsupport_group_names"):
        user._svsupport_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._svsupport_group_names


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_coordinator(user):
    return is_staff_member(user) and COORDINATORS_GROUP in _group_names(user)


def is_peer_supporter(user):
    return is_staff_member(user) and PEER_SUPPORTERS_GROUP in _group_names(user)


def coordinator_required(view):
    """403 for any logged-in user who is not a coordinator (login is enforced globally)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
