"""The authorization matrix: role x URL x method -> expected status.

Every route of the project must appear here: `test_every_route_is_in_the_matrix` fails
when a view is added without its row, so a new URL is deny-tested by construction.
"""

import uuid
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from evaluation.models import AwarenessPulse
from organisation.models import RoleGrant, Site
from peers.models import Nomination, OnCallShift, TimeAway
from support_requests.models import Invitation, Status, SupportRequest, TeamSession
from tests import people
from tests.organisation.factories import site
from tests.people import make_user
from tests.support_requests.factories import comparable, make_request
from tests.support_requests.factories import make_request as make_site_request

ROLES = [
    "anonymous",
    "staff",
    "peer",
    "coordinator",
    "board",
    "privacy_officer",
    "site_coordinator",
    "other_site_coordinator",
    "site_board",
]

# Django's admin is IT support's tool, gated by is_staff; one row checks its door.
EXCLUDED_NAMESPACES = {"admin"}


def statuses(
    anonymous, staff, peer, coordinator, *, board=None, privacy_officer=None, site=None,
    other_site=None,
):  # fmt: skip
    """The board member (bea) and the privacy officer (olga) are staff like carol except
    where a row says otherwise: the figures for the board, the access trail for olga, and
    the requests carol made herself.

    The world's records belong to site B. `site` is what sam, coordinator of site B, gets;
    `other_site` what otto, coordinator of site A, gets: by default what the network's
    coordinator (quinn) gets. bella, board member of site B, gets what bea gets."""
    board = staff if board is None else board
    return {
        "anonymous": anonymous,
        "staff": staff,
        "peer": peer,
        "coordinator": coordinator,
        "board": board,
        "privacy_officer": staff if privacy_officer is None else privacy_officer,
        "site_coordinator": coordinator if site is None else site,
        "other_site_coordinator": coordinator if other_site is None else other_site,
        "site_board": board,
    }


EVERYONE_GET = {"GET": statuses(302, 200, 200, 200), "POST": statuses(302, 405, 405, 405)}
COORDINATOR_PAGE = {"GET": statuses(302, 403, 403, 200), "POST": statuses(302, 403, 403, 405)}
COORDINATOR_FORM = {"GET": statuses(302, 403, 403, 200), "POST": statuses(302, 403, 403, 200)}
# The network's records (pages, stories, lines, policies, sites and departments): network
# coordinators only; a site coordinator is refused like staff.
NETWORK_PAGE = {
    "GET": statuses(302, 403, 403, 200, site=403, other_site=403),
    "POST": statuses(302, 403, 403, 405, site=403, other_site=403),
}
NETWORK_FORM = {
    "GET": statuses(302, 403, 403, 200, site=403, other_site=403),
    "POST": statuses(302, 403, 403, 200, site=403, other_site=403),
}
NETWORK_ACTION = {
    "GET": statuses(302, 403, 403, 405, site=403, other_site=403),
    "POST": statuses(302, 403, 403, 302, site=403, other_site=403),
}
# Site B's registry entries: a coordinator of site A gets the 404 of an unknown id.
SITE_B_FORM = {
    "GET": statuses(302, 403, 403, 200, other_site=404),
    "POST": statuses(302, 403, 403, 200, other_site=404),
}

