"""The login page and the two OpenID Connect endpoints (start and callback)."""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.views import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from accounts import messages
from accounts.forms import LoginForm
from accounts.oidc import is_configured, provider_configuration
from svsupport.lib.demo import demo_accounts


class LoginView(auth_views.LoginView):
    """Django's login (safe `next`, session key rotated) for local and LDAP passwords,
    "Sign in with <provider>" first when OpenID Connect is set up, and the demo accounts."""

    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        oidc = is_configured()
        return super().get_context_data(
            demo_accounts=demo_accounts(),
            oidc_configured=oidc,
            oidc_available=oidc and provider_configuration() is not None,
            oidc_provider_name=settings.OIDC_PROVIDER_NAME,
            ldap_configured=bool(settings.LDAP_SERVER_URI),
            local_login=settings.LOCAL_LOGIN,
            **kwargs,
        )


class OIDCAuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge."""

    def __init__(self, **kwargs):
        # The library reads the endpoint from settings here; ours comes from discovery.
        View.__init__(self, **kwargs)

    def get(self, request):
        config = provider_configuration()
        if config is None:
            flash.error(request, messages.SSO_UNAVAILABLE)
            return redirect("login")
        self.OIDC_OP_AUTH_ENDPOINT = config["OIDC_OP_AUTHORIZATION_ENDPOINT"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. Every refusal goes back to the login page with a sentence
    saying what happened; never an error page."""

    def get(self, request):
        state = request.GET.get("state")
        self.unknown_state = state is not None and state not in request.session.get(
            "oidc_states", {}
        )
        if request.GET.get("error"):
            request.oidc_failure = messages.CANCELLED
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, "oidc_failure", None)
        if reason is None:
            # A state this browser never asked for, or one already used (replay).
            reason = messages.WRONG_STATE if self.unknown_state else messages.FAILED
        flash.error(self.request, reason)
        return redirect("login")
