"""Reaching in, in a real Chromium, in English and French: an outreach answered "yes", a
referral declined, a team session arranged, and the quick exit."""

import re

import pytest
from playwright.sync_api import expect

from support_requests.models import Invitation, Outreach, SupportRequest, TeamSession

pytestmark = pytest.mark.browser

NAV = {"en": "Main navigation", "fr": "Navigation principale"}
WORDS = {
    "en": {
        "dispatch": "Dispatch",
        "outreach": "Outreach after a serious event",
        "record": "Record an outreach",
        "invitees": "Colleagues to invite",
        "kind": "Kind of event (optional)",
        "send": "Send the invitations",
        "ask": "Ask for a peer",
        "touching": "Touching base",
        "phone": "Phone",
        "phone_number": "Phone number, if you chose the phone",
        "asap": "As soon as possible",
        "yes": "Yes, put me in touch",
        "sent": "Your request is sent",
        "worried": "Worried about a colleague? Suggest they be offered support",
        "colleague": "Your colleague's username or work e-mail",
        "name_me": "My colleague may know that the suggestion came from me",
        "send_referral": "Send a discreet invitation",
        "thanks": "Thank you for looking out for your colleague",
        "named": "Carol Petit thought you might welcome",
        "no": "No, thank you",
        "erased": "The invitation is erased",
        "team": "A hard event hit your team? Ask for a team session",
        "headcount": "How many people",
        "ask_team": "Ask for a team session",
        "asked": "The coordinators will arrange the session",
        "date": "Date of the session",
        "facilitator": "Facilitator",
        "peer": "Peer supporter",
        "arrange": "Arrange the session",
        "team_sessions": "Team sessions",
        "arranged": "Session arranged",
        "leave": "Leave this page",
        "message": "A short message (optional)",
    },
    "fr": {
        "dispatch": "Répartition",
        "outreach": "Aller vers les collègues après un événement grave",
        "record": "Enregistrer une démarche",
        "invitees": "Collègues à inviter",
        "kind": "Type d’événement (facultatif)",
        "send": "Envoyer les invitations",
        "ask": "Demander un pair",
        "touching": "Prendre des nouvelles",
        "phone": "Téléphone",
        "phone_number": "Numéro de téléphone, si vous avez choisi le téléphone",
        "asap": "Dès que possible",
        "yes": "Oui, mettez-moi en contact",
        "sent": "Votre demande est envoyée",
        "worried": "Inquiet pour un collègue ? Suggérez qu’on lui propose un soutien",
        "colleague": "Identifiant ou e-mail professionnel de votre collègue",
        "name_me": "Mon collègue peut savoir que la suggestion vient de moi",
        "send_referral": "Envoyer une invitation discrète",
        "thanks": "Merci de veiller sur votre collègue",
        "named": "Carol Petit a pensé qu’un échange",
        "no": "Non, merci",
        "erased": "L’invitation est effacée",
        "team": "Un événement difficile a touché votre équipe ? Demandez une séance d’équipe",
        "headcount": "Nombre de personnes",
        "ask_team": "Demander une séance d’équipe",
        "asked": "Les coordinateurs organiseront la séance",
        "date": "Date de la séance",
        "facilitator": "Animateur",
        "peer": "Pair aidant",
        "arrange": "Organiser la séance",
        "team_sessions": "Séances d’équipe",
        "arranged": "Séance organisée",
        "leave": "Quitter cette page",
        "message": "Un court message (facultatif)",
    },
}


@pytest.fixture
def start(page, live_server, log_in):
    """Logs in, in the language of the test (the switcher's cookie outlives a logout)."""

    def as_user(user, language):
        page.goto(f"{live_server.url}/accounts/login/")
        if language == "fr" and page.locator("html").get_attribute("lang") != "fr":
            page.get_by_role("button", name="Français").click()
        log_in(user, language)

    return as_user


def nav(page, language, key):
    """Follows a link of the main navigation (the page may hold a link of the same name)."""
    navigation = page.get_by_role("navigation", name=NAV[language])
    navigation.get_by_role("link", name=WORDS[language][key], exact=True).click()


def open_invitation(page, language):
    """The invitee finds the invitation on their requests page."""
    nav(page, language, "ask")
    page.get_by_role("link", name=re.compile(WORDS[language]["touching"])).click()


