"""The roles held through groups, each decided here and nowhere else. The core knows no
app: a role an app decides (the peer supporter, answered by `peers.access`) is registered by
that app with `register_role`.

- staff: any logged-in, active user;
- coordinator: member of the Quality and Risk Office group;
- board: member of the "Board" group; sees the programme figures, suppressed, and nothing else
  that other staff do not see;
- privacy officer: member of the "Privacy officer" group; reads the access trail of one support
  request at a time, to investigate misuse. Never an account that may enter the Django admin:
  IT support grants the role and must not be able to hold it.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

# Stable internal names of the role groups (created by svsupport/migrations/0002_role_groups):
# never shown as such, always through ROLE_LABELS, which is translated.
COORDINATORS_GROUP = "Quality and Risk Office"
BOARD_GROUP = "Board"
PRIVACY_OFFICERS_GROUP = "Privacy officer"

# The roles IT grants with `manage.py grant_role USER ROLE`: role -> group name.
ROLE_GROUPS = {"coordinator": COORDINATORS_GROUP, "board": BOARD_GROUP}
ROLE_LABELS = {COORDINATORS_GROUP: _("Quality and Risk Office"), BOARD_GROUP: _("Board")}


def _group_names(user):
    # One query per request at most: the names are cached on the user object.
    if not hasattr(user, "_svsupport_group_names"):
        user._svsupport_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._svsupport_group_names


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active)


def role_labels(user):
    """The names of the user's role groups, translated: what the pages show."""
    if not is_staff_member(user):
        return []
    return [label for name, label in ROLE_LABELS.items() if name in _group_names(user)]


def is_coordinator(user):
    return is_staff_member(user) and COORDINATORS_GROUP in _group_names(user)


def register_role(name, predicate):
    """An app answers a role the core cannot know (peers: "peer"). The pages' navigation
    reads every registered role as `roles.<name>`; called from an AppConfig.ready()."""
    APP_ROLES[name] = predicate


APP_ROLES = {}


def coordinator_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=COORDINATORS_GROUP, is_active=True)


def role_required(allowed):
    """A view decorator: 403 for any logged-in user for whom `allowed(user)` is false (login
    is enforced globally). One gate per kind of page, the same everywhere."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_board(user):
    return is_staff_member(user) and BOARD_GROUP in _group_names(user)


def is_privacy_officer(user):
    # Separation of duties: whoever administers the accounts (is_staff, is_superuser) grants
    # the role and would otherwise be able to read who asked for help.
    return (
        is_staff_member(user)
        and not (user.is_staff or user.is_superuser)
        and PRIVACY_OFFICERS_GROUP in _group_names(user)
    )


def can_see_figures(user):
    return is_coordinator(user) or is_board(user)


# Coordinators' pages; the programme figures (coordinators and the board); the access trail of
# a request (privacy officers).
coordinator_required = role_required(is_coordinator)
figures_required = role_required(can_see_figures)
privacy_officer_required = role_required(is_privacy_officer)
