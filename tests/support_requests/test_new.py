"""Asking for a peer: /requests/new/."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.models import Department
from organisation.services import profile_update_from_directory
from support_requests.models import Offer, Status, SupportRequest
from tests.organisation.factories import department
from tests.peers.factories import make_peer
from tests.people import make_user
from tests.support_requests.factories import form_data, make_request

NEW = reverse("requests:new")


def test_the_form_page_redirects_what_peer_support_is_not_for(client, carol):
    client.force_login(carol)
    content = client.get(NEW).content.decode()
    assert "Human Resources" in content
    assert "Group sessions are run by professionals" in content
    # The emergency numbers are links a phone dials in one tap, here and in the footer.
    assert '<a href="tel:15">15</a> or <a href="tel:112">112</a>' in content
    assert content.count('href="tel:112"') == 2
    assert "Do not write any patient" in content
    assert "the law obliges the peer to act" in content
    assert "90 days after the request is closed" in content


def test_carol_asks_any_peer_and_it_is_offered_to_one(
    client, carol, alice, django_capture_on_commit_callbacks
):
    client.force_login(carol)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form_data(message="Hard night <b>shift</b>"))
    support_request = SupportRequest.objects.get()
    assert response["Location"] == reverse("requests:sent", args=[support_request.pk])
    assert support_request.requester == carol
    assert support_request.status == Status.OFFERED
    assert support_request.pending_offer().peer.user == alice
    message = mail.outbox[0]
    assert message.to == ["alice@hospital.example"]
    assert reverse("requests:detail", args=[support_request.pk]) in message.body
    for secret in ["Carol", "Petit", "Hard night", "adverse", "06 12"]:
        assert secret not in message.body and secret not in message.subject


def test_the_form_starts_from_the_requesters_department_which_she_may_change(client, carol):
    profile_update_from_directory(
        user=carol, site_name="Purpan", department_name="Oncology", profession="Nurse"
    )
    oncology = Department.objects.resolve("oncology")
    client.force_login(carol)
    form = client.get(NEW).context["form"]
    assert form["requester_department"].value() == oncology.pk
    client.post(NEW, form_data(requester_department=str(department("Pharmacy").pk)))
    stored = SupportRequest.objects.get()
    assert stored.requester_department_record() == Department.objects.resolve("pharmacy")


def test_the_department_is_stored_encrypted_as_a_record_id(client, carol):
    client.force_login(carol)
    client.post(NEW, form_data())
    with connection.cursor() as cursor:
        cursor.execute("SELECT requester_department FROM requests_supportrequest")
        (raw,) = cursor.fetchone()
    surgery = Department.objects.resolve("surgery")
    assert str(surgery.pk) not in raw and "Surgery" not in raw
    assert SupportRequest.objects.get().requester_department == str(surgery.pk)


def test_an_unknown_department_id_is_a_form_error(client, carol):
    client.force_login(carol)
    response = client.post(NEW, form_data(requester_department="999999"))
    assert response.context["form"].errors["requester_department"]
    assert not SupportRequest.objects.exists()


def test_asking_a_named_peer_from_the_directory(client, carol, alice, bob):
    client.force_login(carol)
    peer = bob.peer_profile
    page = client.get(NEW, {"peer": peer.pk}).content.decode()
    assert "You are asking Bob Bernard" in page
    client.post(f"{NEW}?peer={peer.pk}", form_data())
    support_request = SupportRequest.objects.get()
    assert support_request.chosen_peer == peer
    assert support_request.pending_offer().peer == peer


@pytest.mark.parametrize("peer", ["999999", "abc", "-1"])
def test_an_unknown_or_unpublished_peer_is_a_404(client, carol, peer):
    client.force_login(carol)
    assert client.get(NEW, {"peer": peer}).status_code == 404


def test_one_cannot_ask_oneself(client, alice):
    client.force_login(alice)
    assert client.get(NEW, {"peer": alice.peer_profile.pk}).status_code == 404


def test_the_same_form_sent_twice_gives_one_request(client, carol, alice):
    client.force_login(carol)
    data = form_data()
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert first["Location"] == second["Location"]
    assert SupportRequest.objects.count() == 1
    assert Offer.objects.count() == 1


def test_another_persons_submission_id_is_refused(client, carol, dan, alice):
    client.force_login(carol)
    data = form_data()
    client.post(NEW, data)
    client.force_login(dan)
    assert client.post(NEW, data).status_code == 404
    assert SupportRequest.objects.get().requester == carol


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"contact_detail": ""}, "contact_detail", "Write the number"),
        ({"contact_detail": "call me maybe"}, "contact_detail", "digits only"),
        ({"message": "x" * 501}, "message", "at most 500"),
        ({"message": "a\x00b"}, "message", "Null characters"),
        ({"timing": "window", "time_window": ""}, "time_window", "Write when suits you"),
        ({"contact_method": "pigeon"}, "contact_method", "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, carol, changes, field, error):
    client.force_login(carol)
    response = client.post(NEW, form_data(**changes))
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    assert not SupportRequest.objects.exists()


def test_extra_fields_are_ignored(client, carol, alice, bob):
    client.force_login(carol)
    client.post(
        NEW,
        form_data(status="closed", assigned_peer=bob.peer_profile.pk, requester=alice.pk),
    )
    support_request = SupportRequest.objects.get()
    assert support_request.status == Status.OFFERED
    assert support_request.assigned_peer is None
    assert support_request.requester == carol


def test_email_contact_needs_no_detail(client, carol, alice):
    client.force_login(carol)
    client.post(NEW, form_data(contact_method="email", contact_detail="06 00"))
    assert SupportRequest.objects.get().contact_detail is None


def test_a_request_without_csrf_token_is_refused(carol, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    assert client.post(NEW, form_data()).status_code == 403
    assert not SupportRequest.objects.exists()


def test_the_confirmation_states_the_promise_and_the_help_lines(client, carol, alice):
    client.force_login(carol)
    response = client.post(NEW, form_data(), follow=True)
    content = response.content.decode()
    assert "will contact you within 24 hours" in content
    assert "120 minutes to accept" in content
    assert "0 805 23 23 36" in content
    assert "no-store" in response["Cache-Control"]


def test_a_huge_body_is_refused_without_a_500(client, carol, settings):
    client.force_login(carol)
    fields = {f"f{number}": "x" for number in range(2000)}
    response = client.post(NEW, {**form_data(), **fields})
    assert response.status_code == 400
    assert not SupportRequest.objects.exists()


def test_peers_not_matching_leave_it_to_the_coordinators(client, carol):
    make_peer(make_user("nina"), department="Surgery")
    client.force_login(carol)
    client.post(NEW, form_data())  # carol in Surgery, nina the only peer, in Surgery too
    assert SupportRequest.objects.get().status == Status.DISPATCH


def test_with_the_mail_server_down_the_request_is_made_and_its_mail_waits(
    client, carol, alice, smtp_server, django_capture_on_commit_callbacks
):
    from support_requests.clock import tick
    from svsupport.lib.mail import undelivered
    from svsupport.models import QueuedMail

    smtp_server.stop()
    client.force_login(carol)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form_data())
    support_request = SupportRequest.objects.get()
    assert response["Location"] == reverse("requests:sent", args=[support_request.pk])
    assert support_request.pending_offer().peer.user == alice
    assert undelivered().count == 1
    queued = QueuedMail.objects.get()
    for secret in ["Carol", "Petit", "adverse", "06 12", "Surgery"]:
        assert secret not in queued.subject + queued.body, "a link and nothing else"
    smtp_server.start()
    tick(support_request.created_at + timedelta(minutes=2))
    assert smtp_server.recipients() == ["alice@hospital.example"]


# Limits per person ---------------------------------------------------------------------


def test_a_person_with_three_open_requests_is_pointed_to_them_before_writing(client, carol):
    for _ in range(3):
        make_request(carol, status=Status.DISPATCH)
    client.force_login(carol)
    content = client.get(NEW).content.decode()
    assert "You already have several requests open" in content
    assert f'href="{reverse("requests:mine")}"' in content
    assert 'name="submission_id"' not in content  # no form to fill in vain
    response = client.post(NEW, form_data())
    assert response.status_code == 200
    assert "You already have several requests open" in response.content.decode()
    assert SupportRequest.objects.count() == 3


def test_closed_requests_do_not_count_against_the_open_limit(client, carol, alice):
    for status in [Status.DISPATCH, Status.DISPATCH, Status.CLOSED, Status.WITHDRAWN]:
        make_request(carol, status=status)
    client.force_login(carol)
    assert client.post(NEW, form_data()).status_code == 302
    assert "You already have several requests open" in client.get(NEW).content.decode()


def test_sending_too_many_requests_in_an_hour_is_refused_kindly(client, carol, alice, settings):
    settings.REQUEST_MAX_OPEN = 0
    settings.REQUEST_SUBMIT_RATE = (2, timedelta(hours=1))
    client.force_login(carol)
    for _ in range(2):
        assert client.post(NEW, form_data()).status_code == 302
    response = client.post(NEW, form_data())
    assert "You have sent several requests in a short time" in response.content.decode()
    assert SupportRequest.objects.count() == 2
    SupportRequest.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert client.post(NEW, form_data()).status_code == 302


def test_zero_switches_both_limits_off(client, carol, alice, settings):
    settings.REQUEST_MAX_OPEN = 0
    settings.REQUEST_SUBMIT_RATE = None
    client.force_login(carol)
    for _ in range(7):
        assert client.post(NEW, form_data()).status_code == 302
    assert SupportRequest.objects.filter(requester=carol).count() == 7


def test_the_same_form_sent_again_after_the_limit_still_leads_to_its_request(client, carol):
    for _ in range(2):
        make_request(carol, status=Status.DISPATCH)
    client.force_login(carol)
    data = form_data()
    first = client.post(NEW, data)
    again = client.post(NEW, data)  # the third request is open now: only a resend passes
    assert first["Location"] == again["Location"]
    assert SupportRequest.objects.count() == 3


@pytest.mark.parametrize("peer", ["²", "٣", "1.0", "-1", "9" * 30, "1 ", "0x1"])
def test_a_peer_id_that_is_not_plain_digits_is_a_404(client, carol, alice, peer):
    client.force_login(carol)
    assert client.get(NEW, {"peer": peer}).status_code == 404


def test_a_peer_id_in_plain_digits_still_works(client, carol, alice):
    client.force_login(carol)
    response = client.get(NEW, {"peer": str(alice.peer_profile.pk)})
    assert response.status_code == 200
    assert "You are asking" in response.content.decode()
