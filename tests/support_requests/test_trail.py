"""The privacy officer's duty: the access trail of one request, itself audited."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from support_requests.models import SupportRequest
from support_requests.services import TRAIL_READ
from svsupport.lib import roles
from tests.people import make_user
from tests.support_requests.factories import form_data


def trail(support_request_or_id):
    return reverse(
        "requests:trail", args=[getattr(support_request_or_id, "pk", support_request_or_id)]
    )


def carols_request(client, carol, alice):
    """Made and read the way carol does it, so the audit trail has its real actors."""
    client.force_login(carol)
    client.post(reverse("requests:new"), form_data(message="A hard night"))
    support_request = SupportRequest.objects.get(requester=carol)
    client.get(reverse("requests:detail", args=[support_request.pk]))
    client.logout()
    return support_request


def trail_reads(support_request):
    return LogEntry.objects.get_for_object(support_request).filter(additional_data=TRAIL_READ)


def test_the_privacy_officer_reads_who_created_and_read_a_request(client, carol, alice, olga):
    support_request = carols_request(client, carol, alice)
    client.force_login(olga)
    response = client.get(trail(support_request))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Carol Petit (carol)" in content
    assert "created" in content and "read" in content
    assert "A hard night" not in content  # the trail holds no message
    assert "no-store" in response["Cache-Control"]


def test_reading_the_trail_is_itself_written_to_the_trail(client, carol, alice, olga):
    support_request = carols_request(client, carol, alice)
    client.force_login(olga)
    client.get(trail(support_request))
    entry = trail_reads(support_request).get()
    assert entry.actor == olga
    assert entry.action == LogEntry.Action.ACCESS
    content = client.get(trail(support_request)).content.decode()
    assert "read this access trail (privacy officer)" in content
    assert "Olga Fabre (olga)" in content
    assert trail_reads(support_request).count() == 2


def test_an_unknown_request_is_a_404_and_writes_nothing(client, olga):
    client.force_login(olga)
    assert client.get(trail(uuid.uuid4())).status_code == 404
    assert not LogEntry.objects.filter(additional_data=TRAIL_READ).exists()


@pytest.mark.parametrize("who", ["carol", "alice", "quinn", "bea"])
def test_every_other_role_is_refused_and_nothing_is_written(client, carol, alice, quinn, who):
    support_request = carols_request(client, carol, alice)
    users = {"carol": carol, "alice": alice, "quinn": quinn}
    user = users.get(who) or make_user(who, roles.BOARD_GROUP)
    client.force_login(user)
    assert client.get(trail(support_request)).status_code == 403
    assert client.get(reverse("requests:trail_lookup")).status_code == 403
    assert not trail_reads(support_request).exists()


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_an_account_that_may_enter_the_admin_is_never_a_privacy_officer(
    client, carol, alice, olga, flag
):
    """IT support grants the role; it must not be able to hold it."""
    support_request = carols_request(client, carol, alice)
    setattr(olga, flag, True)
    olga.save()
    client.force_login(olga)
    assert client.get(trail(support_request)).status_code == 403
    assert not trail_reads(support_request).exists()


def test_the_trail_is_read_only(client, carol, alice, olga):
    support_request = carols_request(client, carol, alice)
    client.force_login(olga)
    assert client.post(trail(support_request)).status_code == 405
    assert not trail_reads(support_request).exists()


def test_the_lookup_form_leads_to_the_trail_of_the_given_request(client, olga):
    client.force_login(olga)
    response = client.get(reverse("requests:trail_lookup"))
    assert response.status_code == 200
    assert "Access trails" in response.content.decode()  # the menu entry of the role
    some_id = uuid.uuid4()
    response = client.get(reverse("requests:trail_lookup"), {"request": str(some_id)})
    assert response["Location"] == trail(some_id)
    response = client.get(reverse("requests:trail_lookup"), {"request": "not an id"})
    assert response.status_code == 200
    assert "Enter a valid UUID." in response.content.decode()


def test_the_trail_speaks_french(client, carol, alice, olga):
    support_request = carols_request(client, carol, alice)
    client.force_login(olga)
    content = client.get(trail(support_request), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Trace d’accès d’une demande" in content
    assert "a créé" in content and "a consulté" in content


def test_a_change_shows_what_changed_and_a_creation_no_diff(client, carol, alice, olga):
    support_request = carols_request(client, carol, alice)
    client.force_login(carol)
    client.post(reverse("requests:withdraw", args=[support_request.pk]))
    client.force_login(olga)
    content = client.get(trail(support_request)).content.decode()
    assert "<code>status</code>: offered → withdrawn" in content
    assert "<code>contact_method</code>" not in content  # only in the creation's diff
