import pytest

from tests import people
from tests.figures.factories import make_quarter

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("role", ["coordinator", "board"])
def test_the_figures_read_well_and_pass_axe_for_coordinators_and_the_board(
    page, live_server, log_in, assert_accessible, screenshot, quinn, dan, alice, role, language
):
    make_quarter(dan, alice.peer_profile)
    user = quinn if role == "coordinator" else people.bea()
    if language == "fr":
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name="Français").click()
    log_in(user, language)
    page.goto(f"{live_server.url}/dashboard/?period=2025-Q1")
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img] title").count() == 2
    assert_accessible()
    screenshot(f"figures-dashboard-{role}-{language}")
    page.goto(f"{live_server.url}/dashboard/report/?period=2025-Q1")
    assert_accessible()
    screenshot(f"figures-report-{role}-{language}")
