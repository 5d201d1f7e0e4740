import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.people import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django must still let
# the live server's ORM calls through.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(page, axe):
    """Runs axe-core on the current page and fails with its report on any violation."""

    def check():
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def log_in(page, live_server):
    def as_user(user, language="en"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username" if language == "en" else "Nom d’utilisateur").fill(
            user.username
        )
        page.get_by_label("Password" if language == "en" else "Mot de passe").fill(PASSWORD)
        # Wait for the page after the login: a test that types at once would otherwise race
        # the navigation (the skip-link test failed about one run in six without this).
        with page.expect_navigation():
            page.get_by_role(
                "button", name="Log in" if language == "en" else "Se connecter"
            ).click()

    return as_user


@pytest.fixture
def log_out(page):
    def run():
        page.get_by_role("button", name=re.compile("Log out|Se déconnecter")).click()

    return run
