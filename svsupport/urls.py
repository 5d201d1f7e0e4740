from django.contrib import admin
from django.urls import include, path

from svsupport import views

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    path("away/", views.away, name="away"),
    path("accounts/", include("accounts.login_urls")),
    path("oidc/", include("accounts.urls")),
    path("i18n/set-language/", views.switch_language, name="set_language"),
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
