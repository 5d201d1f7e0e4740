"""Strict settings and the system checks that catch a dangerous configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

ROOT = Path(__file__).resolve().parents[2]


def import_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_SALTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import svsupport.settings"],
        cwd=ROOT,
        env={**clean, "SVSUPPORT_READ_DOTENV": "false", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_is_off_unless_set_and_then_a_secret_key_is_required():
    result = import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = import_settings(DEBUG="perhaps")
    assert result.returncode != 0


def test_settings_load_with_a_secret_key_and_salts_and_no_debug():
    assert import_settings(SECRET_KEY="x" * 50, FIELD_ENCRYPTION_SALTS="s").returncode == 0


def test_without_debug_the_encryption_salts_are_required():
    result = import_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_SALTS is required" in result.stderr


def error_ids():
    return {message.id for message in run_checks(include_deployment_checks=False)}


def test_public_hosts_over_plain_http_are_an_error(settings):
    settings.ALLOWED_HOSTS = ["svsupport.hospital.example"]
    settings.HTTPS = False
    assert "svsupport.E001" in error_ids()


def test_loopback_over_plain_http_is_fine(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.HTTPS = False
    settings.DEBUG = False
    assert not {"svsupport.E001", "svsupport.E002"} & error_ids()


def test_debug_with_public_hosts_is_an_error(settings):
    settings.ALLOWED_HOSTS = ["svsupport.hospital.example"]
    settings.HTTPS = True
    settings.DEBUG = True
    assert "svsupport.E002" in error_ids()


def test_https_on_sqlite_is_warned(settings, monkeypatch):
    settings.HTTPS = True
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    assert "svsupport.W003" in error_ids()


def test_a_negative_proxy_count_is_an_error(settings):
    settings.TRUSTED_PROXY_HOPS = -1
    assert "svsupport.E004" in error_ids()


def env_names_read_by_settings():
    import re

    source = (ROOT / "svsupport" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))


def test_every_environment_variable_is_documented_in_env_example():
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    names = env_names_read_by_settings()
    assert len(names) > 10
    assert names - documented == set()


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.9"),
        (1, "6.6.6.6, 192.0.2.7", "192.0.2.7"),
        (2, "6.6.6.6, 192.0.2.7, 10.0.0.2", "192.0.2.7"),
        (2, "192.0.2.7", "10.0.0.9"),
    ],
)
def test_the_client_ip_comes_from_the_trusted_proxy_hop_only(
    rf, settings, hops, forwarded, expected
):
    from svsupport.lib.http import client_ip

    settings.TRUSTED_PROXY_HOPS = hops
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == expected


def test_log_lines_stay_one_line_whatever_is_typed():
    import logging

    from svsupport.lib.logging import OneLineFormatter

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "name=%s", ("a\r\nFAKE b",), None)
    assert "\n" not in OneLineFormatter().format(record)
    assert "a\\r\\nFAKE b" in OneLineFormatter().format(record)


@pytest.mark.parametrize("rate", ["5", "5/week", "-1/h", "²/h", "0/h", "five/h"])
def test_a_malformed_submission_rate_is_refused(rate):
    result = import_settings(DEBUG="true", REQUEST_SUBMIT_RATE=rate)
    assert result.returncode != 0
    assert "REQUEST_SUBMIT_RATE" in result.stderr


def test_the_submission_rate_reads_a_count_per_period():
    from datetime import timedelta

    from svsupport.settings import submission_rate

    assert submission_rate("5/h") == (5, timedelta(hours=1))
    assert submission_rate("20/d") == (20, timedelta(days=1))
    assert submission_rate("0") is None
