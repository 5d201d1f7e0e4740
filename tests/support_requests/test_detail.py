"""Who sees what of a request, and the audit trail of every read."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from support_requests.models import Status
from tests.support_requests.factories import comparable, make_request

SECRETS = ["Secret words", "06 12 34 56 78", "Surgery"]


def detail(support_request):
    return reverse("requests:detail", args=[support_request.pk])


def access_entries(support_request):
    return LogEntry.objects.get_for_object(support_request).filter(action=LogEntry.Action.ACCESS)


def test_the_requester_sees_their_request_and_the_read_is_logged(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile)
    client.force_login(carol)
    response = client.get(detail(support_request))
    content = response.content.decode()
    assert "A peer supporter has been asked" in content
    assert "Secret words" in content
    assert "no-store" in response["Cache-Control"]
    entry = access_entries(support_request).get()
    assert entry.actor == carol


def test_the_offered_peer_sees_only_what_is_needed_to_decide(client, carol, alice):
    support_request = make_request(carol, offered_to=alice.peer_profile, situation="near_miss")
    client.force_login(alice)
    content = client.get(detail(support_request)).content.decode()
    assert "A near miss" in content
    assert "Accept" in content
    for secret in SECRETS + ["Carol", "Petit"]:
        assert secret not in content


def test_the_assigned_peer_sees_contact_details_and_message(client, carol, bob):
    support_request = make_request(carol, assigned_to=bob.peer_profile)
    client.force_login(bob)
    content = client.get(detail(support_request)).content.decode()
    assert "06 12 34 56 78" in content
    assert "Secret words" in content
    assert "Carol Petit" in content


def test_coordinators_see_a_dispatch_request_without_contact_or_message(client, carol, quinn):
    support_request = make_request(carol, status=Status.DISPATCH)
    client.force_login(quinn)
    content = client.get(detail(support_request)).content.decode()
    assert "Assign to a peer supporter" in content
    assert "Phone" in content
    for secret in SECRETS + ["Carol", "Petit"]:
        assert secret not in content


@pytest.mark.parametrize("outsider", ["dan", "bob", "quinn", "alice"])
def test_outsiders_get_the_same_404_as_for_a_random_id(
    client, carol, dan, bob, quinn, alice, outsider
):
    people = {"dan": dan, "bob": bob, "quinn": quinn, "alice": alice}
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    if outsider == "alice":
        support_request.assigned_peer = bob.peer_profile  # alice was never involved
        support_request.save()
    client.force_login(people[outsider])
    random_id = uuid.uuid4()
    refused = client.get(detail(support_request))
    random = client.get(reverse("requests:detail", args=[random_id]))
    assert refused.status_code == random.status_code == 404
    assert comparable(refused, support_request.pk) == comparable(random, random_id)
    assert not access_entries(support_request).exists()


def test_a_coordinator_no_longer_sees_a_request_once_accepted(client, carol, quinn, alice):
    support_request = make_request(carol, assigned_to=alice.peer_profile)
    client.force_login(quinn)
    assert client.get(detail(support_request)).status_code == 404


def test_anonymous_visitors_are_sent_to_login_with_nothing_of_the_request(client, carol):
    support_request = make_request(carol)
    response = client.get(detail(support_request))
    assert response.status_code == 302
    assert response.content == b""


def test_contact_details_and_message_are_unreadable_in_the_raw_table(carol):
    support_request = make_request(carol, time_window="Tuesday after 4 pm")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT message, contact_detail, requester_department, time_window "
            "FROM requests_supportrequest WHERE id = %s",
            [support_request.pk],
        )
        row = cursor.fetchone()
    raw = " ".join(row)
    for clear in ["Secret", "06 12", "Surgery", "Tuesday"]:
        assert clear not in raw
    assert all(value.startswith("gAAAA") for value in row)  # Fernet tokens


def test_confidential_fields_stay_out_of_the_audit_diffs(carol):
    support_request = make_request(carol)
    entry = LogEntry.objects.get_for_object(support_request).get(action=LogEntry.Action.CREATE)
    for field in ["message", "contact_detail", "requester_department", "time_window"]:
        assert field not in entry.changes_dict
    assert entry.object_repr == "Support request"


def test_markup_in_a_message_is_shown_escaped(client, carol, bob):
    support_request = make_request(
        carol, assigned_to=bob.peer_profile, message='"><img src=x onerror=alert(1)>'
    )
    client.force_login(bob)
    content = client.get(detail(support_request)).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
