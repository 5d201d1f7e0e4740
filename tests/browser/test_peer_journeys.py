"""The peer registry's main journeys in a real Chromium, with axe and screenshots."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peers.models import PeerSupporter, Status
from tests.organisation.factories import department, site
from tests.peers.factories import make_peer
from tests.people import make_user

pytestmark = pytest.mark.browser


def test_a_candidate_goes_from_the_registry_to_the_directory(
    page, live_server, quinn, log_in, log_out, screenshot, assert_accessible
):
    make_user("tina", last_name="Morel")
    department("Radiotherapy"), site("Oncopole")
    log_in(quinn)
    page.get_by_role("link", name="Peer registry").click()
    page.get_by_role("link", name="Add a peer").first.click()
    page.get_by_label("Username or work e-mail").fill("tina")
    page.get_by_label("Name shown in the directory").fill("Tina Morel")
    page.get_by_label("Profession").select_option("nurse")
    page.get_by_label("Department or unit").select_option(label="Radiotherapy")
    page.get_by_label("Site").select_option(label="Oncopole")
    page.get_by_label("French", exact=True).check()
    for statement in [
        "Works at the institution",
        "Is a volunteer",
        "Has lived a risk-management situation",
        "Can draw on that experience",
    ]:
        page.get_by_label(statement).check()
    # Added directly, a peer must have agreed, as a nominated colleague does.
    page.get_by_label("The colleague agreed to become a peer supporter").check()
    assert_accessible()
    screenshot("peers-manage-add-en")
    page.get_by_role("button", name="Record the candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tina Morel")
    expect(page.locator(".alert-warning")).to_contain_text("the initial training is not completed")
    assert_accessible()
    screenshot("peers-manage-edit-en")

    page.get_by_role("link", name="Record a training").click()
    page.get_by_label("Tina Morel — Radiotherapy").check()
    page.get_by_label("Course").fill("Listening after an adverse event")
    page.get_by_label("Kind").select_option("initial")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Duration in minutes").fill("120")
    assert_accessible()
    page.get_by_role("button", name="Record for the peers ticked").click()
    expect(page.locator(".messages")).to_contain_text("Training recorded for 1 peer")
    log_out()

    log_in(PeerSupporter.objects.get(display_name="Tina Morel").user)
    page.get_by_role("link", name="My peer page").click()
    expect(page.get_by_role("heading", name="Commitments charter, version 1")).to_be_visible()
    assert_accessible()
    screenshot("peers-me-charter-en")
    page.get_by_role("button", name="I have read the charter and I sign it").click()
    expect(page.locator(".messages")).to_contain_text("your signature is recorded")
    log_out()

    log_in(quinn)
    page.goto(f"{live_server.url}/peers/manage/?q=tina")
    page.get_by_role("link", name="Tina Morel").click()
    page.get_by_label("New status").select_option("active")
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator(".messages")).to_contain_text("Status changed to “Active”")
    page.get_by_role("link", name="Peer supporters", exact=True).click()
    expect(page.get_by_role("heading", name="Tina Morel")).to_be_visible()


def test_staff_filter_the_directory_by_profession_and_language(
    page, live_server, carol, alice, bob, log_in, screenshot, assert_accessible
):
    make_peer(make_user("nadia", last_name="Haddad"), profession="nurse", languages=["ar"])
    log_in(carol)
    page.get_by_role("link", name="Peer supporters", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("3 peer supporters")
    assert_accessible()
    screenshot("peers-directory-en")
    page.get_by_label("Profession").select_option("nurse")
    page.get_by_label("Language spoken").select_option("en")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("status")).to_have_text("1 peer supporter")
    expect(page.get_by_role("heading", name="Alice Martin")).to_be_visible()
    assert_accessible()
    page.get_by_label("Profession").select_option("midwife")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".alert-info")).to_contain_text("Try fewer filters")
    assert_accessible()
    screenshot("peers-directory-empty-en")
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pairs aidants")
    assert_accessible()
    screenshot("peers-directory-empty-fr")
    page.goto(f"{live_server.url}/peers/")
    assert_accessible()
    screenshot("peers-directory-fr")
    # Carol has no site on record: the sheet asks which list first, never the whole network.
    page.get_by_role("link", name="Liste imprimable").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pairs aidants : liste imprimable")
    expect(page.get_by_role("img", name="QR code vers l’annuaire en ligne")).to_have_count(0)
    assert_accessible()
    screenshot("peers-print-choice-fr")
    page.get_by_label("Site").select_option(label="Oncopole")
    page.get_by_label("Service").select_option(label="Oncology")
    page.get_by_role("button", name="Afficher cette liste").press("Enter")
    expect(page.get_by_role("img", name="QR code vers l’annuaire en ligne")).to_be_visible()
    expect(page.get_by_role("cell", name="Alice Martin")).to_be_visible()
    expect(page.get_by_role("cell", name="Bob Bernard")).to_have_count(0)
    assert_accessible()
    screenshot("peers-print-fr")


def test_a_peer_pauses_and_leaves_the_directory(
    page, live_server, alice, bob, log_in, screenshot, assert_accessible
):
    log_in(alice)
    page.get_by_role("link", name="My peer page").click()
    assert_accessible()
    screenshot("peers-me-en")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator(".messages")).to_contain_text("Your status is now “Paused”")
    page.get_by_role("link", name="Peer supporters", exact=True).click()
    expect(page.get_by_role("heading", name="Bob Bernard")).to_be_visible()
    expect(page.get_by_role("heading", name="Alice Martin")).to_have_count(0)
    assert PeerSupporter.objects.get(user=alice).status == Status.PAUSED


def test_a_nomination_goes_from_consent_to_acceptance(
    page, live_server, alice, dan, quinn, log_in, log_out, screenshot, assert_accessible
):
    log_in(alice)
    page.get_by_role("link", name="My peer page").click()
    page.get_by_role("link", name="Nominate a colleague").click()
    page.get_by_label("Your colleague's username or work e-mail").fill("dan")
    page.get_by_label("Profession").select_option("physician")
    page.get_by_label("Department or unit").fill("Surgery")
    page.get_by_label("Why this colleague").fill("He listens and stays calm.")
    assert_accessible()
    page.get_by_role("button", name="Send the nomination").click()
    expect(page.locator(".messages")).to_contain_text("Your colleague is asked first")
    log_out()

    nomination = dan.nominations_received.get()
    log_in(dan)
    page.goto(f"{live_server.url}/peers/nominations/{nomination.pk}/")
    page.get_by_label("Yes, I agree to be proposed").check()
    for statement in [
        "I work at the institution",
        "I volunteer, without extra pay",
        "I have lived through a risk-management situation myself",
        "I can draw on that experience to help a colleague",
    ]:
        page.get_by_label(statement).check()
    assert_accessible()
    screenshot("peers-nomination-answer-en")
    page.get_by_role("button", name="Send my answer").click()
    log_out()

    log_in(quinn)
    page.goto(f"{live_server.url}/peers/manage/nominations/")
    page.get_by_label("Accept: create a candidate record").check()
    assert_accessible()
    screenshot("peers-nomination-queue-en")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("Decision recorded")
    assert PeerSupporter.objects.get(user=dan).status == Status.CANDIDATE


def test_a_new_charter_version_asks_peers_to_sign_again(
    page, live_server, quinn, alice, log_in, log_out, screenshot, assert_accessible
):
    log_in(quinn)
    page.goto(f"{live_server.url}/resources/policies/commitments-charter/")
    page.get_by_role("button", name="Write a new version").click()
    page.get_by_label("Change note (English)").fill("Clearer wording on supervision.")
    page.get_by_role("button", name=re.compile("^Save")).click()
    page.get_by_role("button", name="Publish this version").click()
    log_out()

    log_in(alice)
    page.get_by_role("link", name="My peer page").click()
    expect(page.get_by_role("heading", name="Commitments charter, version 2")).to_be_visible()
    # Still listed on her version 1 signature during the grace period; told what changed.
    assert PeerSupporter.objects.published().filter(user=alice).exists()
    expect(page.locator(".alert-warning")).to_contain_text("keeps you in the directory until")
    expect(page.locator("main")).to_contain_text("Clearer wording on supervision.")
    assert_accessible()
    screenshot("peers-me-new-charter-en")
    page.get_by_role("button", name="I have read the charter and I sign it").click()
    expect(page.locator(".messages")).to_contain_text("your signature is recorded")
    assert PeerSupporter.objects.published().filter(user=alice).exists()
