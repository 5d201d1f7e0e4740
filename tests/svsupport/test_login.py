import pytest
from django.test import Client
from django.urls import reverse

from tests.people import PASSWORD

LOGIN = reverse("login")


def log_in(client, username, password=PASSWORD, next_url=None, **extra):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data, **extra)


def test_it_logs_a_user_in_and_sends_them_home(client, carol):
    response = log_in(client, "carol")
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    assert client.get(reverse("landing"))["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_it_rotates_the_session_key_at_login(client, carol):
    client.get(LOGIN)
    session = client.session  # an anonymous session exists before logging in
    session["probe"] = True
    session.save()
    before = client.cookies["sessionid"].value
    log_in(client, "carol")
    assert client.cookies["sessionid"].value != before


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example", "https://evil.example/", "javascript:alert(1)", "/\\evil.example"],
)
def test_it_refuses_to_redirect_off_site(client, carol, next_url):
    response = log_in(client, "carol", next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")


def test_it_follows_a_local_next(client, carol):
    response = log_in(client, "carol", next_url="/peers/")
    assert response["Location"] == "/peers/"


def test_a_wrong_password_shows_an_error_without_saying_which_field(client, carol):
    response = log_in(client, "carol", password="wrong")
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_it_locks_a_username_from_one_address_after_five_failures(client, carol, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "carol", password="wrong", REMOTE_ADDR="10.0.0.1")
    locked = log_in(client, "carol", REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert b"15 minutes" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lock_spares_the_same_user_at_another_computer(client, carol, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "carol", password="wrong", REMOTE_ADDR="10.0.0.1")
    response = log_in(Client(), "carol", REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_the_lock_spares_other_users_behind_the_same_address(client, carol, dan, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "carol", password="wrong", REMOTE_ADDR="10.0.0.1")
    response = log_in(Client(), "dan", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, carol, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.db.models import F

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "carol", password="wrong", REMOTE_ADDR="10.0.0.1")
    # Age the failures instead of waiting: they now lie beyond the cool-off.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    assert log_in(client, "carol", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_login_without_csrf_token_is_refused(carol):
    client = Client(enforce_csrf_checks=True)
    response = log_in(client, "carol")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, carol):
    client.force_login(carol)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == LOGIN
    assert client.get(reverse("home")).status_code == 302


def test_the_session_ends_after_thirty_idle_minutes_but_not_while_in_use(
    client, carol, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    log_in(client, "carol")
    start = timezone.now()
    for minutes, expected in [(29, 200), (58, 200), (89, 302)]:
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr("django.utils.timezone.now", lambda moment=moment: moment)
        assert client.get(reverse("home")).status_code == expected, minutes


def test_an_inactive_account_cannot_log_in(client, carol):
    carol.is_active = False
    carol.save()
    assert log_in(client, "carol").status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", ["a" * 100_000, "a" + "\u0301" * 5_000])
def test_an_absurdly_long_username_is_a_plain_login_error(client, carol, username):
    response = client.post(reverse("login"), {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_a_session_in_use_is_written_at_most_once_a_minute(client, carol, monkeypatch):
    """The idle timeout still counts from the last request (to the minute), without a
    session write on every page view."""
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    log_in(client, "carol")
    start = timezone.now()

    def session_writes_at(seconds):
        moment = start + timedelta(seconds=seconds)
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)

    assert session_writes_at(90) == 1
    assert session_writes_at(100) == 0
    assert session_writes_at(149) == 0
    assert session_writes_at(151) == 1
