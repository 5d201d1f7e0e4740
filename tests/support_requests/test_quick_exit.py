"""Discreet request pages: a neutral tab title, and "Leave this page" to a neutral page."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from support_requests.models import Invitation
from svsupport.settings import quick_exit_url
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db


def test_every_request_page_has_a_neutral_title_and_the_leave_control(client, carol, quinn):
    support_request = make_request(carol)
    invitation = Invitation.objects.create(invitee=carol, source="referral")
    client.force_login(carol)
    pages = [
        reverse("requests:mine"),
        reverse("requests:new"),
        reverse("requests:detail", args=[support_request.pk]),
        reverse("requests:sent", args=[support_request.pk]),
        reverse("requests:refer"),
        reverse("requests:team_sessions"),
        reverse("requests:invitation", args=[invitation.pk]),
    ]
    for page in pages:
        content = client.get(page).content.decode()
        assert "<title>Peer support</title>" in content, page
        assert (
            f'href="{reverse("away")}" class="btn btn-warning quick-exit" data-quick-exit'
            in content
        )
        assert "quick-exit.js" in content


def test_the_leave_control_goes_where_the_hospital_says(client, carol, settings):
    settings.QUICK_EXIT_URL = "https://intranet.hospital.example/"
    client.force_login(carol)
    content = client.get(reverse("requests:mine")).content.decode()
    assert 'href="https://intranet.hospital.example/" class="btn btn-warning quick-exit"' in content


def test_other_pages_keep_their_own_title_and_no_leave_control(client, carol):
    client.force_login(carol)
    content = client.get(reverse("peers:directory")).content.decode()
    assert "data-quick-exit" not in content
    assert "<title>Peer support</title>" not in content


def test_the_neutral_page_says_nothing_of_peer_support_even_logged_out(client):
    response = client.get(reverse("away"))
    assert response.status_code == 200
    content = response.content.decode().lower()
    assert "peer" not in content and "support" not in content
    assert "<title>intranet</title>" in content


@pytest.mark.parametrize("value", ["//evil.example", "javascript:alert(1)", "intranet"])
def test_a_quick_exit_url_that_is_no_address_is_refused(value):
    with pytest.raises(ImproperlyConfigured):
        quick_exit_url(value)


@pytest.mark.parametrize("value", ["", "/", "https://intranet.example/home"])
def test_a_quick_exit_url_may_be_an_address_a_path_or_empty(value):
    assert quick_exit_url(value) == value
