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
from django.db import models, transaction
from django.db.models import Count, Min
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from svsupport.models import LanguagePreference, QueuedMail

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


class Kind(models.TextChoices):
    """What an e-mail is about, said in general words: the kind of thing waiting and by
    when, never whose, what or why."""

    GENERIC = "generic"
    OFFER = "offer"
    OFFER_REMINDER = "offer_reminder"
    ASSIGNED = "assigned"
    WITHDRAWN = "withdrawn"
    CONTACT_REMINDER = "contact_reminder"
    CONTACT_OVERDUE = "contact_overdue"
    DISPATCH = "dispatch"
    ALERT = "alert"
    PEER_FOUND = "peer_found"
    FOLLOW_UP = "follow_up"
    ANOTHER_CONVERSATION = "another_conversation"
    NOMINATION = "nomination"
    NOMINATION_QUEUE = "nomination_queue"
    NOMINATION_DECIDED = "nomination_decided"
    CHARTER = "charter"
    CHARTER_REMINDER = "charter_reminder"


# Per kind: the subject, and the first line of the body with and without a deadline.
# Lazy, so that each message is translated in its recipient's language.
TEMPLATES = {
    Kind.GENERIC: (
        gettext_lazy("Peer support: something is waiting for you"),
        gettext_lazy("Something in the peer-support application needs your attention."),
        gettext_lazy(
            "Something in the peer-support application needs your attention until %(deadline)s."
        ),
    ),
    Kind.OFFER: (
        gettext_lazy("Peer support: a colleague is waiting for your answer"),
        gettext_lazy("A colleague is waiting for your answer."),
        gettext_lazy("A colleague is waiting for your answer until %(deadline)s."),
    ),
    Kind.OFFER_REMINDER: (
        gettext_lazy("Peer support: reminder, a colleague is waiting for your answer"),
        gettext_lazy("Reminder: a colleague is still waiting for your answer."),
        gettext_lazy("Reminder: a colleague is still waiting for your answer until %(deadline)s."),
    ),
    Kind.ASSIGNED: (
        gettext_lazy("Peer support: a coordinator has given you a request"),
        gettext_lazy(
            "A coordinator has given you a request for support. Please contact the colleague."
        ),
        gettext_lazy(
            "A coordinator has given you a request for support. Please contact the colleague "
            "by %(deadline)s."
        ),
    ),
    Kind.WITHDRAWN: (
        gettext_lazy("Peer support: a request you held is withdrawn"),
        gettext_lazy(
            "A request you held or were offered has been withdrawn. Nothing more is needed."
        ),
        gettext_lazy(
            "A request you held or were offered has been withdrawn. Nothing more is needed."
        ),
    ),
    Kind.CONTACT_REMINDER: (
        gettext_lazy("Peer support: reminder, first contact to make"),
        gettext_lazy("Reminder: please make and record your first contact with the colleague."),
        gettext_lazy(
            "Reminder: please make and record your first contact with the colleague by "
            "%(deadline)s."
        ),
    ),
    Kind.CONTACT_OVERDUE: (
        gettext_lazy("Peer support: a first contact is overdue"),
        gettext_lazy("An accepted request has no first contact recorded within the promise."),
        gettext_lazy(
            "An accepted request has no first contact recorded within the promise, which "
            "ended at %(deadline)s."
        ),
    ),
    Kind.DISPATCH: (
        gettext_lazy("Peer support: a request waits for a peer"),
        gettext_lazy("A request is waiting in the dispatch queue for you to find a peer."),
        gettext_lazy(
            "A request is waiting in the dispatch queue; it was promised a contact by %(deadline)s."
        ),
    ),
    Kind.ALERT: (
        gettext_lazy("Peer support: an alert was recorded"),
        gettext_lazy("A peer supporter recorded an alert. Please look at the dispatch queue."),
        gettext_lazy("A peer supporter recorded an alert. Please look at the dispatch queue."),
    ),
    Kind.PEER_FOUND: (
        gettext_lazy("Peer support: a peer supporter will contact you"),
        gettext_lazy("A peer supporter has taken your request and will contact you."),
        gettext_lazy(
            "A peer supporter has taken your request and will contact you by %(deadline)s."
        ),
    ),
    Kind.FOLLOW_UP: (
        gettext_lazy("Peer support: a question for you"),
        gettext_lazy("A short question is waiting for your answer."),
        gettext_lazy("A short question is waiting for your answer."),
    ),
    Kind.ANOTHER_CONVERSATION: (
        gettext_lazy("Peer support: a colleague would like another conversation"),
        gettext_lazy("A colleague you supported would like another conversation."),
        gettext_lazy("A colleague you supported would like another conversation."),
    ),
    Kind.NOMINATION: (
        gettext_lazy("Peer support: a question is waiting for your answer"),
        gettext_lazy("A colleague suggested you as a peer supporter; your answer is waiting."),
        gettext_lazy("A colleague suggested you as a peer supporter; your answer is waiting."),
    ),
    Kind.NOMINATION_QUEUE: (
        gettext_lazy("Peer support: a nomination waits for your decision"),
        gettext_lazy("A nomination is waiting for the coordinators' decision."),
        gettext_lazy("A nomination is waiting for the coordinators' decision."),
    ),
    Kind.NOMINATION_DECIDED: (
        gettext_lazy("Peer support: a nomination you made is decided"),
        gettext_lazy("The coordinators have decided on a nomination you made."),
        gettext_lazy("The coordinators have decided on a nomination you made."),
    ),
    Kind.CHARTER: (
        gettext_lazy("Peer support: a new commitments charter to sign"),
        gettext_lazy("A new version of the commitments charter is waiting for your signature."),
        gettext_lazy(
            "A new version of the commitments charter is waiting for your signature. Sign it "
            "by %(deadline)s to stay in the directory."
        ),
    ),
    Kind.CHARTER_REMINDER: (
        gettext_lazy("Peer support: reminder, the commitments charter to sign"),
        gettext_lazy("Reminder: the new commitments charter is waiting for your signature."),
        gettext_lazy(
            "Reminder: the new commitments charter is waiting for your signature. Sign it by "
            "%(deadline)s to stay in the directory."
        ),
    ),
}


