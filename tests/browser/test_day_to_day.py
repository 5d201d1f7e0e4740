"""The rough edges of a real week (issue 11, items 6-13), in a real Chromium, English and
French: the form's error summary takes focus, withdrawing and erasing ask first, the
registry on a phone, the menu on one line at 1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from support_requests.models import Status
from svsupport.lib import roles
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.browser

TEXTS = {
    "en": {
        "send": "Send my request",
        "problem": "Please correct the following:",
        "contact": "Choose how the peer should contact you",
        "withdraw": "Withdraw my request",
        "withdraw_title": "Withdraw my request?",
        "withdraw_yes": "Yes, withdraw my request",
        "withdrawn": "Your request is withdrawn",
        "erase": "Erase my data now",
        "erase_title": "Erase my data now?",
        "erase_yes": "Yes, erase my data now",
        "erased": "Your details and message are erased",
        "registry": "Peer registry",
    },
    "fr": {
        "send": "Envoyer ma demande",
        "problem": "Veuillez corriger ce qui suit :",
        "contact": "Choisissez comment le pair doit vous contacter",
        "withdraw": "Retirer ma demande",
        "withdraw_title": "Retirer ma demande ?",
        "withdraw_yes": "Oui, retirer ma demande",
        "withdrawn": "Votre demande est retirée",
        "erase": "Effacer mes données maintenant",
        "erase_title": "Effacer mes données maintenant ?",
        "erase_yes": "Oui, effacer mes données maintenant",
        "erased": "Vos informations et votre message sont effacés",
        "registry": "Registre des pairs",
    },
}


@pytest.fixture
def sign_in(page, live_server, log_in):
    """Logs in with the pages in `language` (the login page's own switcher first)."""

    def run(user, language):
        if language == "fr":
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_role("button", name="Français").click()
        log_in(user, language)

    return run


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_request_forms_error_summary_takes_focus_and_leads_to_the_field(
    page, live_server, carol, alice, sign_in, screenshot, assert_accessible, language
):
    text = TEXTS[language]
    sign_in(carol, language)
    page.goto(f"{live_server.url}{reverse('requests:new')}")
    # The one required question comes first.
    first = page.locator("form input:not([type=hidden]), form select, form textarea").first
    expect(first).to_have_attribute("name", "contact_method")
    page.get_by_role("button", name=text["send"]).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(text["problem"])
    assert_accessible()
    screenshot(f"day-to-day-error-summary-{language}")
    summary.get_by_role("link", name=re.compile(text["contact"])).click()
    expect(page.locator("#id_contact_method_0")).to_be_focused()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_withdrawing_then_erasing_ask_for_confirmation_first(
    page, live_server, carol, alice, sign_in, screenshot, assert_accessible, language
):
    text = TEXTS[language]
    support_request = make_request(carol, offered_to=alice.peer_profile)
    sign_in(carol, language)
    page.goto(f"{live_server.url}{reverse('requests:detail', args=[support_request.pk])}")
    page.get_by_role("link", name=text["withdraw"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["withdraw_title"])
    support_request.refresh_from_db()
    assert support_request.status == Status.OFFERED  # the page changed nothing
    assert_accessible()
    screenshot(f"day-to-day-withdraw-confirm-{language}")
    page.get_by_role("button", name=text["withdraw_yes"]).click()
    expect(page.locator(".messages")).to_contain_text(text["withdrawn"])
    page.get_by_role("link", name=text["erase"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["erase_title"])
    assert_accessible()
    screenshot(f"day-to-day-erase-confirm-{language}")
    page.get_by_role("button", name=text["erase_yes"]).click()
    expect(page.locator(".messages")).to_contain_text(text["erased"])
    support_request.refresh_from_db()
    assert support_request.purged_at is not None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_registry_reads_as_cards_on_a_phone(
    page, live_server, quinn, alice, bob, sign_in, screenshot, assert_accessible, language
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(quinn, language)
    page.goto(f"{live_server.url}{reverse('peers:manage')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[language]["registry"])
    # Nothing off-screen: the page is no wider than the phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    status = page.locator("td[data-label]").nth(3)
    expect(status).to_be_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_accessible()
    screenshot(f"day-to-day-registry-390-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_fullest_menu_fits_on_one_line_at_1280_px(
    page, live_server, db, sign_in, screenshot, assert_accessible, language
):
    # Every menu entry at once: a peer who is also a coordinator and a privacy officer.
    zoe = make_user("zoe", roles.COORDINATORS_GROUP, last_name="Lefebvre-Dubois")
    make_peer(zoe)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(zoe, language)
    page.goto(f"{live_server.url}{reverse('requests:dispatch')}")
    screenshot(f"day-to-day-menu-1280-{language}")
    # The everyday menu on one line, and the coordinator's own pages on one line below it.
    for links in ["#main-nav .nav-link, #main-nav button", ".role-nav .nav-link"]:
        middles = page.locator(links).evaluate_all(
            "links => links.map(link => {"
            " const box = link.getBoundingClientRect(); return (box.top + box.bottom) / 2; })"
        )
        assert max(middles) - min(middles) < 4, (links, middles)
    assert page.locator("#main-nav .nav-link").count() == 5
    assert page.locator(".role-nav .nav-link").count() == 4
    nav_height = page.locator("nav.navbar").evaluate("nav => nav.getBoundingClientRect().height")
    assert nav_height < 80
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    # Nothing sticks out of the bar's container (the log-out button last of all).
    container = page.locator("nav.navbar .container").bounding_box()
    logout = page.locator("#main-nav button").bounding_box()
    assert logout["x"] + logout["width"] <= container["x"] + container["width"]
    # The current section is marked, once.
    expect(page.locator("header [aria-current=page]")).to_have_count(1)
    expect(page.locator("header [aria-current=page]")).to_have_attribute(
        "href", reverse("requests:dispatch")
    )
    assert_accessible()
