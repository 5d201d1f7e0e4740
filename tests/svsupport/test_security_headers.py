"""Security headers on every page, logged in or not."""

import pytest
from django.urls import reverse

PAGES = [
    ("home", True),
    ("login", False),
    ("healthz", False),
    ("peers:directory", True),
    ("peers:manage", True),
]


@pytest.mark.parametrize(("name", "as_coordinator"), PAGES)
def test_every_page_sends_the_security_headers(client, quinn, name, as_coordinator):
    if as_coordinator:
        client.force_login(quinn)
    response = client.get(reverse(name))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_hold_no_inline_script_or_style(client, quinn):
    client.force_login(quinn)
    for name in ["home", "peers:directory", "peers:manage", "peers:directory_print"]:
        content = client.get(reverse(name)).content.decode()
        assert "<script>" not in content
        assert " style=" not in content
        assert "<style" not in content


def test_the_404_page_is_framed_by_the_same_headers(client, carol):
    client.force_login(carol)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
