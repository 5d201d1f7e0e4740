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

Coordinators and board members hold their role for a *scope*: the whole network (members of
the role's group, or a grant without a site) or some sites (`organisation.RoleGrant` rows).
`site_scope()` decides it; querysets filter with `scope_filter()`, so that a coordinator of
one site is an outsider (404) to another site's records.
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


def _load_roles(user):
    """The user's group names and role grants, in one query (a UNION), cached on the user
    object for the request."""
    from django.db.models import IntegerField, Value

    from organisation.models import RoleGrant

    groups = user.groups.annotate(site=Value(None, output_field=IntegerField()))
    groups = groups.annotate(kind=Value("group")).values_list("kind", "name", "site")
    grants = RoleGrant.objects.filter(user=user).annotate(kind=Value("grant"))
    rows = groups.union(grants.values_list("kind", "role", "site_id"), all=True)
    names, site_grants = set(), {}
    for kind, name, site_id in rows:
        if kind == "group":
            names.add(name)
        else:
            site_grants.setdefault(name, set()).add(site_id)
    user._svsupport_group_names = frozenset(names)
    user._svsupport_grants = site_grants


def _group_names(user):
    # One query per request at most: the names are cached on the user object.
    if not hasattr(user, "_svsupport_group_names"):
        _load_roles(user)
    return user._svsupport_group_names


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active)


def role_labels(user):
    """The names of the user's role groups, translated: what the pages show."""
    if not is_staff_member(user):
        return []
    return [label for name, label in ROLE_LABELS.items() if name in _group_names(user)]


class AllSites:
    """The network scope: every site, and records with no site."""

    def __contains__(self, site_id):
        return True

    def __bool__(self):
        return True

    def __repr__(self):
        return "ALL_SITES"


ALL_SITES = AllSites()
COORDINATOR, BOARD = "coordinator", "board"


def _grants(user):
    # Loaded with the group names: one query per request at most.
    if not hasattr(user, "_svsupport_grants"):
        _load_roles(user)
    return user._svsupport_grants


def site_scope(user, role):
    """The sites where `user` holds `role` (COORDINATOR or BOARD): ALL_SITES for the
    network, else a frozenset of site ids, empty for someone without the role."""
    if not is_staff_member(user):
        return frozenset()
    if ROLE_GROUPS[role] in _group_names(user):
        return ALL_SITES
    sites = _grants(user).get(role, set())
    return ALL_SITES if None in sites else frozenset(sites)


def figures_scope(user):
    """The sites whose figures the user reads: the union of their two scopes."""
    coordinator, board = site_scope(user, COORDINATOR), site_scope(user, BOARD)
    if coordinator is ALL_SITES or board is ALL_SITES:
        return ALL_SITES
    return coordinator | board


def scope_filter(scope, field="site"):
    """A Q object keeping the rows of `scope` by their `field` (a site foreign key). Rows
    without a site belong to the network scope only."""
    from django.db.models import Q

    if scope is ALL_SITES:
        return Q()
    return Q(**{f"{field}__in": sorted(scope)})


def forget_scopes(user):
    for name in ("_svsupport_group_names", "_svsupport_grants"):
        user.__dict__.pop(name, None)


def is_coordinator(user):
    return bool(site_scope(user, COORDINATOR))


def is_network_coordinator(user):
    return site_scope(user, COORDINATOR) is ALL_SITES


def register_role(name, predicate):
    """An app answers a role the core cannot know (peers: "peer"). The pages' navigation
    reads every registered role as `roles.<name>`; called from an AppConfig.ready()."""
    APP_ROLES[name] = predicate


APP_ROLES = {}


def coordinator_users(site_id=None):
    """The active coordinators whose scope holds `site_id` (the network's, for None)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    rule = Q(groups__name=COORDINATORS_GROUP) | Q(
        role_grants__role=COORDINATOR, role_grants__site__isnull=True
    )
    if site_id is not None:
        rule |= Q(role_grants__role=COORDINATOR, role_grants__site=site_id)
    return get_user_model().objects.filter(rule, is_active=True).distinct()


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
    return bool(site_scope(user, BOARD))


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
# The organisation's records (sites, departments) are the network's.
network_coordinator_required = role_required(is_network_coordinator)
figures_required = role_required(can_see_figures)
privacy_officer_required = role_required(is_privacy_officer)
