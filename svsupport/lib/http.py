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
