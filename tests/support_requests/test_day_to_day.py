"""Rough edges of a real week (issue 11): the peer's links to reach the requester, dates in
one format per language, requests told apart in the lists, the menu section of a request's
page, the peer's closed request."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from support_requests.models import Meeting, Status
from tests.support_requests.factories import make_request


def detail(support_request):
    return reverse("requests:detail", args=[support_request.pk])


def test_the_peer_reaches_the_requester_in_one_tap(client, carol, alice):
    by_phone = make_request(carol, assigned_to=alice.peer_profile, contact_detail="06 12-34.56 78")
    by_mail = make_request(carol, assigned_to=alice.peer_profile, contact_method="email")
    client.force_login(alice)
    assert (
        '<a href="tel:0612345678">06 12-34.56 78</a>'
        in client.get(detail(by_phone)).content.decode()
    )
    page = client.get(detail(by_mail)).content.decode()
    assert '<a href="mailto:carol@hospital.example">carol@hospital.example</a>' in page


@pytest.mark.parametrize(
    ("language", "moment", "day"),
    [("en", "25 Nov 2026, 09:54", "25 Nov 2026"), ("fr", "25/11/2026 09:54", "25/11/2026")],
)
def test_one_date_format_per_language_with_a_24_hour_clock(language, moment, day):
    when = timezone.make_aware(datetime(2026, 11, 25, 9, 54))
    with translation.override(language):
        for name in ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"]:
            assert formats.date_format(timezone.localtime(when), name) == moment
        for name in ["DATE_FORMAT", "SHORT_DATE_FORMAT"]:
            assert formats.date_format(date(2026, 11, 25), name) == day


def test_the_english_pages_show_no_us_date(client, carol):
    support_request = make_request(carol)
    evening = timezone.make_aware(datetime(2026, 11, 25, 21, 5))
    type(support_request).objects.filter(pk=support_request.pk).update(created_at=evening)
    client.force_login(carol)
    page = client.get(reverse("requests:mine")).content.decode()
    assert "Request of 25 Nov 2026, 21:05" in page
    assert "p.m." not in page and "11/25/2026" not in page


def test_my_requests_tell_apart_the_chosen_peer_and_the_status(client, carol, alice, bob):
    make_request(carol, chosen_peer=alice.peer_profile, offered_to=alice.peer_profile)
    make_request(carol, status=Status.WITHDRAWN, closed_at=timezone.now())
    client.force_login(carol)
    page = client.get(reverse("requests:mine")).content.decode()
    assert "asked for Alice Martin" in page
    assert "any available peer" in page
    assert "Offered to a peer supporter" in page
    assert "Withdrawn" in page


@pytest.mark.parametrize(
    ("who", "section_url"),
    [("carol", "requests:mine"), ("alice", "requests:inbox")],
)
def test_a_requests_page_marks_the_readers_own_section(client, carol, alice, who, section_url):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login({"carol": carol, "alice": alice}[who])
    page = client.get(detail(support_request)).content.decode()
    assert page.count('aria-current="page"') == 1
    assert f'href="{reverse(section_url)}" aria-current="page"' in page


def test_the_peers_closed_request_shows_its_meetings_and_outcome_and_leads_back(
    client, carol, alice
):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    type(support_request).objects.filter(pk=support_request.pk).update(
        status=Status.CLOSED, closed_at=timezone.now(), close_outcome="closed"
    )
    Meeting.objects.create(
        support_request=support_request, held_on=date(2026, 11, 20), duration="30_45",
        modality="in_person", outcome="closed",
    )  # fmt: skip
    client.force_login(alice)
    inbox = client.get(reverse("requests:inbox")).content.decode()
    assert f'href="{detail(support_request)}"' in inbox
    page = client.get(detail(support_request)).content.decode()
    assert "20 Nov 2026" in page
    assert "Outcome:</strong> Support complete" in page
    assert f'href="{reverse("requests:inbox")}">Back to the requests for me' in page
    assert "Record the meeting" not in page
