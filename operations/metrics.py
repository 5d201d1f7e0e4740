"""Prometheus metrics, computed from the database at each scrape (prometheus_client's
custom-collector pattern: nothing is counted in process memory, so every gunicorn worker
answers the same)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from operations.models import last_run
from support_requests.models import Status, SupportRequest
from svsupport.lib.jobs import CLOCK
from svsupport.lib.mail import undelivered_count


def dispatch_queue_length():
    return SupportRequest.objects.filter(status=Status.DISPATCH).count()


def oldest_waiting_request_age_seconds():
    """Age of the oldest request no peer has accepted yet (offered or in dispatch); 0 when
    none waits."""
    oldest = SupportRequest.objects.filter(status__in=[Status.OFFERED, Status.DISPATCH]).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0


def overdue_first_contacts():
    """Accepted requests with no first contact recorded, past the promise made to the
    requester (REQUEST_CONTACT_PROMISE_HOURS after the request)."""
    limit = timezone.now() - timedelta(hours=settings.REQUEST_CONTACT_PROMISE_HOURS)
    return SupportRequest.objects.filter(
        status=Status.ACCEPTED, first_contact_at__isnull=True, created_at__lt=limit
    ).count()


def clock_last_run_timestamp_seconds():
    last = last_run(CLOCK)
    return last.timestamp() if last else 0


# name -> (help, function giving the current value). One line a gauge.
GAUGES = {
    "svsupport_dispatch_queue_length": (
        "Support requests waiting in the coordinators' dispatch queue.",
        dispatch_queue_length,
    ),
    "svsupport_oldest_waiting_request_age_seconds": (
        "Age of the oldest request not yet accepted by a peer (0 when none waits).",
        oldest_waiting_request_age_seconds,
    ),
    "svsupport_overdue_first_contacts": (
        "Accepted requests with no first contact, past REQUEST_CONTACT_PROMISE_HOURS.",
        overdue_first_contacts,
    ),
    "svsupport_clock_last_run_timestamp_seconds": (
        "Unix time of the clock's last finished run (0 when it never ran).",
        clock_last_run_timestamp_seconds,
    ),
    "svsupport_mail_undelivered": (
        "Queued e-mails the mail server has refused at least once and that still wait.",
        undelivered_count,
    ),
}


class DatabaseCollector:
    def collect(self):
        for name, (help_text, value) in GAUGES.items():
            yield GaugeMetricFamily(name, help_text, value=value())


registry = CollectorRegistry(auto_describe=False)
registry.register(DatabaseCollector())


def exposition():
    return generate_latest(registry)
