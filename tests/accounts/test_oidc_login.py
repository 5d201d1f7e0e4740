"""OpenID Connect sign-in against a real oidc-provider; the callback is also driven with
crafted answers a browser cannot produce."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import messages
from accounts.models import DirectoryAccount
from svsupport.lib import roles
from tests.accounts import oidc_server
from tests.accounts.helpers import directory_facts
from tests.people import make_user

User = get_user_model()
START = reverse("oidc:authenticate")
CALLBACK = reverse("oidc:callback")


def start(client, next_url=None):
    """The app's redirect to the provider; returns (authorize URL, its query)."""
    response = client.get(START, {"next": next_url} if next_url else None)
    assert response.status_code == 302
    return response["Location"], parse_qs(urlparse(response["Location"]).query)


def sign_in(client, login):
    authorize_url, _ = start(client)
    callback_url = oidc_server.sign_in_at_provider(authorize_url, login)
    return callback_url, client.get(callback_url.removeprefix("http://testserver"))


def flashed(client):
    response = client.get(reverse("login"))
    return [str(message) for message in response.context["messages"]]


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_login_page_offers_the_provider_first_as_a_link(client, oidc):
    response = client.get(reverse("login"), {"next": "/peers/"})
    html = response.content.decode()
    link = f'href="{START}?next=/peers/"'
    assert link in html or f'href="{START}?next=%2Fpeers%2F"' in html
    assert html.index("Sign in with Test provider") < html.index('<form method="post" novalidate>')


def test_the_request_carries_state_nonce_and_a_pkce_challenge(client, oidc):
    authorize_url, query = start(client)
    assert authorize_url.startswith(f"{oidc.issuer}/auth")
    assert query["client_id"] == [oidc_server.CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]


def test_a_first_sign_in_creates_the_account_from_the_claims(client, oidc):
    _, response = sign_in(client, "sophie")
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    sophie = User.objects.get(username="sophie.leroy")
    assert (sophie.first_name, sophie.last_name, sophie.email) == (
        "Sophie",
        "Leroy",
        "sophie.leroy@hospital.example",
    )
    assert not sophie.has_usable_password()
    link = sophie.directory_account
    assert (link.source, link.subject) == (DirectoryAccount.Source.OIDC, "sophie")
    assert directory_facts(link.user) == ("Hôpital Nord", "Chirurgie", "midwife")
    # Coordinator by the provider's group: the registry opens.
    assert client.get(reverse("peers:manage")).status_code == 200


def test_accounts_are_matched_by_sub_not_by_username(client, oidc):
    sign_in(client, "sophie")
    sophie = User.objects.get(username="sophie.leroy")
    sophie.username = "renamed-by-it"
    sophie.save()
    client.post(reverse("logout"))
    sign_in(client, "sophie")
    assert User.objects.filter(directory_account__subject="sophie").count() == 1
    assert int(client.session["_auth_user_id"]) == sophie.pk


def test_a_user_in_no_configured_group_gets_403_on_coordinator_and_board_pages(client, oidc):
    sign_in(client, "victor")
    assert signed_in(client)
    for name in ["peers:manage", "requests:dispatch", "figures:dashboard"]:
        assert client.get(reverse(name)).status_code == 403, name


def test_without_group_settings_roles_stay_as_granted_in_the_app(client, oidc, settings):
    settings.OIDC_COORDINATOR_GROUPS = []
    settings.OIDC_BOARD_GROUPS = []
    sign_in(client, "victor")
    victor = User.objects.get(username="victor.blanc")
    victor.groups.add(make_user("x", roles.COORDINATORS_GROUP).groups.get())
    client.post(reverse("logout"))
    sign_in(client, "victor")
    assert victor.groups.filter(name=roles.COORDINATORS_GROUP).exists()


def test_missing_claims_give_an_account_with_blanks(client, oidc):
    _, response = sign_in(client, "bare")
    assert response["Location"] == reverse("landing")
    bare = User.objects.get(directory_account__subject="bare")
    assert bare.username == "bare"  # neither preferred_username nor e-mail: the sub
    assert (bare.first_name, bare.last_name, bare.email) == ("", "", "")
    link = bare.directory_account
    assert directory_facts(link.user) == ("", "", "")


def test_an_account_prepared_for_single_sign_on_is_claimed_by_its_owner(client, oidc):
    prepared = User.objects.create_user("victor.blanc", password=None)
    sign_in(client, "victor")
    assert int(client.session["_auth_user_id"]) == prepared.pk


def test_a_local_account_of_the_same_name_is_never_taken_over(client, oidc):
    make_user("victor.blanc")  # has a password: not prepared for single sign-on
    _, response = sign_in(client, "victor")
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert flashed(client) == [str(messages.NO_ACCOUNT)]


