import pytest

from tests import people
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.browser


def test_a_privacy_officer_finds_the_trail_of_a_request_from_the_menu(
    page, live_server, log_in, assert_accessible, screenshot, carol, alice
):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    log_in(people.olga())
    page.get_by_role("link", name="Access trails").click()
    assert_accessible()
    page.get_by_label("Identifier of the request").fill(str(support_request.pk))
    page.get_by_role("button", name="Show the trail").click()
    assert page.locator("h1").inner_text() == "Access trail of a request"
    assert page.get_by_role("cell", name="read this access trail (privacy officer)").count() == 1
    assert_accessible()
    screenshot("privacy-trail")


def test_an_unreadable_request_gets_a_readable_error_page(
    page, live_server, log_in, assert_accessible, screenshot, settings, carol
):
    support_request = make_request(carol)
    settings.SALT_KEY = ["a-salt-that-never-encrypted-it"]
    log_in(carol)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    assert page.locator("h1").inner_text() == "This record cannot be read"
    assert "gAAAAA" not in page.content()
    assert_accessible()
    screenshot("unreadable-request")