# url name -> (reverse kwargs from the `world` fixture, {method: {role: status}})
# 302 for anonymous means: redirected to the login page (checked below). The staff user is
# carol, the peer alice (active), the coordinator quinn, the board member bea, the privacy
# officer olga; bob is another active peer.
MATRIX = {
    "home": (None, EVERYONE_GET),
    # Where a login leads: coordinators to their page, everyone else home (both 302).
    "landing": (
        None,
        {"GET": statuses(302, 302, 302, 302), "POST": statuses(302, 405, 405, 405)},
    ),
    "healthz": (
        None,
        {"GET": statuses(200, 200, 200, 200), "POST": statuses(405, 405, 405, 405)},
    ),
    # Public probes (README "Operations"). Readiness is 503 here: the clock never ran.
    "operations:live": (
        None,
        {"GET": statuses(200, 200, 200, 200), "POST": statuses(405, 405, 405, 405)},
    ),
    "operations:ready": (
        None,
        {"GET": statuses(503, 503, 503, 503), "POST": statuses(405, 405, 405, 405)},
    ),
    # Without `Authorization: Bearer <METRICS_TOKEN>` the metrics do not exist, for everyone
    # (logged in or not); tests/operations/test_metrics.py checks the token.
    "operations:metrics": (
        None,
        {"GET": statuses(404, 404, 404, 404), "POST": statuses(405, 405, 405, 405)},
    ),
    "login": (
        None,
        {"GET": statuses(200, 302, 302, 302), "POST": statuses(200, 302, 302, 302)},
    ),
    "logout": (
        None,
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 302, 302, 302)},
    ),
    "set_language": (
        None,
        {"GET": statuses(302, 302, 302, 302), "POST": statuses(302, 302, 302, 302)},
    ),
    "peers:directory": (None, EVERYONE_GET),
    "peers:directory_print": (None, EVERYONE_GET),
    "peers:me": (
        None,
        {"GET": statuses(302, 404, 200, 404), "POST": statuses(302, 404, 200, 404)},
    ),
    "peers:me_status": (
        None,
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 404, 302, 404)},
    ),
    "peers:me_sign_charter": (
        None,
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 404, 302, 404)},
    ),
    # Hours and time away: the peer's own.
    "peers:me_availability": (
        None,
        {"GET": statuses(302, 404, 200, 404), "POST": statuses(302, 404, 200, 404)},
    ),
    "peers:me_away_add": (
        None,
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 404, 302, 404)},
    ),
    # Bob's time away: alice, his fellow peer, gets the 404 of an unknown id.
    "peers:me_away_delete": (
        lambda world: {"pk": world["bobs_time_away"].pk},
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 404, 404, 404)},
    ),
    "peers:on_call_rota": (None, COORDINATOR_FORM),
    "peers:on_call_delete": (
        lambda world: {"pk": world["bobs_shift"].pk},
        {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 403, 403, 302)},
    ),
    "peers:nominate": (
        None,
        {"GET": statuses(302, 404, 200, 404), "POST": statuses(302, 404, 200, 404)},
    ),
    # Addressed to dan: nobody in the matrix may even learn that it exists.
    "peers:nomination_answer": (
        lambda world: {"pk": world["nomination_for_dan"].pk},
        {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 404, 404, 404)},
    ),
    "peers:manage": (None, COORDINATOR_PAGE),
    "peers:manage_add": (None, COORDINATOR_FORM),
    "peers:manage_export": (None, COORDINATOR_PAGE),
    "peers:manage_training": (None, COORDINATOR_FORM),
    "peers:manage_session": (None, COORDINATOR_FORM),
    "peers:nomination_queue": (None, COORDINATOR_PAGE),
    "peers:nomination_decide": (
        lambda world: {"pk": world["consented_nomination"].pk},
        {
            "GET": statuses(302, 405, 405, 405),
            "POST": statuses(302, 403, 403, 302, other_site=404),
        },
    ),
    "peers:manage_edit": (lambda world: {"pk": world["bob_peer"].pk}, SITE_B_FORM),
    "peers:manage_status": (
        lambda world: {"pk": world["bob_peer"].pk},
        {
            "GET": statuses(302, 405, 405, 405),
            "POST": statuses(302, 403, 403, 302, other_site=404),
        },
    ),
    "peers:manage_history": (
        lambda world: {"pk": world["bob_peer"].pk},
        {
            "GET": statuses(302, 403, 403, 200, other_site=404),
            "POST": statuses(302, 405, 405, 405),
        },
    ),
    # The support pathway (resources app). Default content comes from its data migration:
    # page `faq`, story 1, 24/7 line 1, policy `peer-support-policy` version 1.
    "resources:pathway": (
        {},
        EVERYONE_GET,
    ),
    "resources:search": (
        {},
        EVERYONE_GET,
    ),
    "resources:poster": (
        {},
        EVERYONE_GET,
    ),
    "resources:self_assessment": (
        {},
        EVERYONE_GET,
    ),
    "resources:page": (
        {"slug": "faq"},
        EVERYONE_GET,
    ),
    "resources:stories": (
        {},
        EVERYONE_GET,
    ),
    "resources:story": (
        {"pk": 1},
        EVERYONE_GET,
    ),
    "resources:policies": (
        {},
        EVERYONE_GET,
    ),
    "resources:policy": (
        {"slug": "peer-support-policy"},
        EVERYONE_GET,
    ),
    "resources:policy_version": (
        {"slug": "peer-support-policy", "number": 1},
        EVERYONE_GET,
    ),
    "resources:manage": (
        {},
        COORDINATOR_PAGE,
    ),
    "resources:page_edit": (
        {"slug": "faq"},
        NETWORK_FORM,
    ),
    "resources:page_draft": (
        {"slug": "faq"},
        NETWORK_PAGE,
    ),
    "resources:page_publish": (
        {"slug": "faq"},
        NETWORK_ACTION,
    ),
    "resources:page_discard": (
        {"slug": "faq"},
        NETWORK_ACTION,
    ),
    "resources:page_history": (
        {"slug": "faq"},
        NETWORK_PAGE,
    ),
    "resources:manage_stories": (
        {},
        NETWORK_PAGE,
    ),
    "resources:story_create": (
        {},
        NETWORK_FORM,
    ),
    "resources:story_edit": (
        {"pk": 1},
        NETWORK_FORM,
    ),
    "resources:story_draft": (
        {"pk": 1},
        NETWORK_PAGE,
    ),
    "resources:story_publish": (
        {"pk": 1},
        NETWORK_ACTION,
    ),
    "resources:story_withdraw": (
        {"pk": 1},
        NETWORK_ACTION,
    ),
    "resources:story_history": (
        {"pk": 1},
        NETWORK_PAGE,
    ),
    "resources:hotlines": (
        {},
        NETWORK_PAGE,
    ),
    "resources:hotline_create": (
        {},
        NETWORK_FORM,
    ),
    "resources:hotline_edit": (
        {"pk": 1},
        NETWORK_FORM,
    ),
    "resources:hotline_history": (
        {"pk": 1},
        NETWORK_PAGE,
    ),
    "resources:policy_create": (
        {},
        NETWORK_FORM,
    ),
    "resources:policy_version_create": (
        {"slug": "peer-support-policy"},
        NETWORK_ACTION,
    ),
    "resources:policy_version_edit": (
        {"slug": "peer-support-policy", "number": 1},
        {
            "GET": statuses(302, 403, 403, 404, site=403, other_site=403),
            "POST": statuses(302, 403, 403, 404, site=403, other_site=403),
        },
    ),
    "resources:policy_version_publish": (
        {"slug": "peer-support-policy", "number": 1},
        {
            "GET": statuses(302, 403, 403, 405, site=403, other_site=403),
            "POST": statuses(302, 403, 403, 404, site=403, other_site=403),
        },
    ),
    "resources:policy_history": (
        {"slug": "peer-support-policy"},
        NETWORK_PAGE,
    ),
    # A site's version of a page: its coordinators (and the network's); site A's coordinator
    # gets the 404 of an unknown site. Publishing and removing need a saved version: none
    # exists in the world, hence 404 for those who may act.
    "resources:override_edit": (
        {"slug": "faq", "site": "site-b"},
        {
            "GET": statuses(302, 403, 403, 200, other_site=404),
            "POST": statuses(302, 403, 403, 200, other_site=404),
        },
    ),
    **{
        f"resources:{name}": (
            {"slug": "faq", "site": "site-b"},
            {
                "GET": statuses(302, 403, 403, 405),
                "POST": statuses(302, 403, 403, 404, other_site=404),
            },
        )
        for name in ["override_publish", "override_delete"]
    },
}

