"""Project-wide pages: home and health check (the login page is in accounts/)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from svsupport.lib import roles
from svsupport.lib.language import remember_language


@require_GET
def home(request):
    return render(request, "svsupport/home.html")


@require_GET
def landing(request):
    """Where a login leads when no page was asked for: coordinators to what needs their
    action (a page of the requests app, named here by its URL only), everyone else home."""
    if roles.is_coordinator(request.user):
        return redirect("requests:coordination")
    return redirect("home")


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
def switch_language(request):
    """Django's set_language, which also remembers a signed-in person's choice for the
    e-mails sent to them."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        language = request.POST.get("language")
        if language in {code for code, _name in settings.LANGUAGES}:
            remember_language(request.user, language)
    return response


@login_not_required
@require_GET
def away(request):
    """The neutral page "Leave this page" opens when QUICK_EXIT_URL is not set: nothing on
    it, not even the app's name, tells that the reader was looking at peer support."""
    return render(request, "svsupport/away.html")
