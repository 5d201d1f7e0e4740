"""The programme day to day in a real Chromium, in English and French, with axe and
screenshots: a charter roll-out that keeps the directory full, a coordinator's assignment
told to the peer by kind and deadline, a paused peer's offer moving on, and the first-contact
promise watched by the clock (time moved by back-dating the request)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from support_requests.clock import tick
from support_requests.models import Status
from svsupport.models import LanguagePreference
from tests.peers.factories import current_charter
from tests.support_requests.factories import make_request

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("language", ["en", "fr"])]

TEXT = {
    "en": {
        "impact": "Publishing this version asks 2 peer supporters to sign the charter again.",
        "published": "The peers are asked to sign it.",
        "change": "What changed in this version",
        "grace": "keeps you in the directory until",
        "signed": "your signature is recorded",
        "assigned": "Peer support: a coordinator has given you a request",
        "assigned_line": "A coordinator has given you a request for support. Please contact the "
        "colleague by ",
        "offer": "Peer support: a colleague is waiting for your answer",
        "paused": "Your status is now",
        "reminder": "Peer support: reminder, first contact to make",
        "overdue_mail": "Peer support: a first contact is overdue",
        "overdue_home": "1 first contact is overdue",
        "overdue": "Contact overdue",
    },
    "fr": {
        "impact": "Publier cette version demande à 2 pairs aidants de signer à nouveau la charte.",
        "published": "Les pairs aidants sont invités à la signer.",
        "change": "Ce qui change dans cette version",
        "grace": "vous garde dans l’annuaire jusqu’au",
        "signed": "votre signature est enregistrée",
        "assigned": "Soutien par les pairs : une demande vous est confiée",
        "assigned_line": "Une coordinatrice ou un coordinateur vous a confié une demande de "
        "soutien. Merci de contacter la personne avant le ",
        "offer": "Soutien par les pairs : un ou une collègue attend votre réponse",
        "paused": "Votre statut est désormais",
        "reminder": "Soutien par les pairs : rappel, premier contact à prendre",
        "overdue_mail": "Soutien par les pairs : un premier contact est en retard",
        "overdue_home": "1 premier contact est en retard",
        "overdue": "Contact en retard",
    },
}


@pytest.fixture
def in_language(page, live_server):
    def switch(language):
        page.goto(f"{live_server.url}/accounts/login/")
        if language == "fr":
            page.get_by_role("button", name="Français").click()

    return switch


def directory_names(page, live_server):
    page.goto(f"{live_server.url}/peers/")
    return page.locator("main h2, main h3").all_inner_texts()


def test_a_charter_roll_out_keeps_the_directory_until_peers_sign(
    page, live_server, quinn, alice, bob, language, in_language, log_in, log_out, screenshot,
    assert_accessible,
):  # fmt: skip
    current = current_charter()
    draft = current.document.versions.create(
        number=current.number + 1,
        effective_date=timezone.localdate(),
        body_en="Take part in group supervision twice a year.",
        body_fr="Participer à la supervision de groupe deux fois par an.",
        change_note_en="Supervision twice a year",
        change_note_fr="Supervision deux fois par an",
    )
    in_language(language)
    log_in(quinn, language)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    expect(page.locator("#charter-impact")).to_contain_text(TEXT[language]["impact"])
    assert_accessible()
    screenshot(f"charter-impact-{language}")
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator(".messages")).to_contain_text(TEXT[language]["published"])
    # The directory is never empty: both peers stay listed on their previous signature.
    page.goto(f"{live_server.url}/peers/")
    expect(page.locator("main")).to_contain_text("Alice Martin")
    expect(page.locator("main")).to_contain_text("Bob Bernard")
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, bob.email]
    page.goto(f"{live_server.url}/peers/manage/?attention=1")
    expect(page.locator("main")).to_contain_text("Alice Martin")
    assert_accessible()
    screenshot(f"charter-registry-{language}")
    log_out()

    log_in(alice, language)
    page.goto(f"{live_server.url}/peers/me/")
    expect(page.locator("main")).to_contain_text(TEXT[language]["change"])
    expect(page.locator("main")).to_contain_text(TEXT[language]["grace"])
    assert_accessible()
    screenshot(f"charter-sign-{language}")
    page.locator("form[action='/peers/me/charter/'] button").click()
    expect(page.locator(".messages")).to_contain_text(TEXT[language]["signed"])
    page.goto(f"{live_server.url}/peers/")
    expect(page.locator("main")).to_contain_text("Alice Martin")


def test_a_coordinator_assigns_and_the_peer_is_told_the_kind_and_deadline(
    page, live_server, quinn, alice, dan, language, in_language, log_in, screenshot,
    assert_accessible,
):  # fmt: skip
    LanguagePreference.objects.create(user=alice, language=language)
    support_request = make_request(dan, status=Status.DISPATCH, dispatch_reason="no_match")
    in_language(language)
    log_in(quinn, language)
    page.goto(f"{live_server.url}/requests/dispatch/")
    assert_accessible()
    screenshot(f"dispatch-queue-{language}")
    page.locator(f"a[href='/requests/{support_request.pk}/']").click()
    page.locator("form[action$='/assign/'] select").select_option(label=None, index=0)
    assert_accessible()
    page.locator("form[action$='/assign/'] button").click()
    expect(page.locator(".messages")).to_contain_text("Alice Martin")
    to_alice = [message for message in mail.outbox if message.to == [alice.email]]
    assert [message.subject for message in to_alice] == [TEXT[language]["assigned"]]
    assert TEXT[language]["assigned_line"] in to_alice[0].body
    assert f"/requests/{support_request.pk}/" in to_alice[0].body


def test_a_paused_peers_offer_moves_on(
    page, live_server, alice, bob, dan, language, in_language, log_in, screenshot,
    assert_accessible,
):  # fmt: skip
    support_request = make_request(dan, offered_to=alice.peer_profile)
    in_language(language)
    log_in(alice, language)
    page.goto(f"{live_server.url}/requests/inbox/")
    expect(page.locator(f"a[href='/requests/{support_request.pk}/']")).to_have_count(1)
    page.goto(f"{live_server.url}/peers/me/")
    page.locator("form[action='/peers/me/status/'] button.btn-outline-primary").click()
    expect(page.locator(".messages")).to_contain_text(TEXT[language]["paused"])
    assert [message.subject for message in mail.outbox if message.to == [bob.email]] == [
        TEXT["en"]["offer"]  # bob has no language preference: the site's default
    ]
    page.goto(f"{live_server.url}/requests/inbox/")
    expect(page.locator(f"a[href='/requests/{support_request.pk}/']")).to_have_count(0)
    assert_accessible()
    screenshot(f"paused-inbox-{language}")
    assert support_request.pending_offer().peer == bob.peer_profile


def test_the_first_contact_reminder_and_the_overdue_alert(
    page, live_server, quinn, alice, dan, language, in_language, log_in, log_out, screenshot,
    assert_accessible, settings,
):  # fmt: skip
    settings.REQUEST_CONTACT_PROMISE_HOURS = 24
    LanguagePreference.objects.create(user=alice, language=language)
    LanguagePreference.objects.create(user=quinn, language=language)
    support_request = make_request(
        dan, assigned_to=alice.peer_profile, created_at=timezone.now() - timedelta(hours=13)
    )
    assert tick().contact_reminders == 1
    assert [message.subject for message in mail.outbox] == [TEXT[language]["reminder"]]
    in_language(language)
    log_in(alice, language)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    expect(
        page.locator("form[action$='/first-contact/'] input[name='contacted_at']")
    ).to_have_value("")
    assert_accessible()
    screenshot(f"first-contact-empty-{language}")
    log_out()

    # Time moved: the promise has passed with no first contact recorded.
    support_request.created_at = timezone.now() - timedelta(hours=25)
    support_request.save()
    assert tick().contact_overdue == 1
    assert mail.outbox[-1].subject == TEXT[language]["overdue_mail"]
    log_in(quinn, language)
    expect(page.locator("main")).to_contain_text(TEXT[language]["overdue_home"])
    assert_accessible()
    screenshot(f"coordination-{language}")
    page.goto(f"{live_server.url}/requests/dispatch/")
    expect(page.locator("main table")).to_contain_text(TEXT[language]["overdue"])
    assert_accessible()
    screenshot(f"dispatch-overdue-{language}")