def deadline_text(deadline):
    """A deadline as people read it in the active language, in the hospital's time zone:
    "25 Nov 2026, 14:30" in English, "25/11/2026 14:30" in French."""
    return date_format(timezone.localtime(deadline), _("j M Y, H:i"))


def compose(kind, path, deadline=None):
    """The subject and body of one e-mail of this kind, in the active language."""
    subject, line, line_with_deadline = TEMPLATES[Kind(kind)]
    first = line_with_deadline % {"deadline": deadline_text(deadline)} if deadline else str(line)
    body = _("%(what)s\n\nOpen it here, after logging in:\n%(link)s\n") % {
        "what": first,
        "link": settings.SITE_URL + path,
    }
    return str(subject), body


def recipient_languages(users):
    """{address: language} for these users: the language they last used the application
    in, the site's default otherwise."""
    pks = [pk for pk in (getattr(user, "pk", None) for user in users) if pk is not None]
    known = dict(LanguagePreference.objects.filter(user__in=pks).values_list("user_id", "language"))
    available = {code for code, _name in settings.LANGUAGES}
    return {
        user.email: known.get(getattr(user, "pk", None), settings.LANGUAGE_CODE)
        if known.get(getattr(user, "pk", None)) in available
        else settings.LANGUAGE_CODE
        for user in users
    }


def notify(recipients, path, kind=Kind.GENERIC, deadline=None):
    """Queues, in the current transaction, one content-free e-mail per address pointing to
    `path`: it names the kind of thing waiting and, when given, the deadline, in each
    recipient's language; after the commit, tries once to send them (see the module
    docstring)."""
    notify_many([(recipients, path, kind, deadline)])


def notify_many(notices):
    """notify() for several notices at once, each (recipients, path, kind, deadline): the
    recipients' languages in one query, the e-mails in one INSERT (the clock's batches)."""
    notices = [
        ({user.email: user for user in recipients if user.email}, path, kind, deadline)
        for recipients, path, kind, deadline in notices
    ]
    everyone = [user for users, *_rest in notices for user in users.values()]
    if not everyone:
        return
    languages = recipient_languages(everyone)
    rows = []
    for users, path, kind, deadline in notices:
        for address in sorted(users):
            with translation.override(languages[address]):
                subject, body = compose(kind, path, deadline)
            rows.append(QueuedMail(recipient=address, subject=subject, body=body))
    rows = QueuedMail.objects.bulk_create(rows)
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
