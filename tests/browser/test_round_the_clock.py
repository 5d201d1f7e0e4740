"""Round the clock in a real Chromium, in English and in French: a peer's hours and time away,
the coordinators' on-call rota, the promise made at night, the programme's pause and its
one-click resume, and "someone else, please"."""

import re
from datetime import time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from peers.models import AvailabilitySlot, OnCallShift
from support_requests import availability
from tests.organisation.factories import site
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr"]


def text(language, english, french):
    return english if language == "en" else french


@pytest.fixture
def enter(page, log_in):
    """Logs in (in English, like every user's first visit), then switches to `language`."""

    def as_user(user, language):
        log_in(user)
        if language == "fr":
            page.get_by_role("button", name="Français").click()

    return as_user


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_peer_gives_their_hours_and_time_away(
    page, live_server, alice, enter, screenshot, assert_accessible, language
):
    enter(alice, language)
    page.goto(f"{live_server.url}/peers/me/")
    page.get_by_role(
        "link",
        name=text(
            language,
            "My hours, time away and the most requests I take",
            "Mes horaires, mes absences et le nombre de demandes que je prends",
        ),
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text(language, "My hours and time away", "Mes horaires et mes absences")
    )
    page.get_by_label(text(language, "Monday, from", "Lundi, de")).fill("08:00")
    page.get_by_label(text(language, "Monday, until", "Lundi, jusqu’à")).fill("17:00")
    page.get_by_label(text(language, "Thursday, from", "Jeudi, de")).fill("13:00")
    page.get_by_label(text(language, "Thursday, until", "Jeudi, jusqu’à")).fill("21:00")
    page.get_by_role(
        "button", name=text(language, "Save my hours", "Enregistrer mes horaires")
    ).click()
    expect(page.locator(".messages")).to_contain_text(
        text(language, "Your hours are saved.", "Vos horaires sont enregistrés.")
    )
    first = timezone.localdate() + timedelta(days=10)
    page.get_by_label(text(language, "Away from", "Absent à partir du")).fill(first.isoformat())
    page.get_by_label(text(language, "Back after", "Jusqu’au (inclus)")).fill(
        (first + timedelta(days=6)).isoformat()
    )
    page.get_by_role(
        "button", name=text(language, "Add this time away", "Ajouter cette absence")
    ).click()
    expect(page.locator(".messages")).to_contain_text(
        text(language, "Your time away is recorded", "Votre absence est enregistrée")
    )
    expect(page.get_by_label(text(language, "Thursday, until", "Jeudi, jusqu’à"))).to_have_value(
        "21:00"
    )
    assert AvailabilitySlot.objects.filter(peer=alice.peer_profile).count() == 2
    assert_accessible()
    screenshot(f"round-the-clock-hours-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_coordinator_puts_a_peer_on_call(
    page, live_server, quinn, alice, bob, enter, screenshot, assert_accessible, language
):
    oncopole = site("Oncopole")
    enter(quinn, language)
    page.goto(f"{live_server.url}/peers/manage/")
    page.get_by_role("link", name=text(language, "On-call rota", "Planning d’astreinte")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text(language, "On-call rota", "Planning d’astreinte")
    )
    start = timezone.localtime().replace(hour=20, minute=0) + timedelta(days=1)
    page.get_by_label("Site").select_option(str(oncopole.pk))
    page.get_by_label(text(language, "Peer supporter", "Pair aidant")).select_option(
        str(bob.peer_profile.pk)
    )
    page.get_by_role("textbox", name=text(language, "From*", "Du*"), exact=True).fill(
        start.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("textbox", name=text(language, "Until*", "Jusqu’au*"), exact=True).fill(
        (start + timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role(
        "button", name=text(language, "Put on the rota", "Inscrire au planning")
    ).click()
    expect(page.locator(".messages")).to_contain_text(
        text(language, "The shift is on the rota.", "L’astreinte est inscrite au planning.")
    )
    expect(page.get_by_role("cell", name="Bob Bernard", exact=True)).to_be_visible()
    assert OnCallShift.objects.get().peer == bob.peer_profile
    assert_accessible()
    screenshot(f"round-the-clock-rota-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_outside_the_peers_hours_the_promise_names_the_peer_on_call(
    page, live_server, carol, alice, bob, enter, screenshot, assert_accessible, language
):
    # Both peers work tomorrow only; bob is on call now.
    tomorrow = (timezone.localdate() + timedelta(days=1)).weekday()
    for peer in [alice.peer_profile, bob.peer_profile]:
        AvailabilitySlot.objects.create(
            peer=peer, weekday=tomorrow, starts_at=time(8), ends_at=time(17)
        )
    now = timezone.now()
    OnCallShift.objects.create(
        site=site("Oncopole"),
        peer=bob.peer_profile,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=11),
    )
    enter(carol, "en")
    page.goto(f"{live_server.url}/requests/new/")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Phone number, if you chose the phone").fill("06 12 34 56 78")
    page.get_by_label("As soon as possible").check()
    page.get_by_role("button", name="Send my request").click()
    if language == "fr":
        page.get_by_role("button", name="Français").click()
    promise = page.locator("p.lead")
    expect(promise).to_have_text(
        re.compile(
            text(
                language,
                r"The peer on call (tonight|today|this weekend) will answer within 30 minutes\.",
                r"Le pair d’astreinte (cette nuit|aujourd’hui|ce week-end) vous répondra "
                r"dans les 30 minutes\.",
            )
        )
    )
    expect(page.locator(".alert.help-24-7")).to_contain_text("3114")
    assert_accessible()
    screenshot(f"round-the-clock-sent-on-call-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_peer_paused_after_unanswered_offers_resumes_in_one_click(
    page, live_server, alice, quinn, enter, screenshot, assert_accessible, language, settings
):
    settings.PEER_LAPSES_BEFORE_PAUSE = 2
    for _ in range(2):
        with transaction.atomic():
            availability.note_lapses([alice.peer_profile.pk], timezone.now())
    enter(alice, language)
    page.goto(f"{live_server.url}/peers/me/")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        text(
            language,
            "We paused your offers, to give you room",
            "Nous avons mis vos propositions en pause, pour vous laisser respirer",
        )
    )
    assert_accessible()
    screenshot(f"round-the-clock-paused-{language}")
    page.get_by_role(
        "button",
        name=text(language, "Resume receiving requests", "Recevoir de nouveau des demandes"),
    ).click()
    expect(page.locator(".messages")).to_contain_text(text(language, "Active", "Actif"))
    alice.peer_profile.refresh_from_db()
    assert alice.peer_profile.status == "active"
    assert alice.peer_profile.lapses_in_a_row == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_requester_asks_for_someone_else(
    page, live_server, carol, alice, bob, enter, screenshot, assert_accessible, language
):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    enter(carol, language)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    offered = page.locator(
        "section", has=page.get_by_role("heading", name=text(language, "Offered to", "Proposée à"))
    )
    expect(offered).to_contain_text("Alice Martin")
    assert_accessible()
    screenshot(f"round-the-clock-offered-to-{language}")
    page.get_by_role(
        "button", name=text(language, "Someone else, please", "Quelqu’un d’autre, s’il vous plaît")
    ).click()
    expect(page.locator(".messages")).to_contain_text(
        text(language, "Your request goes to someone else", "proposée à quelqu’un d’autre")
    )
    expect(offered).to_contain_text("Bob Bernard")
    assert_accessible()
    screenshot(f"round-the-clock-someone-else-{language}")
