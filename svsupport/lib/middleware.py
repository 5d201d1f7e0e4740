"""Fail closed, fail kindly: a database outage gives a plain 503 page, not a traceback."""

import logging

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from svsupport.lib.http import client_ip

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a 503 page.

    Django drops a broken connection at the end of the request (CONN_HEALTH_CHECKS),
    so the next request reconnects by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", type(exception).__name__)
        return database_unavailable_response()


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
