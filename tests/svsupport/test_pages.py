"""Home, health check, error pages and the coordinators' roles page."""

from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse

from svsupport import urls as project_urls


def test_home_shows_the_three_steps(client, carol):
    client.force_login(carol)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Talk to a colleague now" in content
    assert "Debrief with your ward" in content
    assert "Meet a peer supporter" in content
    assert content.count("<h1") == 1


def test_every_page_carries_the_24_7_help(client, carol):
    assert "0 805 23 23 36" in client.get(reverse("login")).content.decode()
    client.force_login(carol)
    for url in [reverse("home"), "/no-such-page/"]:
        assert "0 805 23 23 36" in client.get(url).content.decode()


def test_the_footer_shows_the_release_of_the_changelog(client, db):
    from svsupport import __version__

    changelog = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text()
    assert f"\n## {__version__} " in changelog
    assert f"svsupport version {__version__}" in client.get(reverse("login")).content.decode()
    french = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"svsupport version {__version__}" in french


def test_healthz_answers_ok_after_a_database_round_trip(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_without_detail_when_the_database_is_down(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused to 10.1.2.3 password=secret")

    monkeypatch.setattr("svsupport.views.connection", UnreachableDatabase())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def raise_operational_error(request):
    raise OperationalError("server closed the connection unexpectedly")


def raise_value_error(request):
    raise ValueError("secret field value 4242")


urlpatterns = [
    path("boom/db/", raise_operational_error),
    path("boom/", raise_value_error),
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500


@pytest.mark.urls(__name__)
def test_a_lost_database_gives_a_plain_503_page(carol):
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    response = client.get("/boom/db/")
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content
    assert b"server closed" not in response.content
    assert response["Retry-After"] == "30"


@pytest.mark.urls(__name__)
def test_an_unexpected_error_gives_a_generic_500_without_traceback(carol, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"4242" not in response.content
    assert b"Traceback" not in response.content


def test_the_404_page_is_friendly_and_in_french_on_request(client, carol):
    client.force_login(carol)
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_403_page_explains_the_refusal(client, carol):
    client.force_login(carol)
    response = client.get(reverse("peers:manage"))
    assert response.status_code == 403
    assert b"This page is not for your role" in response.content
