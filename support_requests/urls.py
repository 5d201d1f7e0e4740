from django.urls import path

from support_requests import views

app_name = "requests"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("dispatch/", views.dispatch, name="dispatch"),
    path("coordination/", views.coordination, name="coordination"),
    path("trail/", views.trail_lookup, name="trail_lookup"),
    path("outreach/", views.outreach_list, name="outreach_list"),
    path("outreach/new/", views.outreach_new, name="outreach_new"),
    path("refer/", views.refer, name="refer"),
    path("invitations/<uuid:pk>/", views.invitation, name="invitation"),
    path("invitations/<uuid:pk>/answer/", views.invitation_answer, name="invitation_answer"),
    path("team-sessions/", views.team_sessions, name="team_sessions"),
    path("team-sessions/manage/", views.team_session_manage, name="team_session_manage"),
    path(
        "team-sessions/<uuid:pk>/arrange/", views.team_session_arrange, name="team_session_arrange"
    ),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/sent/", views.sent, name="sent"),
    path("<uuid:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:pk>/erase/", views.erase, name="erase"),
    path("<uuid:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<uuid:pk>/accept/", views.accept, name="accept"),
    path("<uuid:pk>/decline/", views.decline, name="decline"),
    path("<uuid:pk>/first-contact/", views.first_contact, name="first_contact"),
    path("<uuid:pk>/meetings/", views.meeting, name="meeting"),
    path("<uuid:pk>/escalations/", views.escalate, name="escalate"),
    path("<uuid:pk>/close/", views.close, name="close"),
    path("<uuid:pk>/assign/", views.assign, name="assign"),
    path("<uuid:pk>/trail/", views.trail, name="trail"),
]
