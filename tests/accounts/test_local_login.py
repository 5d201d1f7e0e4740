"""Local passwords: on by default; LOCAL_LOGIN=false keeps them for superusers only."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import messages
from tests.people import PASSWORD

LOGIN = reverse("login")


def log_in(client, username):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def test_local_passwords_work_by_default(client, carol):
    assert log_in(client, "carol").status_code == 302


def test_without_local_login_staff_passwords_are_refused(client, carol, settings):
    settings.LOCAL_LOGIN = False
    response = log_in(client, "carol")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"emergency accounts only" in client.get(LOGIN).content


def test_without_local_login_a_superuser_still_gets_in(client, settings, db):
    settings.LOCAL_LOGIN = False
    get_user_model().objects.create_superuser("it-break-glass", password=PASSWORD)
    assert log_in(client, "it-break-glass").status_code == 302


def test_a_provider_that_cannot_be_reached_leaves_the_app_and_passwords_working(
    client, carol, settings
):
    from accounts.oidc import forget_provider_configuration

    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.OIDC_RP_CLIENT_ID = "svsupport"
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.OIDCBackend",
        "accounts.backends.LocalPasswordBackend",
    ]
    forget_provider_configuration()
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert str(messages.SSO_UNAVAILABLE).encode() in page.content
    response = client.get(reverse("oidc:authenticate"))
    assert response["Location"] == LOGIN
    assert [str(m) for m in client.get(LOGIN).context["messages"]] == [
        str(messages.SSO_UNAVAILABLE)
    ]
    assert log_in(client, "carol").status_code == 302
    forget_provider_configuration()


def test_without_a_provider_configured_the_login_page_offers_none(client, db):
    html = client.get(LOGIN).content
    assert b"Sign in with" not in html
    assert b"Single sign-on is unavailable" not in html


def test_it_support_sees_directory_links_in_the_admin_read_only(client, db):
    from django.utils import timezone

    from accounts.models import DirectoryAccount

    admin_user = get_user_model().objects.create_superuser("it", password=PASSWORD)
    link = DirectoryAccount.objects.create(
        user=admin_user, source="ldap", subject="it", synced_at=timezone.now()
    )
    client.force_login(admin_user)
    assert client.get(reverse("admin:accounts_directoryaccount_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_directoryaccount_add")).status_code == 403
    page = client.get(reverse("admin:accounts_directoryaccount_change", args=[link.pk]))
    assert b'name="subject"' not in page.content
