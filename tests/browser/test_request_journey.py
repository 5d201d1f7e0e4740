"""The heart of the product in a real Chromium: carol asks alice for help."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from organisation.services import profile_update_from_directory
from support_requests.models import SupportRequest

pytestmark = pytest.mark.browser


def test_carol_asks_alice_who_accepts_meets_and_closes(
    page, live_server, carol, alice, bob, dan, quinn, log_in, log_out, screenshot,
    assert_accessible,
):  # fmt: skip
    profile = profile_update_from_directory(
        user=carol, site_name="Oncopole", department_name="ONCOLOGY", profession="Nurse"
    )
    log_in(carol)
    page.get_by_role("link", name="Peer supporters", exact=True).click()
    page.get_by_role("link", name="Ask Alice Martin for support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a peer supporter")
    # Her department comes from the hospital directory; she may change it.
    expect(page.get_by_label("Your department (optional)")).to_have_value(
        str(profile.department.pk)
    )
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Phone number, if you chose the phone").fill("06 12 34 56 78")
    page.get_by_label("As soon as possible").check()
    page.get_by_label("A short message (optional)").fill("Rough night, I would like to talk.")
    assert_accessible()
    screenshot("requests-new-en")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request is sent")
    assert_accessible()
    screenshot("requests-sent-en")
    page.get_by_role("link", name="see my request").click()
    expect(page.get_by_role("status")).to_contain_text("has been asked and has not answered yet")
    detail_url = page.url
    log_out()

    log_in(alice)
    page.get_by_role("link", name="Requests for me").click()
    assert_accessible()
    screenshot("requests-inbox-en")
    page.get_by_role("link", name="Request offered on").first.click()
    expect(page.get_by_text("06 12 34 56 78")).to_have_count(0)
    assert_accessible()
    screenshot("requests-offered-en")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("06 12 34 56 78")).to_be_visible()
    expect(page.get_by_text("Rough night, I would like to talk.")).to_be_visible()
    # Never pre-filled: the peer types when the contact happened.
    expect(page.get_by_label("When did you first reach the colleague?")).to_have_value("")
    contacted = timezone.localtime() - timedelta(minutes=5)
    page.get_by_label("When did you first reach the colleague?").fill(
        contacted.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Record the first contact").click()
    expect(page.locator(".messages")).to_contain_text("First contact recorded")
    page.get_by_label("Duration").select_option("30_45")
    page.get_by_label("In person, by phone or by video").select_option("in_person")
    page.get_by_label("Outcome").select_option("another_meeting")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator(".messages")).to_contain_text("Meeting recorded")
    assert_accessible()
    screenshot("requests-assigned-en")
    log_out()

    log_in(carol)
    page.goto(detail_url)
    expect(page.get_by_role("status")).to_contain_text("Alice Martin accepted")
    expect(page.get_by_role("status")).to_contain_text("First contact made")
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("status")).to_contain_text("a accepté")
    assert_accessible()
    screenshot("requests-requester-fr")
    log_out()

    log_in(alice, language="fr")
    page.goto(detail_url)
    page.get_by_label("Comment cela s’est-il terminé ?").select_option("closed")
    page.get_by_role("button", name="Clore").click()
    expect(page.locator(".messages")).to_contain_text("Demande close")
    assert_accessible()
    screenshot("requests-closed-fr")
    page.get_by_role("button", name="English").click()
    log_out()

    for outsider in [bob, dan, quinn]:
        log_in(outsider)
        response = page.goto(detail_url)
        assert response.status == 404, outsider.username
        log_out()

    support_request = SupportRequest.objects.get()
    assert support_request.status == "closed"
    assert mail.outbox, "the peer and the requester were told by e-mail"
    for message in mail.outbox:
        for secret in ["Carol", "Petit", "Alice", "Martin", "Rough night", "06 12"]:
            assert secret not in message.subject + message.body


def test_quinn_sees_on_the_dispatch_page_that_e_mails_wait(
    page, live_server, alice, bob, quinn, smtp_server, log_in, screenshot, assert_accessible
):
    from svsupport.lib.mail import notify, send_due

    smtp_server.stop()
    notify([alice, bob], "/requests/inbox/")
    send_due()
    log_in(quinn)
    page.goto(f"{live_server.url}/requests/dispatch/")
    expect(page.get_by_role("status")).to_contain_text(
        "2 e-mails not yet delivered: the mail server has refused them since"
    )
    assert_accessible()
    screenshot("requests-dispatch-undelivered-en")


def test_a_person_with_three_open_requests_is_pointed_to_them_kindly(
    page, live_server, carol, alice, log_in, screenshot, assert_accessible
):
    from support_requests.models import Status
    from tests.support_requests.factories import make_request

    for _ in range(3):
        make_request(carol, status=Status.DISPATCH)
    log_in(carol)
    page.goto(live_server.url + "/requests/new/")
    expect(
        page.get_by_role("heading", level=2, name="Your requests are on their way")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Send my request")).to_have_count(0)
    assert_accessible()
    screenshot("requests-new-limit-en")
    page.get_by_role("link", name="your requests").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/requests/")
