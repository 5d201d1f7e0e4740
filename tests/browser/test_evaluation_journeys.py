"""The evaluation in a real browser, in English and French: the requester of a closed
request answers the anonymous questionnaire; a peer records their burden and finds support;
a coordinator opens an awareness survey and reads the annual report; the board reads the same
suppressed report."""

import pytest
from django.utils import timezone

from evaluation.models import FeedbackCount, PulseParticipation
from support_requests.models import Meeting
from support_requests.services import request_close
from svsupport.lib import roles
from tests.figures.factories import make_quarter
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.browser
LANGUAGES = ["en", "fr"]


@pytest.fixture
def in_language(page, live_server, log_in):
    def start(user, language):
        if language == "fr":
            page.goto(f"{live_server.url}/accounts/login/")
            switch = page.get_by_role("button", name="Français")
            if switch.is_enabled():  # the language chosen before a log-out stays
                switch.click()
        log_in(user, language)

    return start


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_requester_of_a_closed_request_answers_the_anonymous_questionnaire(
    page, live_server, in_language, assert_accessible, screenshot, carol, bob, language
):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    request_close(support_request=support_request, outcome="closed")
    in_language(carol, language)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    card = page.locator("#feedback-card-title")
    assert card.count() == 1
    assert_accessible()
    screenshot(f"evaluation-feedback-card-{language}")
    page.locator("a[href^='/evaluation/feedback/']").click()
    assert page.locator("h1").count() == 1
    for question, choice in [("listened", "5"), ("helped", "4"), ("recommend", "5")]:
        page.locator(f"input[name={question}][value='{choice}']").check()
    page.locator("input[name=more_help][value=sooner]").check()
    assert_accessible()
    screenshot(f"evaluation-feedback-form-{language}")
    page.locator("main form button.btn-primary[type=submit]").click()
    assert page.locator("h1").inner_text() == ("Thank you" if language == "en" else "Merci")
    assert FeedbackCount.objects.get(question="answered").count == 1
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    assert page.locator("#feedback-card-title").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_peer_records_a_burden_and_is_shown_support(
    page, live_server, in_language, assert_accessible, screenshot, carol, bob, language
):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    Meeting.objects.create(
        support_request=support_request, held_on=timezone.localdate(), duration="30_45",
        modality="in_person", outcome="another_meeting",
    )  # fmt: skip
    in_language(bob, language)
    page.goto(f"{live_server.url}/requests/{support_request.pk}/")
    assert page.locator("#burden-card-title").count() == 1
    page.locator("a[href='/evaluation/burden/']").first.click()
    page.locator("input[name=heaviness][value='4']").check()
    page.locator("input[name=needs_support][value=yes]").check()
    assert_accessible()
    screenshot(f"evaluation-burden-form-{language}")
    page.locator("main form button.btn-primary[type=submit]").click()
    assert page.url.endswith("/evaluation/burden/support/")
    assert_accessible()
    screenshot(f"evaluation-burden-support-{language}")
    page.goto(f"{live_server.url}/evaluation/burden/mine/")
    assert page.locator("svg[role=img]").count() == 1
    assert_accessible()
    screenshot(f"evaluation-my-burden-{language}")


def report_cells(page):
    return page.locator(".figures-report table").all_inner_texts()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_coordinator_opens_a_pulse_and_the_board_reads_the_same_annual_report(
    page, live_server, in_language, log_out, assert_accessible, screenshot, quinn, dan, alice,
    language,
):  # fmt: skip
    make_quarter(dan, alice.peer_profile)
    in_language(quinn, language)
    page.goto(f"{live_server.url}/evaluation/pulses/")
    assert_accessible()
    page.locator("main form button.btn-primary[type=submit]").click()
    assert page.locator("a[href^='/evaluation/pulses/']").count() == 1
    screenshot(f"evaluation-pulses-{language}")
    page.goto(f"{live_server.url}/")
    page.locator("a[href='/evaluation/pulse/']").click()
    page.locator("input[name=knows][value=vaguely]").check()
    page.locator("input[name=would_use][value=yes]").check()
    assert_accessible()
    screenshot(f"evaluation-pulse-answer-{language}")
    page.locator("main form button.btn-primary[type=submit]").click()
    assert PulseParticipation.objects.filter(user=quinn).count() == 1
    page.goto(f"{live_server.url}/dashboard/annual/?year=2025")
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img] title").count() == 2
    assert_accessible()
    screenshot(f"evaluation-annual-coordinator-{language}")
    seen_by_coordinator = report_cells(page)
    assert any("< 5" in text for text in seen_by_coordinator)
    log_out()
    in_language(make_user("bea", roles.BOARD_GROUP), language)
    page.goto(f"{live_server.url}/dashboard/annual/?year=2025")
    assert_accessible()
    screenshot(f"evaluation-annual-board-{language}")
    assert report_cells(page) == seen_by_coordinator
