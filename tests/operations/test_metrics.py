"""The Prometheus endpoint: refused without the bearer token, and its gauges follow the
requests and the clock."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from operations.metrics import GAUGES
from operations.models import Heartbeat
from support_requests.models import Status
from svsupport.models import QueuedMail
from tests.support_requests.factories import make_request

TOKEN = "s3cret-metrics-token"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client):
    response = client.get(reverse("operations:metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        family.name: family.samples[0].value
        for family in text_string_to_metric_families(response.content.decode())
    }


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_metrics_are_not_found_without_the_right_bearer_token(
    client, db, metrics_token, authorization
):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    assert client.get(reverse("operations:metrics"), **headers).status_code == 404


def test_metrics_do_not_exist_while_no_token_is_set(client, db, settings):
    settings.METRICS_TOKEN = ""
    response = client.get(reverse("operations:metrics"), HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404


def test_gauges_count_the_queue_the_waiting_and_the_overdue(client, db, metrics_token, dan, bob):
    assert scrape(client) == {
        "svsupport_dispatch_queue_length": 0,
        "svsupport_oldest_waiting_request_age_seconds": 0,
        "svsupport_overdue_first_contacts": 0,
        "svsupport_clock_last_run_timestamp_seconds": 0,
        "svsupport_mail_undelivered": 0,
    }
    now = timezone.now()
    make_request(dan, status=Status.DISPATCH, created_at=now - timedelta(hours=3))
    make_request(dan, status=Status.DISPATCH, created_at=now - timedelta(minutes=5))
    make_request(dan, offered_to=bob.peer_profile, created_at=now - timedelta(hours=1))
    # Accepted 25 h ago without a first contact: past the 24 h promise. The others are not.
    make_request(dan, assigned_to=bob.peer_profile, created_at=now - timedelta(hours=25))
    make_request(dan, assigned_to=bob.peer_profile, created_at=now - timedelta(hours=23))
    contacted = make_request(dan, assigned_to=bob.peer_profile)
    contacted.created_at, contacted.first_contact_at = now - timedelta(hours=30), now
    contacted.save()

    values = scrape(client)
    assert values["svsupport_dispatch_queue_length"] == 2
    assert 3 * 3600 <= values["svsupport_oldest_waiting_request_age_seconds"] < 3 * 3600 + 60
    assert values["svsupport_overdue_first_contacts"] == 1


def test_the_clock_gauge_is_the_last_run(client, db, metrics_token):
    last = timezone.now() - timedelta(minutes=7)
    Heartbeat.objects.create(name="clock", last_run=last)
    assert scrape(client)["svsupport_clock_last_run_timestamp_seconds"] == pytest.approx(
        last.timestamp()
    )


def test_the_mail_gauge_counts_the_refused_messages_still_queued(client, db, metrics_token):
    now = timezone.now()
    QueuedMail.objects.create(recipient="a@hospital.example", subject="s", body="b", attempts=2,
                              first_failed_at=now, next_attempt_at=now)  # fmt: skip
    QueuedMail.objects.create(recipient="b@hospital.example", subject="s", body="b", attempts=0,
                              next_attempt_at=now)  # fmt: skip
    assert scrape(client)["svsupport_mail_undelivered"] == 1


def test_the_shipped_alert_rules_use_only_metrics_the_endpoint_exposes():
    path = Path(__file__).resolve().parents[2] / "deploy" / "prometheus-alerts.yml"
    rules = yaml.safe_load(path.read_text())["groups"][0]["rules"]
    used = {name for rule in rules for name in re.findall(r"svsupport_\w+", rule["expr"])}
    assert used and used <= set(GAUGES)
