from django.test import Client
from django.urls import reverse


def test_logout_without_csrf_token_is_refused_and_keeps_the_session(carol):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("home")).status_code == 200


def test_language_switch_without_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 403
    assert "django_language" not in response.cookies
