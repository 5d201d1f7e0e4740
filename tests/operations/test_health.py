"""Liveness, readiness and the clock's heartbeat, as a probe and `manage.py healthcheck`
see them."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone

from operations import health
from operations.models import Heartbeat
from support_requests.clock import tick


def test_liveness_answers_ok_while_the_database_answers(client, db):
    response = client.get(reverse("operations:live"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"].startswith("max-age=0")


def test_readiness_fails_naming_the_clock_until_the_clock_has_run(client, db):
    response = client.get(reverse("operations:ready"))
    assert response.status_code == 503
    assert response.content == b"clock failing\n"

    call_command("tick")
    response = client.get(reverse("operations:ready"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readiness_fails_when_the_clock_has_not_run_for_five_minutes(client, db, settings):
    assert settings.CLOCK_STALE_MINUTES == 5
    tick()
    Heartbeat.objects.filter(name="clock").update(
        last_run=timezone.now() - timedelta(minutes=4, seconds=50)
    )
    assert client.get(reverse("operations:ready")).status_code == 200
    Heartbeat.objects.filter(name="clock").update(
        last_run=timezone.now() - timedelta(minutes=5, seconds=10)
    )
    assert client.get(reverse("operations:ready")).content == b"clock failing\n"


def test_a_simulated_tick_records_the_real_time_of_the_run(db):
    tick(now=timezone.now() + timedelta(days=30))
    last = Heartbeat.objects.get(name="clock").last_run
    assert abs(timezone.now() - last) < timedelta(seconds=5)


def test_readiness_fails_while_a_migration_of_the_release_is_not_applied(client, db, monkeypatch):
    tick()
    # A new release's migration, not run yet: the record of one applied migration removed
    # (rolled back with the test's transaction).
    MigrationRecorder.Migration.objects.filter(app="operations").delete()
    # A positive answer is kept for the process's life; a new release starts a new process.
    monkeypatch.setattr(health, "_migrations_applied", False)
    response = client.get(reverse("operations:ready"))
    assert response.status_code == 503
    assert response.content == b"migrations failing\n"


def test_the_clock_healthcheck_command_follows_the_heartbeat(db):
    with pytest.raises(CommandError, match="clock failing"):
        call_command("healthcheck", "--clock")
    call_command("tick")
    call_command("healthcheck", "--clock")
    call_command("healthcheck")  # readiness in process: database, migrations, clock


def test_probes_over_plain_http_are_not_redirected_when_everything_else_is(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    for url in [reverse("operations:live"), reverse("operations:ready"), reverse("healthz")]:
        assert client.get(url).status_code in {200, 503}
    assert client.get(reverse("login")).status_code == 301