# A request of dan's, assigned to bob: none of the matrix's people may know it exists.
DANS_REQUEST = lambda world: {"pk": world["dans_request"].pk}  # noqa: E731
PRIVACY_OFFICER_PAGE = {
    "GET": statuses(302, 403, 403, 403, privacy_officer=200),
    "POST": statuses(302, 403, 403, 403, privacy_officer=405),
}
REQUEST_ACTION = {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 404, 404, 404)}
MATRIX.update(
    {
        "requests:mine": (None, EVERYONE_GET),
        "requests:new": (
            None,
            {"GET": statuses(302, 200, 200, 200), "POST": statuses(302, 200, 200, 200)},
        ),
        "requests:inbox": (
            None,
            {"GET": statuses(302, 403, 200, 403), "POST": statuses(302, 405, 405, 405)},
        ),
        "requests:dispatch": (None, COORDINATOR_PAGE),
        "requests:coordination": (None, COORDINATOR_PAGE),
        "requests:detail": (
            DANS_REQUEST,
            {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 405, 405, 405)},
        ),
        "requests:sent": (
            DANS_REQUEST,
            {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 405, 405, 405)},
        ),
        # Withdrawing and erasing: GET shows what will happen and asks for confirmation.
        **{
            f"requests:{name}": (
                DANS_REQUEST,
                {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 404, 404, 404)},
            )
            for name in ["withdraw", "erase"]
        },
        **{
            f"requests:{name}": (DANS_REQUEST, REQUEST_ACTION)
            for name in [
                "follow_up",
                "pass_on",
                "accept",
                "decline",
                "first_contact",
                "meeting",
                "escalate",
                "close",
            ]
        },  # fmt: skip
        # The privacy officer's duty (tests/support_requests/test_trail.py): every other role,
        # coordinators included, is refused before any lookup.
        "requests:trail_lookup": (None, PRIVACY_OFFICER_PAGE),
        "requests:trail": (DANS_REQUEST, PRIVACY_OFFICER_PAGE),
        # Coordinators act on a request only while it waits in the dispatch queue: dan's
        # accepted request is a 404 to them like an unknown id (every status: see below).
        "requests:assign": (
            DANS_REQUEST,
            {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 403, 403, 404)},
        ),
    }
)

