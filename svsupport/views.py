"""Project-wide pages: home, health check, login."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from svsupport.forms import LoginForm
from svsupport.lib.demo import demo_accounts


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


class LoginView(auth_views.LoginView):
    """Django's login (safe `next`, session key rotated) plus the demo accounts list."""

    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo_accounts=demo_accounts(), **kwargs)
