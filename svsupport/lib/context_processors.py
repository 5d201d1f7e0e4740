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


# The menu section of each page, by URL name; a namespace alone gives its default section.
# A view may decide otherwise by putting `section` in its context (the request detail page
# belongs to "Requests for me" for the peer, to "Dispatch" for a coordinator).
SECTIONS = {
    "home": "home",
    "resources": "pathway",
    "resources:manage": "pathway_edit",
    "peers": "registry",
    "peers:directory": "directory",
    "peers:directory_print": "directory",
    "peers:me": "peer_page",
    "peers:me_status": "peer_page",
    "peers:me_sign_charter": "peer_page",
    "peers:nominate": "peer_page",
    "peers:nomination_answer": "peer_page",
    "organisation": "registry",
    "requests": "ask",
    "requests:inbox": "inbox",
    "requests:dispatch": "dispatch",
    "requests:coordination": "dispatch",
    "requests:assign": "dispatch",
    "requests:trail_lookup": "trails",
    "requests:trail": "trails",
    "figures": "figures",
}
# Resources pages for coordinators only (editing the pathway); the others are the pathway.
PATHWAY_EDITING_WORDS = ("manage", "edit", "draft", "publish", "discard", "history", "create",
                         "hotline", "withdraw")  # fmt: skip


def section_of(match):
    if match is None:
        return ""
    if match.app_name == "resources" and any(
        word in match.url_name for word in PATHWAY_EDITING_WORDS
    ):
        return "pathway_edit"
    return SECTIONS.get(match.view_name) or SECTIONS.get(match.app_name or match.url_name, "")


def section(request):
    """The menu entry marked as the current page (`aria-current`)."""
    return {"section": section_of(getattr(request, "resolver_match", None))}


def quick_exit(request):
    """Where "Leave this page" goes: QUICK_EXIT_URL, or the app's own neutral page."""
    from django.conf import settings
    from django.urls import reverse

    return {"quick_exit_url": SimpleLazyObject(lambda: settings.QUICK_EXIT_URL or reverse("away"))}
