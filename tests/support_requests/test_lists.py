"""The list pages run a fixed number of queries whatever the data size."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from support_requests.models import Status
from tests.support_requests.factories import make_request


def grow(carol, alice, count):
    peer = alice.peer_profile
    for number in range(count):
        make_request(carol, assigned_to=peer if number % 3 == 0 else None,
                     offered_to=peer if number % 3 == 1 else None,
                     status=Status.DISPATCH if number % 3 == 2 else Status.OFFERED)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "who"), [("requests:mine", "carol"), ("requests:inbox", "alice"),
                      ("requests:dispatch", "quinn")]
)  # fmt: skip
def test_list_pages_run_a_fixed_number_of_queries(
    client, carol, alice, quinn, django_assert_max_num_queries, name, who
):
    people = {"carol": carol, "alice": alice, "quinn": quinn}
    client.force_login(people[who])
    grow(carol, alice, 3)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse(name)).status_code == 200
    grow(carol, alice, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_inbox_shows_offers_with_time_left_and_active_requests(client, carol, alice):
    make_request(carol, offered_to=alice.peer_profile)
    make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(alice)
    content = client.get(reverse("requests:inbox")).content.decode()
    assert "left" in content
    assert "no contact recorded yet" in content
    assert "Secret" not in content


def test_staff_without_a_peer_record_get_403_on_the_inbox(client, carol):
    client.force_login(carol)
    assert client.get(reverse("requests:inbox")).status_code == 403


def test_the_dispatch_queue_shows_only_requests_waiting(client, carol, alice, quinn):
    waiting = make_request(carol, status=Status.DISPATCH)
    make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(quinn)
    response = client.get(reverse("requests:dispatch"))
    assert list(response.context["page"]) == [waiting]
    assert "Secret" not in response.content.decode()


def test_coordinators_see_how_many_e_mails_the_mail_server_refused(
    client, carol, alice, quinn, smtp_server
):
    from svsupport.lib.mail import notify, send_due

    smtp_server.stop()
    notify([alice, carol], reverse("requests:inbox"))
    send_due()
    client.force_login(quinn)
    page = client.get(reverse("requests:dispatch")).content.decode()
    assert "2 e-mails not yet delivered: the mail server has refused them since" in page
    assert "alice@" not in page and "carol@" not in page
    smtp_server.start()
    send_due(timezone.now() + timedelta(minutes=2))
    page = client.get(reverse("requests:dispatch")).content.decode()
    assert "not yet delivered" not in page


def test_the_undelivered_count_is_in_french_too(client, alice, quinn, smtp_server):
    from svsupport.lib.mail import notify, send_due

    smtp_server.stop()
    notify([alice], reverse("requests:inbox"))
    send_due()
    client.force_login(quinn)
    page = client.get(reverse("requests:dispatch"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 courriel non encore remis : le serveur de messagerie le refuse depuis le" in page
