"""Fail closed, fail kindly: a database outage gives a plain 503 page, unreadable encrypted
data an error page of its own; never a traceback."""

import logging
import sys

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as BaseSessionMiddleware
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from svsupport.lib.encryption import UndecryptableData
from svsupport.lib.http import client_ip

logger = logging.getLogger(__name__)


DATABASE_ERRORS = (OperationalError, InterfaceError)
# The request attribute that holds the database error met while answering it, at any depth.
DATABASE_FAILED = "_svsupport_database_failed"


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a 503 page, wherever it is raised.

    Django converts an exception into a response at every middleware layer (its
    `convert_exception_to_response`), and `process_exception` only sees the view's own
    exceptions. A database error raised inside a middleware (the audit-log actor reads
    `request.user`, which loads the session; `LoginRequiredMiddleware` asks
    `is_authenticated`) thus became a 500 before this class could see it. So every uncaught
    exception is inspected where Django reports it (`got_request_exception`, sent inside the
    `except` block, at whatever depth), the request is marked, and this middleware, which
    wraps every layer that can touch the database, answers the 503 page instead of whatever
    came back. The plain page carries no cookie: the session survives the outage.

    Django drops a broken connection at the end of the request (CONN_HEALTH_CHECKS),
    so the next request reconnects by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as exception:
            # Reached only where Django lets exceptions propagate (DEBUG_PROPAGATE_EXCEPTIONS).
            setattr(request, DATABASE_FAILED, exception)
        exception = getattr(request, DATABASE_FAILED, None)
        if exception is None:
            return response
        logger.error("database unavailable: %s", type(exception).__name__)
        return database_unavailable_response()

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        setattr(request, DATABASE_FAILED, exception)
        return database_unavailable_response()


@receiver(got_request_exception)
def mark_database_failure(sender, request=None, **kwargs):
    """Marks the request when the exception being handled, at any depth, is a database error."""
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_ERRORS):
        setattr(request, DATABASE_FAILED, exception)


class SessionMiddleware(BaseSessionMiddleware):
    """Django's session middleware, which leaves the session alone on the way out of a request
    that lost the database: it would load the session again (for its expiry) and fail twice."""

    def process_response(self, request, response):
        if getattr(request, DATABASE_FAILED, None) is not None:
            return response
        refresh_idle_timeout(request)
        return super().process_response(request, response)


# The session's own record of its last save, in seconds.
REFRESHED_KEY = "_refreshed_at"
REFRESH_SECONDS = 60


def refresh_idle_timeout(request):
    """The idle timeout (SESSION_COOKIE_AGE) counts from the last request, to the minute:
    a session in use is saved again (and its expiry pushed back) at most once a minute,
    rather than written on every page view."""
    session = getattr(request, "session", None)
    if session is None or not session.accessed or session.is_empty():
        return
    now = int(timezone.now().timestamp())
    if now - session.get(REFRESHED_KEY, 0) >= REFRESH_SECONDS:
        session[REFRESHED_KEY] = now


def database_unavailable_response():
    # Rendered without a request context: the context processors would query the
    # database that has just failed.
    body = render_to_string("503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, with the client address read from the trusted proxy
    hop only: its default trusts the first X-Forwarded-For entry, which any client writes."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None


class UnreadableDataMiddleware:
    """A record that no configured key decrypts gets an error page of its own: never its
    ciphertext, never a traceback; one log line for the administrators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UndecryptableData):
            return None
        logger.error("unreadable encrypted data on %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("unreadable.html"), status=500)
        response["Cache-Control"] = "no-store"
        return response
