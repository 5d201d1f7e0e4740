"""A real OpenID provider for the tests: tests/oidc_provider/provider.js (the certified
`oidc-provider` from npm) started with node on a free loopback port.

The tests generate the provider's RSA signing key and hand it over, so that they can also
sign crafted tokens with the provider's own key (wrong audience, expired) where a browser
cannot produce them."""

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.accounts.slapd import free_port, wait_for_port

FOLDER = Path(__file__).resolve().parents[1] / "oidc_provider"
CLIENT_ID = "svsupport"
CLIENT_SECRET = "svsupport-test-secret"  # noqa: S105
KEY_ID = "test-signing-key"

# Sophie coordinates (group quality-office), Victor is in no group, Bare has no claims.
ACCOUNTS = {
    "sophie": {
        "preferred_username": "sophie.leroy",
        "given_name": "Sophie",
        "family_name": "Leroy",
        "email": "sophie.leroy@hospital.example",
        "email_verified": True,
        "department": "Chirurgie",
        "site": "Hôpital Nord",
        "profession": "midwife",
        "groups": ["quality-office", "all-staff"],
    },
    "victor": {
        "preferred_username": "victor.blanc",
        "given_name": "Victor",
        "family_name": "Blanc",
        "email": "victor.blanc@hospital.example",
        "department": "Pharmacy",
        "site": "Hôpital Sud",
        "profession": "pharmacist",
        "groups": ["all-staff"],
    },
    "bare": {},
}


@dataclass
class OpenIDProvider:
    issuer: str
    private_key: rsa.RSAPrivateKey
    process: subprocess.Popen = field(repr=False)

    def sign(self, claims, *, key=None, headers=None):
        """A token signed like the provider's own (RS256, its key id)."""
        return jwt.encode(
            claims,
            key or self.private_key,
            algorithm="RS256",
            headers={"kid": KEY_ID, **(headers or {})},
        )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def new_private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def start_provider(redirect_uris):
    if not (FOLDER / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError(f"oidc-provider is missing: run `npm ci` in {FOLDER}")
    private_key = new_private_key()
    jwk = {**RSAAlgorithm.to_jwk(private_key, as_dict=True), "kid": KEY_ID, "use": "sig"}
    config = {
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            }
        ],
        "accounts": ACCOUNTS,
        "jwks": {"keys": [jwk]},
    }
    port = free_port()
    process = subprocess.Popen(
        ["node", "provider.js"],
        cwd=FOLDER,
        env={**os.environ, "PORT": str(port), "OIDC_TEST_CONFIG": json.dumps(config)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    provider = OpenIDProvider(f"http://127.0.0.1:{port}", private_key, process)
    try:
        wait_for_port(port, process, "oidc-provider")
    except Exception:
        provider.stop()
        raise
    return provider


def sign_in_at_provider(authorize_url, login, stop_at="http://testserver"):
    """Walks the provider's own login and consent pages as a browser would and returns the
    URL it sends the browser back to (the app's callback, with code and state)."""
    session = requests.Session()
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    for _ in range(10):
        location = response.headers.get("Location")
        if location:
            url = urljoin(response.url, location)
            if url.startswith(stop_at):
                return url
            response = session.get(url, allow_redirects=False, timeout=10)
            continue
        action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert action, response.text[:500]
        if 'name="login"' in response.text:
            data = {"prompt": "login", "login": login, "password": "any password"}
        else:
            data = {"prompt": "consent"}
        response = session.post(
            urljoin(response.url, action.group(1)), data=data, allow_redirects=False, timeout=10
        )
    raise AssertionError("the provider never sent the browser back")


def wait_until(predicate, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
