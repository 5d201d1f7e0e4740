"""A hospital group in a real Chromium, in English and in French: a requester of site A
asks for a peer "at another site" and is offered one of site B; site B's coordinator
dispatches a request of site B; a site's version of a page shows to its readers only."""

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from organisation.models import RoleGrant, StaffProfile
from resources.models import Page, PageOverride
from support_requests.models import ContactMethod, SitePreference, Status, SupportRequest
from tests.organisation.factories import site
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.browser


def text(value, language):
    """`value` (a msgid or a lazy label) as the page shows it in `language`."""
    with translation.override(language):
        return translation.gettext(value) if isinstance(value, str) else str(value)


@pytest.fixture
def speak(page, live_server):
    """Chooses the page language before logging in (the choice outlives the session)."""

    def choose(language):
        if language == "fr":
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_role("button", name="Français").click()

    return choose


@pytest.fixture
def group(alice, bob, carol, dan):
    """Oncopole (site A): carol and alice. Purpan (site B): dan, bob, and pia its
    coordinator."""
    oncopole, purpan = site("Oncopole"), site("Purpan")
    StaffProfile.objects.create(user=carol, site=oncopole)
    StaffProfile.objects.create(user=dan, site=purpan)
    alice.peer_profile.site = oncopole
    alice.peer_profile.save()
    bob.peer_profile.site = purpan
    bob.peer_profile.save()
    pia = make_user("pia", first_name="Pia")
    RoleGrant.objects.create(user=pia, role=RoleGrant.Role.COORDINATOR, site=purpan)
    return {"oncopole": oncopole, "purpan": purpan, "pia": pia}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_requester_of_site_a_asks_for_a_peer_at_another_site_and_gets_one_of_site_b(
    page, live_server, speak, group, carol, bob, log_in, log_out, screenshot, assert_accessible,
    language,
):  # fmt: skip
    speak(language)
    log_in(carol, language=language)
    page.goto(f"{live_server.url}/requests/new/")
    expect(page.get_by_label(text("Your site", language))).to_have_value(str(group["oncopole"].pk))
    page.get_by_label(text(SitePreference.OTHER.label, language)).check()
    page.get_by_label(text(ContactMethod.PHONE.label, language), exact=True).check()
    page.get_by_label(text("Phone number, if you chose the phone", language)).fill("06 12 34 56 78")
    assert_accessible()
    screenshot(f"sites-request-another-site-{language}")
    page.get_by_role("button", name=text("Send my request", language)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Your request is sent", language)
    )
    support_request = SupportRequest.objects.get(requester=carol)
    assert support_request.site == group["oncopole"]
    assert support_request.pending_offer().peer == bob.peer_profile
    log_out()

    log_in(bob, language=language)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    expect(page.get_by_role("button", name=text("Accept", language))).to_be_visible()
    assert_accessible()
    screenshot(f"sites-offered-to-site-b-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_site_b_coordinator_dispatches_a_site_b_request(
    page, live_server, speak, group, carol, dan, bob, log_in, screenshot, assert_accessible,
    language,
):  # fmt: skip
    purpan_request = make_request(dan, status=Status.DISPATCH, site=group["purpan"])
    oncopole_request = make_request(carol, status=Status.DISPATCH, site=group["oncopole"])
    speak(language)
    log_in(group["pia"], language=language)
    page.goto(f"{live_server.url}/requests/dispatch/")
    links = page.get_by_role("link", name=text("Assign", language), exact=True)
    expect(links).to_have_count(1)
    assert_accessible()
    screenshot(f"sites-dispatch-site-b-{language}")
    links.click()
    page.get_by_role("combobox", name=text("Peer supporter", language)).select_option(
        str(bob.peer_profile.pk)
    )
    page.get_by_label(text("Assign despite the warnings above", language)).check()
    page.get_by_role("button", name=text("Assign", language), exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Bob")
    purpan_request.refresh_from_db()
    assert purpan_request.assigned_peer == bob.peer_profile
    response = page.goto(f"{live_server.url}/requests/{oncopole_request.pk}/")
    assert response.status == 404


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_site_version_of_a_page_shows_to_site_b_readers_only(
    page, live_server, speak, group, carol, dan, log_in, log_out, screenshot, assert_accessible,
    language,
):  # fmt: skip
    faq = Page.objects.get(slug="faq")
    version = PageOverride(page=faq, site=group["purpan"])
    for field in version._pairs():
        setattr(version, f"draft_{field}", getattr(faq, field))
    version.draft_body_en = "At Purpan, the psychologists answer on extension 4242."
    version.draft_body_fr = "À Purpan, les psychologues répondent au poste 4242."
    version.save()
    version.publish(now=timezone.now())
    speak(language)
    log_in(dan, language=language)
    page.goto(f"{live_server.url}/resources/pages/faq/")
    expect(page.get_by_text("4242")).to_be_visible()
    assert_accessible()
    screenshot(f"sites-page-version-site-b-{language}")
    log_out()
    log_in(carol, language=language)
    page.goto(f"{live_server.url}/resources/pages/faq/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("4242")).to_have_count(0)
