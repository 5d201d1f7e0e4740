"""The mail queue, against a real SMTP server (aiosmtpd): notifications are written with the
change that causes them, sent after the commit, retried with backoff while the server
refuses them, and delivered once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from svsupport.lib.mail import delete_sent, notify, send_due, undelivered, undelivered_count
from svsupport.models import QueuedMail

pytestmark = pytest.mark.django_db


def test_a_notification_is_sent_right_after_the_commit(
    smtp_server, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], "/requests/inbox/")
        assert smtp_server.messages == []
    assert smtp_server.recipients() == ["alice@hospital.example"]
    assert "http://127.0.0.1:8000/requests/inbox/" in smtp_server.messages[0].get_payload()
    assert QueuedMail.objects.get().sent_at is not None
    assert send_due(timezone.now() + timedelta(hours=1)).sent == 0
    assert len(smtp_server.messages) == 1


def test_a_rolled_back_change_leaves_no_message(
    smtp_server, alice, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        notify([alice], "/requests/inbox/")
        1 / 0  # noqa: B018  (the change fails after its e-mail was written)
    assert not QueuedMail.objects.exists()
    send_due(timezone.now() + timedelta(hours=1))
    assert smtp_server.messages == []


def test_a_refused_message_waits_and_is_retried_with_growing_delays(
    smtp_server, alice, bob, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice, bob], "/requests/inbox/")
    rows = list(QueuedMail.objects.order_by("recipient"))
    assert [(row.attempts, row.last_error) for row in rows] == [(1, "ConnectionRefusedError")] * 2
    first_failure = rows[0].first_failed_at
    start = timezone.now()
    assert send_due(start).sent == 0, "not due before a minute"
    report = send_due(start + timedelta(minutes=1, seconds=5))
    assert (report.sent, report.deferred) == (0, 2)
    retried = QueuedMail.objects.first()
    assert retried.attempts == 2
    delay = retried.next_attempt_at - (start + timedelta(minutes=1, seconds=5))
    assert delay == timedelta(minutes=2)
    assert retried.first_failed_at == first_failure

    smtp_server.start()
    assert send_due(start + timedelta(minutes=2)).sent == 0, "still waiting for its delay"
    assert send_due(start + timedelta(minutes=4)).sent == 2
    assert send_due(start + timedelta(hours=5)).sent == 0
    assert smtp_server.recipients() == ["alice@hospital.example", "bob@hospital.example"]


def test_the_delay_between_retries_stops_growing_at_an_hour(smtp_server, alice):
    smtp_server.stop()
    notify([alice], "/")
    now = timezone.now()
    for _ in range(60):  # two and a half days of a mail server that refuses
        now = QueuedMail.objects.get().next_attempt_at
        send_due(now)
    row = QueuedMail.objects.get()
    assert row.attempts == 60
    assert row.next_attempt_at - now == timedelta(hours=1)


def test_one_refused_recipient_does_not_hold_back_the_others(
    smtp_server, alice, bob, django_capture_on_commit_callbacks
):
    smtp_server.refused.add("bob@hospital.example")
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice, bob], "/")
    assert smtp_server.recipients() == ["alice@hospital.example"]
    refused = QueuedMail.objects.get(sent_at__isnull=True)
    assert refused.last_error == "SMTPRecipientsRefused"
    assert undelivered_count() == 1


def test_undelivered_counts_refused_messages_and_since_when(smtp_server, alice, bob, quinn):
    notify([alice], "/")
    assert undelivered().count == 0, "never tried is not refused"
    smtp_server.stop()
    now = timezone.now()
    send_due(now)
    notify([bob, quinn], "/")
    send_due(now + timedelta(minutes=5))
    assert undelivered_count() == 3
    assert now <= undelivered().since < now + timedelta(seconds=30), "the first refusal"
    smtp_server.start()
    send_due(now + timedelta(minutes=10))
    assert undelivered().count == 0 and undelivered().since is None


def test_sent_messages_are_deleted_after_the_keep_days(smtp_server, alice, bob, settings):
    settings.MAIL_QUEUE_KEEP_DAYS = 7
    notify([alice], "/")
    send_due()
    smtp_server.stop()
    notify([bob], "/")
    send_due()
    assert delete_sent(timezone.now() + timedelta(days=6)) == 0
    assert delete_sent(timezone.now() + timedelta(days=8)) == 1
    assert list(QueuedMail.objects.values_list("recipient", flat=True)) == ["bob@hospital.example"]
