from django.urls import path

from figures import views

app_name = "figures"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("export/<slug:table>.csv", views.export, name="export"),
    path("annual/", views.annual_report, name="annual"),
    path("annual/export/<slug:table>.csv", views.annual_export, name="annual_export"),
]
