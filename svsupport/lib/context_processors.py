from django.utils.functional import SimpleLazyObject

from svsupport import __version__
from svsupport.lib import roles as role_predicates


def roles(request):
    """Which navigation a page shows; computed only if the template asks for it."""

    def compute():
        user = request.user
        return {
            "staff": role_predicates.is_staff_member(user),
            "coordinator": role_predicates.is_coordinator(user),
            "network_coordinator": role_predicates.is_network_coordinator(user),
            "board": role_predicates.is_board(user),
            "labels": role_predicates.role_labels(user),
            "privacy_officer": role_predicates.is_privacy_officer(user),
            **{name: allowed(user) for name, allowed in role_predicates.APP_ROLES.items()},
        }

    return {"roles": SimpleLazyObject(compute)}


def version(request):
    """The release shown in the footer (svsupport.__version__, see CHANGELOG.md)."""
    return {"svsupport_version": __version__}
