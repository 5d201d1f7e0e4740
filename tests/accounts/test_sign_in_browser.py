"""Single sign-on in a real browser: through the OpenID provider's own login page, and an
LDAP user through the app's login form."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_directory_user_signs_in_through_the_provider_and_lands_in_the_app(
    page, live_server, oidc, screenshot, assert_accessible
):
    page.goto(f"{live_server.url}/accounts/login/?next=/peers/manage/")
    assert_accessible()
    page.get_by_role("link", name="Sign in with Test provider").click()
    # The provider's own development login page, then its consent page.
    page.wait_for_url(f"{oidc.issuer}/interaction/**")
    page.locator("input[name=login]").fill("sophie")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    # Back in the app, on the page she asked for: she coordinates by her directory group.
    page.wait_for_url(f"{live_server.url}/peers/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer registry")
    expect(page.get_by_text("Sophie Leroy")).to_be_visible()
    screenshot("sso-oidc-landed")
    sophie = get_user_model().objects.get(directory_account__subject="sophie")
    assert sophie.staff_profile.department.name_en == "Chirurgie"


def test_an_ldap_user_signs_in_with_the_form(page, live_server, directory, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("lea")
    page.get_by_label("Password").fill("lea-pw")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Léa Girard")).to_be_visible()
    response = page.goto(f"{live_server.url}/peers/manage/")
    assert response.status == 403
    screenshot("sso-ldap-403")


def test_the_login_page_says_when_single_sign_on_is_unavailable(
    page, live_server, oidc, settings, assert_accessible
):
    from accounts.oidc import forget_provider_configuration

    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    forget_provider_configuration()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_text("Single sign-on is unavailable right now")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in with Test provider")).to_have_count(0)
    assert_accessible()
