"""Request helpers shared by the apps."""

from django.conf import settings


def client_ip(request):
    """The client's address, read from the trusted proxy hop only.

    With TRUSTED_PROXY_HOPS = n, the n-th address from the right of X-Forwarded-For was
    written by our own outermost proxy; anything left of it is whatever the client sent,
    so it is never trusted.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return request.META.get("REMOTE_ADDR", "")
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return request.META.get("REMOTE_ADDR", "")
    return forwarded[-hops]


MAX_ID = 2**63 - 1  # PostgreSQL's bigint


def parse_id(text):
    """A database id typed in a query string, or None. Strict: ASCII digits only (str.isdigit
    accepts '²' and '٣', which int() refuses or reads), and within a bigint."""
    text = str(text or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
