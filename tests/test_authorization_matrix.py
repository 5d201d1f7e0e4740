"""The authorization matrix: role x URL x method -> expected status.

Every route of the project must appear here: `test_every_route_is_in_the_matrix` fails
when a view is added without its row, so a new URL is deny-tested by construction.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "staff", "peer", "coordinator"]

# Django's admin is IT support's tool, gated by is_staff; one row checks its door.
EXCLUDED_NAMESPACES = {"admin"}

# url name -> (reverse kwargs, {method: {role: status}})
# 302 for anonymous means: redirected to the login page (checked below).
MATRIX = {
    "home": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "healthz": (
        {},
        {
            "GET": {"anonymous": 200, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 405, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "login": (
        {},
        {
            "GET": {"anonymous": 200, "staff": 302, "peer": 302, "coordinator": 302},
            "POST": {"anonymous": 200, "staff": 302, "peer": 302, "coordinator": 302},
        },
    ),
    "logout": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 302, "peer": 302, "coordinator": 302},
        },
    ),
    "set_language": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 302, "peer": 302, "coordinator": 302},
            "POST": {"anonymous": 302, "staff": 302, "peer": 302, "coordinator": 302},
        },
    ),
    "role_members": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    # The support pathway (resources app). Default content comes from its data migration:
    # page `faq`, story 1, 24/7 line 1, policy `peer-support-policy` version 1.
    "resources:pathway": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:search": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:poster": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:self_assessment": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:page": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:stories": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:story": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:policies": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:policy": (
        {"slug": "peer-support-policy"},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:policy_version": (
        {"slug": "peer-support-policy", "number": 1},
        {
            "GET": {"anonymous": 302, "staff": 200, "peer": 200, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 405, "peer": 405, "coordinator": 405},
        },
    ),
    "resources:manage": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:page_edit": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:page_draft": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:page_publish": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 302},
        },
    ),
    "resources:page_discard": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 302},
        },
    ),
    "resources:page_history": (
        {"slug": "faq"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:manage_stories": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:story_create": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:story_edit": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:story_draft": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:story_publish": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 302},
        },
    ),
    "resources:story_withdraw": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 302},
        },
    ),
    "resources:story_history": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:hotlines": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:hotline_create": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:hotline_edit": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:hotline_history": (
        {"pk": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
    "resources:policy_create": (
        {},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
        },
    ),
    "resources:policy_version_create": (
        {"slug": "peer-support-policy"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 302},
        },
    ),
    "resources:policy_version_edit": (
        {"slug": "peer-support-policy", "number": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 404},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 404},
        },
    ),
    "resources:policy_version_publish": (
        {"slug": "peer-support-policy", "number": 1},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 404},
        },
    ),
    "resources:policy_history": (
        {"slug": "peer-support-policy"},
        {
            "GET": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 200},
            "POST": {"anonymous": 302, "staff": 403, "peer": 403, "coordinator": 405},
        },
    ),
}

# Routes whose anonymous 302 is not the login redirect (they are public).
PUBLIC_REDIRECTS = {"login", "logout", "set_language"}


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


def cases():
    for name, (kwargs, methods) in MATRIX.items():
        for method, expected in methods.items():
            assert set(expected) == set(ROLES), f"{name} {method} must list every role"
            for role in ROLES:
                yield pytest.param(
                    name, kwargs, method, role, expected[role], id=f"{name}-{method}-{role}"
                )


@pytest.mark.parametrize(("name", "kwargs", "method", "role", "expected"), list(cases()))
def test_role_gets_expected_status(client, users_by_role, name, kwargs, method, role, expected):
    if role != "anonymous":
        client.force_login(users_by_role[role])
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method.lower())(url)
    assert response.status_code == expected
    if role == "anonymous" and expected == 302 and name not in PUBLIC_REDIRECTS:
        assert response["Location"].startswith(reverse("login") + "?next=")
        assert response.content == b""


def test_admin_is_closed_to_non_staff_accounts(client, quinn):
    client.force_login(quinn)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
