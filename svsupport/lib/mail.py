"""Notifications. An e-mail says that something is waiting and links to it: never a name,
an event, a situation or a message, because mailboxes are read over shoulders and kept
for years.

Delivery goes through a queue in the database (`svsupport.models.QueuedMail`): `notify()`
writes one row per address in the transaction of the change that causes it, so a change
and its e-mails are committed or rolled back together. Right after the commit one attempt
is made to send them; whatever the mail server refuses waits for the clock (`manage.py
tick`), which sends the due messages with exponential backoff. Senders take rows with
SELECT ... FOR UPDATE SKIP LOCKED and mark them sent in the same transaction, so several
clocks never send one message twice."""

import logging
import smtplib
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from svsupport.models import QueuedMail

logger = logging.getLogger(__name__)

BATCH = 100
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)
# Refusals about one message; any other error means the server is unreachable or unwell,
# and the rest of the batch waits rather than each message timing out in turn.
MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    ValueError,  # an address Django cannot encode
)

_send_on_commit = ContextVar("send_on_commit", default=True)


def notify(recipients, path):
    """Queues, in the current transaction, one content-free e-mail per address pointing to
    `path`; after the commit, tries once to send them (see the module docstring)."""
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return
    subject = _("Peer support: something is waiting for you")
    body = _(
        "Something in the peer-support application needs your attention.\n\n"
        "Open it here, after logging in:\n%(link)s\n"
    ) % {"link": settings.SITE_URL + path}
    rows = QueuedMail.objects.bulk_create(
        QueuedMail(recipient=address, subject=subject, body=body) for address in addresses
    )
    if settings.MAIL_SEND_ON_COMMIT and _send_on_commit.get():
        pks = [row.pk for row in rows]
        transaction.on_commit(lambda: send_now(pks))


@contextmanager
def queue_only():
    """Within this block `notify()` only queues: the clock sends its mail in one batch."""
    token = _send_on_commit.set(False)
    try:
        yield
    finally:
        _send_on_commit.reset(token)


def send_now(pks):
    """The attempt right after a commit. Never raises: the change is committed, and a
    message the server refuses is retried by the clock."""
    try:
        with transaction.atomic():
            rows = list(
                QueuedMail.objects.select_for_update(skip_locked=True).filter(
                    pk__in=pks, sent_at__isnull=True
                )
            )
            _send(rows, timezone.now())
    except Exception as exc:
        logger.warning("mail: sending after commit failed (%s)", type(exc).__name__)


@dataclass
class SendReport:
    sent: int = 0
    deferred: int = 0


def send_due(now=None):
    """Sends the queued messages whose next attempt is due, in batches. A message the server
    refuses is retried 1, 2, 4 ... minutes later, at most an hour apart. `now` (the clock's
    time) is moved up to the real time, so that the messages the clock's own steps have just
    queued are due."""
    now = max(now or timezone.now(), timezone.now())
    report = SendReport()
    while True:
        with transaction.atomic():
            rows = list(
                QueuedMail.objects.select_for_update(skip_locked=True).filter(
                    sent_at__isnull=True, next_attempt_at__lte=now
                )[:BATCH]
            )
            sent, deferred, server_down = _send(rows, now)
        report.sent += sent
        report.deferred += deferred
        if server_down or len(rows) < BATCH:
            return report


def _send(rows, now):
    """Sends locked `rows` over one connection and records each outcome on its row.
    Returns (sent, deferred, server_down)."""
    if not rows:
        return 0, 0, False
    connection = get_connection(fail_silently=False)
    server_error = None
    errors = set()
    try:
        connection.open()
    except Exception as exc:
        server_error = exc
    for row in rows:
        error = server_error
        if error is None:
            message = EmailMessage(
                row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient]
            )
            try:
                connection.send_messages([message])
            except MESSAGE_ERRORS as exc:
                error = exc
            except Exception as exc:
                error = server_error = exc
        if error is None:
            row.sent_at = now
        else:
            _defer(row, error, now)
            errors.add(row.last_error)
    # A failed QUIT changes nothing once the messages are out.
    with suppress(Exception):
        connection.close()
    QueuedMail.objects.bulk_update(
        rows, ["sent_at", "attempts", "next_attempt_at", "first_failed_at", "last_error"]
    )
    deferred = sum(1 for row in rows if row.sent_at is None)
    if deferred:
        logger.warning("mail: %d message(s) deferred (%s)", deferred, ", ".join(sorted(errors)))
    return len(rows) - deferred, deferred, server_error is not None


def _defer(row, error, now):
    row.attempts += 1
    row.first_failed_at = row.first_failed_at or now
    row.last_error = type(error).__name__[:100]
    # The exponent stops at 10: 2 ** attempts would overflow a timedelta after a few days.
    delay = min(FIRST_RETRY_DELAY * 2 ** min(row.attempts - 1, 10), MAX_RETRY_DELAY)
    row.next_attempt_at = now + delay


@dataclass
class Undelivered:
    count: int
    since: datetime | None


def undelivered():
    """The messages the mail server has refused at least once and that still wait, and
    when the oldest of them was first refused. Counts only: never who or what."""
    figures = QueuedMail.objects.filter(sent_at__isnull=True, attempts__gt=0).aggregate(
        count=Count("pk"), since=Min("first_failed_at")
    )
    return Undelivered(**figures)


def undelivered_count():
    """How many messages wait after at least one refusal (for monitoring)."""
    return undelivered().count


def delete_sent(now=None):
    """Deletes the messages sent more than MAIL_QUEUE_KEEP_DAYS ago: an address is personal
    data, and a sent message has nothing left to do."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.MAIL_QUEUE_KEEP_DAYS)
    deleted, _per_model = QueuedMail.objects.filter(sent_at__lt=limit).delete()
    return deleted


def forget_link(path):
    """Deletes every message, sent or not, that links to `path`. Used by purges: an address
    next to the link of a purged request would still tell who asked or who helped."""
    deleted, _per_model = QueuedMail.objects.filter(body__contains=path).delete()
    return deleted
