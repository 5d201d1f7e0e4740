"""Project-wide pages: home and health check (the login page is in accounts/)."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return render(request, "svsupport/home.html")


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a round trip, 503 otherwise; never any detail."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_GET
def away(request):
    """The neutral page "Leave this page" opens when QUICK_EXIT_URL is not set: nothing on
    it, not even the app's name, tells that the reader was looking at peer support."""
    return render(request, "svsupport/away.html")
