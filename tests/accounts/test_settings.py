"""The sign-in backends follow the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_BACKENDS = (
    "import json, svsupport.settings as s; print(json.dumps(s.AUTHENTICATION_BACKENDS))"
)


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "LDAP_"))}
    return subprocess.run(
        [sys.executable, "-c", PRINT_BACKENDS],
        cwd=ROOT,
        env={**clean, "SVSUPPORT_READ_DOTENV": "false", "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def backends(**env):
    result = settings_with(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_axes_guards_local_passwords_only():
    assert backends() == [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.LocalPasswordBackend",
    ]


def test_an_issuer_and_a_directory_add_their_backends_behind_axes():
    assert backends(
        OIDC_ISSUER="https://login.hospital.example", LDAP_SERVER_URI="ldaps://dc.example"
    ) == [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.OIDCBackend",
        "accounts.ldap_backend.LDAPBackend",
        "accounts.backends.LocalPasswordBackend",
    ]


def test_an_unknown_group_type_is_refused_at_start_up():
    result = settings_with(LDAP_SERVER_URI="ldap://dc.example", LDAP_GROUP_TYPE="posix")
    assert result.returncode != 0
    assert "LDAP_GROUP_TYPE must be one of groupOfNames, activeDirectory" in result.stderr
