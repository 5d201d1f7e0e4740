from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from svsupport import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.login_urls")),
    path("oidc/", include("accounts.urls")),
    path("i18n/set-language/", login_not_required(set_language), name="set_language"),
    path("peers/", include("peers.urls")),
    path("requests/", include("support_requests.urls")),
    path("resources/", include("resources.urls")),
    path("organisation/", include("organisation.urls")),
    path("dashboard/", include("figures.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("", include("operations.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "svsupport.errors.permission_denied"
handler404 = "svsupport.errors.page_not_found"
handler500 = "svsupport.errors.server_error"
