"""The support pathway in a real Chromium: walked in English and French, the 24/7 help
from the footer, the printable poster, and a coordinator publishing a change."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def heading(page):
    return page.get_by_role("heading", level=1)


def test_carol_walks_the_pathway_in_english_from_the_home_page(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    page.get_by_role("link", name="See the whole support pathway").click()
    expect(heading(page)).to_have_text("The support pathway")
    assert_accessible()
    screenshot("pathway-en")
    page.get_by_role("link", name="Emotional first aid").click()
    expect(heading(page)).to_have_text("Emotional first aid")
    expected = [
        "Stage 1: debriefing with the ward's management",
        "Stage 2: meet a peer supporter",
        "Stage 3: psychological support",
        "Help day and night",
        "Taking part in the root cause analysis",
        "Feedback and lessons learned",
    ]
    for title in expected:
        page.get_by_role("navigation", name="Previous and next pages").get_by_role(
            "link", name=re.compile(re.escape(title))
        ).click()
        expect(heading(page)).to_have_text(title)
        if title.startswith("Stage 2"):
            assert_accessible()
            screenshot("pathway-stage-2-en")
    assert_accessible()


def test_carol_walks_the_pathway_in_french(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    page.get_by_role("button", name="Français").click()
    page.get_by_role("link", name="Voir tout le parcours de soutien").click()
    expect(heading(page)).to_have_text("Le parcours de soutien")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible()
    screenshot("pathway-fr")
    page.get_by_role("link", name="Premiers secours émotionnels").click()
    expect(heading(page)).to_have_text("Premiers secours émotionnels")
    page.get_by_role("link", name=re.compile("Étape 1")).click()
    expect(heading(page)).to_have_text("Étape 1 : débriefing avec l'encadrement du service")
    assert_accessible()
    screenshot("pathway-stage-1-fr")


def test_the_24_7_help_opens_from_the_footer(
    page, live_server, dan, log_in, screenshot, assert_accessible
):
    log_in(dan)
    page.get_by_role("contentinfo").get_by_role("link", name="More about the 24/7 help").click()
    expect(heading(page)).to_have_text("Help day and night")
    lines = page.locator(".hotline-list")
    expect(lines).to_contain_text("MOTS")
    expect(lines).to_contain_text("0 805 23 23 36")
    expect(lines.get_by_role("link", name="06 08 28 25 89")).to_have_attribute(
        "href", "tel:0608282589"
    )
    assert_accessible()
    screenshot("help-24-7-en")


def test_the_poster_prints_on_one_page_without_the_menus(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    page.goto(f"{live_server.url}/resources/")
    page.get_by_role("link", name="Print the pathway poster (A4)").click()
    expect(heading(page)).to_have_text("After a hard event at work: you are not alone")
    expect(page.locator(".poster-qr svg")).to_be_visible()
    assert_accessible()
    screenshot("poster-screen")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this poster")).to_be_hidden()
    expect(page.locator(".poster-qr svg")).to_be_visible()
    screenshot("poster-print")
    pdf = page.pdf(format="A4", print_background=True)
    (SCREENSHOTS / "poster.pdf").write_bytes(pdf)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, "not one A4 sheet"


def test_a_team_fills_in_the_self_assessment_without_sending_it(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    log_in(carol)
    page.goto(f"{live_server.url}/resources/pages/for-the-organisation/")
    page.get_by_role("link", name="Fill in the just-culture self-assessment").click()
    expect(heading(page)).to_have_text("Just-culture self-assessment")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.get_by_role("group", name=re.compile("After an incident")).get_by_label("Partly").check()
    page.get_by_label("Our next steps").fill("Talk about it at the next team meeting.")
    page.keyboard.press("Enter")
    assert requests == []
    assert_accessible()
    page.emulate_media(media="print")
    screenshot("self-assessment-print")


def test_a_coordinator_edits_previews_and_publishes_and_staff_read_it(
    page, live_server, quinn, carol, log_in, screenshot, assert_accessible
):
    log_in(quinn)
    page.get_by_role("link", name="Edit the pathway").click()
    expect(heading(page)).to_have_text("Edit the pathway")
    assert_accessible()
    screenshot("manage-pages-en")
    page.get_by_role("link", name="Edit Frequently asked questions").click()
    body = page.get_by_label("Text (English)")
    body.fill("## Who can be a peer supporter?\n\nEveryone who works here, **in any role**.")
    assert_accessible()
    screenshot("page-edit-en")
    page.get_by_role("button", name="Save the draft").click()
    expect(heading(page)).to_have_text("Draft of “Frequently asked questions”")
    expect(page.locator(".draft-preview").first).to_contain_text("Everyone who works here")
    expect(page.get_by_role("status").last).to_contain_text("French text was last changed")
    assert_accessible()
    screenshot("page-draft-en")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(heading(page)).to_have_text("Frequently asked questions")
    expect(page.get_by_role("article")).to_contain_text("Everyone who works here, in any role.")
    page.get_by_role("button", name="Log out").click()
    log_in(carol)
    page.goto(f"{live_server.url}/resources/pages/faq/")
    expect(page.get_by_role("article")).to_contain_text("Everyone who works here, in any role.")
    expect(page.get_by_role("link", name="Edit this page")).to_have_count(0)


def test_the_pathway_reads_on_a_phone(
    page, live_server, carol, log_in, screenshot, assert_accessible
):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(carol)
    page.goto(f"{live_server.url}/resources/pages/stage-2-meet-a-peer/")
    expect(heading(page)).to_have_text("Stage 2: meet a peer supporter")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "scrolls sideways"
    assert_accessible()
    screenshot("stage-2-phone")
