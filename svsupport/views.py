"""Project-wide pages: home, health check, login, the coordinators' roles page, errors."""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from svsupport.lib import roles
from svsupport.lib.demo import demo_accounts

ROLE_MEMBERS_PER_PAGE = 50


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
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo_accounts=demo_accounts(), **kwargs)


@roles.coordinator_required
@require_GET
def role_members(request):
    """Who holds the coordinator and peer-supporter roles, for the Quality and Risk Office."""
    members = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[roles.COORDINATORS_GROUP, roles.PEER_SUPPORTERS_GROUP],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
        .prefetch_related("groups")
    )
    page = Paginator(members, ROLE_MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(user, {group.name for group in user.groups.all()}) for user in page]
    return render(
        request,
        "svsupport/role_members.html",
        {
            "page": page,
            "rows": rows,
            "coordinators_group": roles.COORDINATORS_GROUP,
            "peers_group": roles.PEER_SUPPORTERS_GROUP,
        },
    )