# A second look at the request pages, with a request each capacity may see: the requester
# (carol), the peer it is offered to and the peer it is assigned to (alice), a coordinator
# while it waits in the dispatch queue (quinn). Their pages answer 200, and the header
# checks below (no-store above all) run on a page that holds a request.
NOT_CAROL = {"board": 404, "privacy_officer": 404}
SEEN = {
    "carols_request": statuses(302, 200, 404, 404, **NOT_CAROL),
    "offered_to_alice": statuses(302, 404, 200, 404),
    "assigned_to_alice": statuses(302, 404, 200, 404),
    # Site B's request in the queue: site A's coordinator may not know it exists.
    "in_the_queue": statuses(302, 404, 404, 200, other_site=404),
    # Accepted by alice, first contact overdue: in the coordinators' queue while overdue
    # (site B's, like the others: not for site A's coordinator).
    "overdue_with_alice": statuses(302, 404, 200, 200, other_site=404),
}
SEEN_CASES = (
    [
        ("requests:detail", key, "GET", role, expected)
        for key, row in SEEN.items()
        for role, expected in row.items()
    ]
    + [
        (name, "carols_request", "GET", role, expected)
        for name in ["requests:sent", "requests:withdraw"]
        for role, expected in statuses(302, 200, 404, 404, **NOT_CAROL).items()
    ]
    + [
        # "Someone else, please" is the requester's alone.
        ("requests:pass_on", "carols_request", "POST", role, expected)
        for role, expected in statuses(302, 302, 404, 404, **NOT_CAROL).items()
    ]
    + [
        # Assigning: the only 302 is a coordinator's on a request in the queue.
        ("requests:assign", key, "POST", role, statuses(302, 403, 403, 404)[role])
        for key in ["carols_request", "offered_to_alice", "assigned_to_alice", "overdue_with_alice"]
        for role in ROLES
    ]
    + [
        (
            "requests:assign",
            "in_the_queue",
            "POST",
            role,
            statuses(302, 403, 403, 302, other_site=404)[role],
        )
        for role in ROLES
    ]
)

