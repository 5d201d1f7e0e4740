from django.urls import path

from peers import views

app_name = "peers"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("print/", views.directory_print, name="directory_print"),
    path("me/", views.me, name="me"),
    path("me/status/", views.me_status, name="me_status"),
    path("me/charter/", views.me_sign_charter, name="me_sign_charter"),
    path("me/availability/", views.me_availability, name="me_availability"),
    path("me/away/", views.me_away_add, name="me_away_add"),
    path("me/away/<int:pk>/delete/", views.me_away_delete, name="me_away_delete"),
    path("me/nominate/", views.nominate, name="nominate"),
    path("nominations/<uuid:pk>/", views.nomination_answer, name="nomination_answer"),
    path("manage/", views.manage, name="manage"),
    path("manage/add/", views.manage_add, name="manage_add"),
    path("manage/export.csv", views.manage_export, name="manage_export"),
    path("manage/training/", views.manage_training, name="manage_training"),
    path("manage/sessions/new/", views.manage_session, name="manage_session"),
    path("manage/on-call/", views.on_call_rota, name="on_call_rota"),
    path("manage/on-call/<int:pk>/delete/", views.on_call_delete, name="on_call_delete"),
    path("manage/nominations/", views.nomination_queue, name="nomination_queue"),
    path("manage/nominations/<uuid:pk>/decide/", views.nomination_decide, name="nomination_decide"),
    path("manage/<int:pk>/", views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/status/", views.manage_status, name="manage_status"),
    path("manage/<int:pk>/history/", views.manage_history, name="manage_history"),
]
