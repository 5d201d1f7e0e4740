"""The foundation pages in a real Chromium, with an axe scan and a screenshot of each."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_carol_logs_in_and_reads_the_home_page(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible()
    screenshot("login-en")
    log_in(carol)
    expect(page.get_by_role("heading", level=1)).to_have_text("After a hard event at work")
    expect(page.get_by_role("contentinfo")).to_contain_text("0 805 23 23 36")
    assert_accessible()
    screenshot("home-en")


def test_the_switcher_turns_the_pages_french_and_keeps_them_so(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Après un événement difficile au travail"
    )
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible()
    screenshot("home-fr")
    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert_accessible()
    screenshot("404-fr")


def test_staff_see_the_friendly_403_and_404_pages(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    response = page.goto(f"{live_server.url}/peers/manage/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not for your role")
    assert_accessible()
    screenshot("403-en")
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert_accessible()
    screenshot("404-en")


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page, live_server, carol, log_in):
    log_in(carol)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert re.search(r"#main$", page.url)


def test_a_narrow_phone_screen_gets_the_collapsed_menu(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(carol)
    menu = page.get_by_role("button", name="Show or hide the menu")
    expect(menu).to_be_visible()
    menu.click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible()
    screenshot("home-phone")