# Reaching in (tests/support_requests/test_outreach.py, test_team_sessions.py). Dan's
# invitation is a 404 to everyone else, coordinators included, exactly as an unknown id.
DANS_INVITATION = lambda world: {"pk": world["invitation_for_dan"].pk}  # noqa: E731
EVERYONE_FORM = {"GET": statuses(302, 200, 200, 200), "POST": statuses(302, 200, 200, 200)}
MATRIX.update(
    {
        # The neutral page "Leave this page" opens: public, so that it answers after a
        # logout too, and says nothing.
        "away": (None, {"GET": statuses(200, 200, 200, 200), "POST": statuses(405, 405, 405, 405)}),
        "requests:outreach_list": (None, COORDINATOR_PAGE),
        "requests:outreach_new": (None, COORDINATOR_FORM),
        "requests:refer": (None, EVERYONE_FORM),
        "requests:invitation": (
            DANS_INVITATION,
            {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 404, 404, 404)},
        ),
        "requests:invitation_answer": (DANS_INVITATION, REQUEST_ACTION),
        "requests:team_sessions": (None, EVERYONE_FORM),
        "requests:team_session_manage": (None, COORDINATOR_PAGE),
        "requests:team_session_arrange": (
            lambda world: {"pk": world["team_session"].pk},
            {"GET": statuses(302, 405, 405, 405), "POST": statuses(302, 403, 403, 302)},
        ),
    }
)

# Programme figures: coordinators and the board, all GET.
FIGURES_PAGE = {
    "GET": statuses(302, 403, 403, 200, board=200),
    "POST": statuses(302, 403, 403, 405, board=405),
}
MATRIX.update(
    {
        "figures:dashboard": (None, FIGURES_PAGE),
        "figures:report": (None, FIGURES_PAGE),
        "figures:export": ({"table": "activity"}, FIGURES_PAGE),
    }
)

# OpenID Connect (accounts app): public, GET only. Without a configured provider both send
# everyone back to the login page with a message (tests/accounts cover the real flow).
MATRIX.update(
    {
        "oidc:authenticate": (
            None,
            {"GET": statuses(302, 302, 302, 302), "POST": statuses(405, 405, 405, 405)},
        ),
        "oidc:callback": (
            None,
            {"GET": statuses(302, 302, 302, 302), "POST": statuses(405, 405, 405, 405)},
        ),
    }
)

# Sites and departments: coordinators only. Confirming is a POST that redirects.
ONE_DEPARTMENT = lambda world: {"model": "departments", "pk": world["department"].pk}  # noqa: E731
MATRIX.update(
    {
        "organisation:list": ({"model": "departments"}, NETWORK_PAGE),
        "organisation:add": ({"model": "sites"}, NETWORK_FORM),
        "organisation:edit": (ONE_DEPARTMENT, NETWORK_FORM),
        "organisation:merge": (ONE_DEPARTMENT, NETWORK_FORM),
        "organisation:confirm": (ONE_DEPARTMENT, NETWORK_ACTION),
    }
)

# Evaluation (tests/evaluation): the questionnaire exists only behind a valid one-time token
# (404 without one, for everyone); a peer's burden pages are the peer's alone (404 for anybody
# without a peer record, as the peer's own page); the awareness survey is every staff member's;
# surveys and the headcounts are for coordinators; a survey's results and the annual report
# for coordinators and the board.
PEER_ONLY_PAGE = {"GET": statuses(302, 404, 200, 404), "POST": statuses(302, 405, 405, 405)}
MATRIX.update(
    {
        "evaluation:feedback": (
            None,
            {"GET": statuses(302, 404, 404, 404), "POST": statuses(302, 404, 404, 404)},
        ),
        "evaluation:burden": (
            None,
            {"GET": statuses(302, 404, 200, 404), "POST": statuses(302, 404, 200, 404)},
        ),
        "evaluation:my_burden": (None, PEER_ONLY_PAGE),
        "evaluation:burden_support": (None, PEER_ONLY_PAGE),
        "evaluation:pulse_answer": (
            None,
            {"GET": statuses(302, 200, 200, 200), "POST": statuses(302, 200, 200, 200)},
        ),
        "evaluation:pulses": (None, COORDINATOR_FORM),
        "evaluation:pulse_results": (lambda world: {"pk": world["pulse"].pk}, FIGURES_PAGE),
        "evaluation:staff_counts": (None, COORDINATOR_FORM),
        "figures:annual": (None, FIGURES_PAGE),
        "figures:annual_export": ({"table": "annual_activity"}, FIGURES_PAGE),
    }
)

