from django.contrib.auth.decorators import login_not_required
from django.urls import path

from accounts import views

app_name = "oidc"

# The OpenID Connect endpoints are public: the person is not signed in yet.
urlpatterns = [
    path(
        "authenticate/",
        login_not_required(views.OIDCAuthenticateView.as_view()),
        name="authenticate",
    ),
    path("callback/", login_not_required(views.OIDCCallbackView.as_view()), name="callback"),
]