def label(page, language, key):
    return page.get_by_label(WORDS[language][key])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_outreach_answered_yes_becomes_the_invitees_own_request(
    page, live_server, start, log_out, screenshot, assert_accessible, quinn, dan, alice, language
):
    words = WORDS[language]
    start(quinn, language)
    nav(page, language, "dispatch")
    page.get_by_role("link", name=words["outreach"]).click()
    page.get_by_role("link", name=words["record"]).click()
    page.get_by_label(words["invitees"]).fill("dan")
    page.get_by_label(words["kind"]).select_option("adverse_event")
    assert_accessible()
    screenshot(f"reaching-outreach-new-{language}")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator("table tbody td").nth(2)).to_have_text("1")
    assert_accessible()
    screenshot(f"reaching-outreach-list-{language}")
    listing = page.locator("main table").inner_text()
    log_out()

    start(dan, language)
    open_invitation(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["touching"])
    assert_accessible()
    screenshot(f"reaching-invitation-{language}")
    page.get_by_label(words["phone"], exact=True).check()
    label(page, language, "phone_number").fill("06 12 34 56 78")
    page.get_by_label(words["asap"]).check()
    page.get_by_role("button", name=words["yes"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])
    support_request = SupportRequest.objects.get()
    assert support_request.requester == dan
    assert support_request.pending_offer().peer == alice.peer_profile
    assert not Invitation.objects.exists()
    log_out()

    # The coordinator's page reads exactly as before the answer.
    start(quinn, language)
    page.goto(f"{live_server.url}/requests/outreach/")
    assert page.locator("main table").inner_text() == listing
    assert Outreach.objects.get().invited_count == 1


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_referral_declined_leaves_nothing(
    page, live_server, start, log_out, screenshot, assert_accessible, carol, dan, language
):
    words = WORDS[language]
    start(carol, language)
    nav(page, language, "ask")
    page.get_by_role("link", name=words["worried"]).click()
    label(page, language, "colleague").fill("dan")
    page.get_by_label(words["name_me"]).check()
    assert_accessible()
    screenshot(f"reaching-refer-{language}")
    page.get_by_role("button", name=words["send_referral"]).click()
    expect(page.locator(".messages")).to_contain_text(words["thanks"])
    log_out()

    start(dan, language)
    open_invitation(page, language)
    expect(page.locator("main")).to_contain_text(words["named"])
    assert_accessible()
    screenshot(f"reaching-referral-invitation-{language}")
    page.get_by_role("button", name=words["no"]).click()
    expect(page.locator(".messages")).to_contain_text(words["erased"])
    expect(page.get_by_role("link", name=re.compile(words["touching"]))).to_have_count(0)
    assert not Invitation.objects.exists()
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_team_session_is_asked_for_and_arranged(
    page, live_server, start, log_out, screenshot, assert_accessible, dan, quinn, alice, language
):
    words = WORDS[language]
    start(dan, language)
    nav(page, language, "ask")
    page.get_by_role("link", name=words["team"]).click()
    page.get_by_label(words["headcount"]).select_option("6_10")
    assert_accessible()
    screenshot(f"reaching-team-ask-{language}")
    page.get_by_role("button", name=words["ask_team"]).click()
    expect(page.locator(".messages")).to_contain_text(words["asked"])
    log_out()

    start(quinn, language)
    nav(page, language, "dispatch")
    page.get_by_role("link", name=words["team_sessions"]).first.click()
    page.get_by_label(words["date"]).fill("2026-11-20")
    label(page, language, "facilitator").fill("Dr Lenoir (EAP)")
    page.get_by_label(words["peer"]).select_option(label="Alice Martin")
    assert_accessible()
    screenshot(f"reaching-team-arrange-{language}")
    page.get_by_role("button", name=words["arrange"]).click()
    expect(page.locator(".messages")).to_contain_text(words["arranged"])
    expect(page.locator("main")).to_contain_text("Dr Lenoir (EAP)")
    assert_accessible()
    session = TeamSession.objects.get()
    assert (session.state, session.peer, session.facilitator) == (
        TeamSession.State.ARRANGED,
        alice.peer_profile,
        "Dr Lenoir (EAP)",
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_escape_twice_leaves_for_a_neutral_page(
    page, live_server, start, screenshot, assert_accessible, carol, language
):
    words = WORDS[language]
    start(carol, language)
    page.goto(f"{live_server.url}/requests/")
    page.goto(f"{live_server.url}/requests/new/")
    assert page.title() == ("Peer support" if language == "en" else "Soutien par les pairs")
    expect(page.get_by_role("link", name=words["leave"])).to_be_visible()
    assert_accessible()
    screenshot(f"reaching-quick-exit-control-{language}")
    label(page, language, "message").fill("Hard day")
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.url.endswith("/requests/new/")  # one press does nothing
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_server.url}/away/")
    assert page.title() == "Intranet"
    assert_accessible()
    screenshot(f"reaching-quick-exit-away-{language}")
    # The page left is replaced in the history: "back" goes to the page before it.
    page.go_back()
    assert page.url == f"{live_server.url}/requests/"


def test_the_leave_link_works_without_javascript(browser, live_server, carol):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/away/")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("carol")
    from tests.people import PASSWORD

    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("link", name="Leave this page").click()
    page.wait_for_url(f"{live_server.url}/away/")
    context.close()
