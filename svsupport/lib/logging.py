"""Logging that keeps one line per event, whatever a user typed.

Production logs are one JSON object a line (python-json-logger): `time` in UTC with a `Z`,
`level`, `logger`, `message`, the `request_id` of the request being served, and the
`extra` fields a call passes. What a request carries (its query string, form fields,
messages, contact details, names) is never logged: RequestLogMiddleware writes the method,
the path, the status and the duration only."""

import contextvars
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter

request_id = contextvars.ContextVar("request_id", default=None)
# A request id a proxy may pass on (nginx's $request_id is 32 hex digits).
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

access_logger = logging.getLogger("svsupport.request")


class OneLineFormatter(logging.Formatter):
    """Escapes CR and LF so that text from a form can never forge a second log line."""

    def format(self, record):
        text = super().format(record)
        return text.replace("\r", "\\r").replace("\n", "\\n")


class JsonLineFormatter(JsonFormatter):
    """One JSON object a line (JSON escapes CR and LF), timestamps in UTC."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = (
            datetime.fromtimestamp(record.created, tz=UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        super().add_fields(log_data, record, message_dict)
        # Django's request log passes the request object, whose text is the full URL with its
        # query string (a name typed in a search box): never written.
        log_data.pop("request", None)
        current = request_id.get()
        if current:
            log_data["request_id"] = current


class RequestLogMiddleware:
    """First in the chain: gives each request an id (the proxy's X-Request-ID when it looks
    like one, a new one otherwise), returns it in the response's X-Request-ID, and writes
    one access line: method, path without the query string, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        current = given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            access_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