# Routes whose anonymous 302 is not the login redirect (they are public).
PUBLIC_REDIRECTS = {"away", "login", "logout", "set_language", "oidc:authenticate", "oidc:callback"}


def project_routes(patterns=None, namespace=""):
    """Every named route of the project, as 'namespace:name'."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_routes(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"route {pattern.pattern} has no name"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_is_in_the_matrix():
    assert project_routes() == set(MATRIX)


def site_people():
    """Sites A and B, and the site-scoped people: sam coordinates site B (the world's),
    otto site A, bella sits on site B's board."""
    site_a = Site.objects.create(code="site-a", name_en="Site A")
    site_b = Site.objects.create(code="site-b", name_en="Site B")

    def granted(username, role, site):
        user = make_user(username)
        RoleGrant.objects.create(user=user, role=role, site=site)
        return user

    return site_b, {
        "site_coordinator": granted("sam", RoleGrant.Role.COORDINATOR, site_b),
        "other_site_coordinator": granted("otto", RoleGrant.Role.COORDINATOR, site_a),
        "site_board": granted("bella", RoleGrant.Role.BOARD, site_b),
    }


def build_world(person):
    erin = make_user("erin")
    site_b, site_users = site_people()
    bob_peer = person["bob"].peer_profile
    bob_peer.site = site_b
    bob_peer.save()
    alice_peer = person["alice"].peer_profile
    dan, carol = person["dan"], person["carol"]

    def make_request(requester, **fields):
        return make_site_request(requester, site=site_b, **fields)

    return {
        "site_users": site_users,
        "bob_peer": bob_peer,
        "department": bob_peer.department,
        "dans_request": make_request(dan, assigned_to=bob_peer),
        "carols_request": make_request(carol, offered_to=bob_peer),
        "offered_to_alice": make_request(dan, offered_to=alice_peer),
        "assigned_to_alice": make_request(dan, assigned_to=alice_peer),
        "in_the_queue": make_request(dan, status=Status.DISPATCH),
        "bobs_time_away": TimeAway.objects.create(
            peer=bob_peer, first_day=date.today(), last_day=date.today() + timedelta(days=7)
        ),
        "bobs_shift": OnCallShift.objects.create(
            site=site("Oncopole"), peer=bob_peer, starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=12),
        ),
        "overdue_with_alice": make_request(
            dan, assigned_to=alice_peer, contact_overdue_at=timezone.now()
        ),
        "nomination_for_dan": Nomination.objects.create(
            nominator=bob_peer, nominee=dan, profession="physician", department="Surgery",
            motivation="m",
        ),
        "invitation_for_dan": Invitation.objects.create(invitee=dan, source="referral"),
        "team_session": TeamSession.objects.create(requested_by=dan, headcount="6_10"),
        "pulse": AwarenessPulse.objects.create(
            opens_on=date(2025, 1, 6), closes_on=date(2025, 1, 20)
        ),
        "consented_nomination": Nomination.objects.create(
            nominator=bob_peer, nominee=erin, profession="nurse", department="ICU",
            motivation="m", state=Nomination.State.AWAITING_COORDINATORS,
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def module_people_and_world(django_db_setup, django_db_blocker):
    """The people and the world of the matrix, built once for the module's ~1,000 cases
    instead of once per case. They live in a transaction opened here and rolled back when
    the module ends; each test runs in a savepoint inside it (pytest-django's `db`), so what
    a case changes is undone before the next one."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            person = {name: build() for name, build in people.PEOPLE.items()}
            yield person, build_world(person)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def person(module_people_and_world, db, _emails_carry_a_link_only):
    """The module's people; their names are noted for the link-only check of e-mails, as
    those of people built in the test are."""
    person, world = module_people_and_world
    secrets = _emails_carry_a_link_only
    for user in person.values():
        secrets.names.update(
            value for value in [user.first_name, user.last_name, user.username] if value
        )
    for item in world.values():
        if isinstance(item, SupportRequest):
            secrets.texts.update(value for value in [item.message, item.contact_detail] if value)
    return person


@pytest.fixture
def world(module_people_and_world, person):
    return module_people_and_world[1]


# The named people are the module's, not new ones (the usernames are unique).
@pytest.fixture
def users_by_role(person, world):
    return {**people.by_role(person), **world["site_users"]}


@pytest.fixture
def quinn(person):
    return person["quinn"]


@pytest.fixture
def bob(person):
    return person["bob"]


@pytest.fixture
def dan(person):
    return person["dan"]


def cases():
    for name, (kwargs, methods) in MATRIX.items():
        for method, expected in methods.items():
            assert set(expected) == set(ROLES), f"{name} {method} must list every role"
            for role in ROLES:
                yield pytest.param(
                    name, kwargs, method, role, expected[role], id=f"{name}-{method}-{role}"
                )


@pytest.mark.parametrize(("name", "kwargs", "method", "role", "expected"), list(cases()))
def test_role_gets_expected_status(
    client, users_by_role, world, name, kwargs, method, role, expected
):
    if role != "anonymous":
        client.force_login(users_by_role[role])
    url = reverse(name, kwargs=kwargs(world) if callable(kwargs) else kwargs or None)
    check(client, name, url, method, role, expected)


@pytest.mark.parametrize(
    ("name", "key", "method", "role", "expected"),
    [pytest.param(*case, id="-".join(case[:4])) for case in SEEN_CASES],
)
def test_each_capacity_gets_expected_status_on_a_request_it_may_see(
    client, users_by_role, world, name, key, method, role, expected
):
    if role != "anonymous":
        client.force_login(users_by_role[role])
    check(client, name, reverse(name, args=[world[key].pk]), method, role, expected)


def test_a_request_page_is_seen_by_every_capacity():
    """Guards the second look: a request page answered 200 to someone, so the header
    checks ran on one."""
    seen = {role for name, _, _, role, expected in SEEN_CASES if expected == 200}
    assert seen == {"staff", "peer", "coordinator", "site_coordinator"}


def check(client, name, url, method, role, expected):
    response = getattr(client, method.lower())(url)
    assert response.status_code == expected
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        if name.startswith("requests:"):
            assert "no-store" in response["Cache-Control"]
    if role == "anonymous" and expected == 302 and name not in PUBLIC_REDIRECTS:
        assert response["Location"].startswith(reverse("login") + "?next=")
        assert response.content == b""


def test_admin_is_closed_to_non_staff_accounts(client, quinn):
    client.force_login(quinn)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("status", [*Status.values, "purged"])
def test_assigning_is_a_404_on_every_status_but_in_the_queue(client, quinn, bob, dan, status):
    """Coordinators act on a request only while it waits in the queue; in any other state
    the assign route answers exactly what an unknown id answers, and nothing changes."""
    support_request = make_request(dan, status=Status.DISPATCH if status == "purged" else status)
    if status == "purged":
        support_request.purged_at = support_request.created_at
        support_request.save()
    client.force_login(quinn)
    data = {"peer": bob.peer_profile.pk}
    response = client.post(reverse("requests:assign", args=[support_request.pk]), data)
    if status == Status.DISPATCH:
        assert response.status_code == 302
        return
    unknown_id = uuid.uuid4()
    unknown = client.post(reverse("requests:assign", args=[unknown_id]), data)
    assert response.status_code == unknown.status_code == 404
    assert comparable(response, support_request.pk) == comparable(unknown, unknown_id)
    support_request.refresh_from_db()
    assert support_request.assigned_peer is None