def test_a_wrong_state_is_refused_with_a_message(client, oidc):
    start(client)
    response = client.get(CALLBACK, {"code": "anything", "state": "not-the-one-we-sent"})
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert flashed(client) == [str(messages.WRONG_STATE)]


def test_a_replayed_callback_is_refused(client, oidc):
    callback_url, _ = sign_in(client, "victor")
    client.post(reverse("logout"))
    response = client.get(callback_url.removeprefix("http://testserver"))
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert flashed(client) == [str(messages.WRONG_STATE)]


def test_a_used_code_is_refused_by_the_provider_even_with_a_fresh_state(client, oidc):
    callback_url, _ = sign_in(client, "victor")
    client.post(reverse("logout"))
    code = parse_qs(urlparse(callback_url).query)["code"][0]
    _, query = start(client)
    response = client.get(CALLBACK, {"code": code, "state": query["state"][0]})
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert flashed(client) == [str(messages.CODE_REFUSED)]


def test_a_cancelled_sign_in_says_so(client, oidc):
    _, query = start(client)
    response = client.get(CALLBACK, {"error": "access_denied", "state": query["state"][0]})
    assert response["Location"] == reverse("login")
    assert flashed(client) == [str(messages.CANCELLED)]


# Crafted answers. The token endpoint is replaced by a stand-in that hands the app the
# token under test; the signing keys are still the real provider's JWKS.


class TokenEndpoint:
    def __init__(self):
        self.id_token = None
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.dumps(
                    {"id_token": endpoint.id_token, "access_token": "x", "token_type": "Bearer"}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/token"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def crafted(oidc, monkeypatch):
    from accounts import backends
    from accounts.oidc import provider_configuration

    endpoint = TokenEndpoint()
    real = provider_configuration()
    monkeypatch.setattr(
        backends,
        "provider_configuration",
        lambda: {**real, "OIDC_OP_TOKEN_ENDPOINT": endpoint.url},
    )
    yield endpoint
    endpoint.server.shutdown()


def claims(nonce, **changes):
    now = int(time.time())
    values = {
        "iss": None,
        "sub": "victor",
        "aud": oidc_server.CLIENT_ID,
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
    }
    return {**values, **changes}


def callback_with(client, crafted, make_token):
    _, query = start(client)
    crafted.id_token = make_token(query["nonce"][0])
    return client.get(CALLBACK, {"code": "crafted", "state": query["state"][0]})


CASES = {
    "wrong audience": lambda p, n: p.sign(claims(n, iss=p.issuer, aud="another-client")),
    "wrong issuer": lambda p, n: p.sign(claims(n, iss="http://evil.example")),
    "wrong nonce": lambda p, n: p.sign(claims("another-nonce", iss=p.issuer)),
    "signed by another key": lambda p, n: p.sign(
        claims(n, iss=p.issuer), key=oidc_server.new_private_key()
    ),
    "alg none": lambda p, n: jwt.encode(claims(n, iss=p.issuer), None, algorithm="none"),
    "HS256 with the public key as secret": lambda p, n: jwt.encode(
        claims(n, iss=p.issuer), "a-secret-of-thirty-two-bytes-or-more", algorithm="HS256"
    ),
    "not a token": lambda p, n: "not.a.token",
}


@pytest.mark.parametrize("case", CASES)
def test_an_unverifiable_id_token_is_refused_with_a_message(client, oidc, crafted, case):
    response = callback_with(client, crafted, lambda nonce: CASES[case](oidc, nonce))
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert not User.objects.exists()
    assert flashed(client) == [str(messages.TOKEN_INVALID)]


def test_an_expired_id_token_is_refused_with_a_message(client, oidc, crafted):
    past = int(time.time()) - 3600
    response = callback_with(
        client, crafted, lambda n: oidc.sign(claims(n, iss=oidc.issuer, iat=past, exp=past + 60))
    )
    assert response["Location"] == reverse("login")
    assert not signed_in(client)
    assert flashed(client) == [str(messages.TOKEN_EXPIRED)]


def test_a_valid_crafted_token_passes_the_checks_and_then_needs_the_provider(client, oidc, crafted):
    """The control case: a token right in every respect reaches the userinfo call, which
    the real provider refuses for the stand-in's access token."""
    response = callback_with(client, crafted, lambda n: oidc.sign(claims(n, iss=oidc.issuer)))
    assert response["Location"] == reverse("login")
    assert flashed(client) == [str(messages.CODE_REFUSED)]


def test_failed_callbacks_from_a_ward_never_lock_single_sign_on_for_it(client, oidc, settings):
    """Brute force is the provider's business: refused callbacks from one address (a ward
    behind NAT) must not lock everyone's single sign-on there."""
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _, query = start(client)
        client.get(CALLBACK, {"code": "wrong", "state": query["state"][0]})
    _, response = sign_in(client, "victor")
    assert response["Location"] == reverse("landing")
    assert signed_in(client)
