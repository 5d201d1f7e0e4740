"""Health and metrics routes for probes and Prometheus. Health answers name failing checks
only; metrics need the bearer token METRICS_TOKEN and do not exist without it."""

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from operations import health, metrics


def _health_response(failed):
    if failed:
        body = "".join(f"{name} failing\n" for name in failed)
        return HttpResponse(body, status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@never_cache
@require_GET
def live(request):
    """The process serves requests and reaches its database."""
    return _health_response(health.failing(health.LIVENESS))


@login_not_required
@never_cache
@require_GET
def ready(request):
    """Database, migrations applied, the clock ran within CLOCK_STALE_MINUTES."""
    return _health_response(health.failing(health.READINESS))


def _has_token(request):
    expected = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(expected) and hmac.compare_digest(given.encode(), f"Bearer {expected}".encode())


@login_not_required
@never_cache
@require_GET
def prometheus(request):
    if not _has_token(request):
        raise Http404
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
