"""A peer's own page: their details, availability, charter and record."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peers.models import PeerSupporter, RequestedBy, Status
from tests.organisation.factories import department, site
from tests.peers.factories import publish_new_charter

ME = reverse("peers:me")
STATUS = reverse("peers:me_status")
SIGN = reverse("peers:me_sign_charter")


def details(**changes):
    data = {
        "display_name": "Alice Martin",
        "profession": "nurse",
        "department": department("Oncology").pk,
        "site": site("Oncopole").pk,
        "phone_extension": "5123",
        "work_email": "alice@hospital.example",
        "presentation": "",
        "availability_note": "Mornings",
        "languages": ["fr", "en"],
    }
    return {**data, **changes}


def test_a_peer_updates_their_details_and_languages(client, alice):
    client.force_login(alice)
    response = client.post(
        ME, details(department=department("Haematology").pk, languages=["fr", "it"])
    )
    assert response.status_code == 302
    peer = PeerSupporter.objects.get(user=alice)
    assert peer.department.name_en == "Haematology"
    assert peer.language_codes == ["fr", "it"]
    entry = LogEntry.objects.get_for_object(peer).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == alice


def test_extra_fields_in_the_post_are_ignored(client, alice, carol):
    client.force_login(alice)
    client.post(ME, details(status="withdrawn", user=carol.pk, is_staff="on"))
    peer = PeerSupporter.objects.get(user=alice)
    assert peer.status == Status.ACTIVE
    alice.refresh_from_db()
    assert not alice.is_staff


@pytest.mark.parametrize(
    ("field", "value"),
    [("display_name", "x" * 121), ("presentation", "y" * 601), ("department", "a\x00b")],
)
def test_bad_input_gives_a_form_error_and_saves_nothing(client, alice, field, value):
    client.force_login(alice)
    response = client.post(ME, details(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert PeerSupporter.objects.get(user=alice).department.name_en == "Oncology"


def test_staff_without_a_peer_profile_get_404(client, carol):
    client.force_login(carol)
    assert client.get(ME).status_code == 404
    assert client.post(STATUS, {"to_status": "paused"}).status_code == 404
    assert client.post(SIGN, {"charter": "1"}).status_code == 404


def test_state_changes_refuse_get(client, alice):
    client.force_login(alice)
    assert client.get(STATUS).status_code == 405
    assert client.get(SIGN).status_code == 405


def test_a_peer_pauses_with_an_expected_return_and_leaves_the_directory(client, alice, carol):
    client.force_login(alice)
    back = timezone.localdate() + timedelta(days=10)
    response = client.post(STATUS, {"to_status": "paused", "paused_until": back, "reason": "rest"})
    assert response.status_code == 302
    peer = PeerSupporter.objects.get(user=alice)
    assert (peer.status, peer.paused_until) == (Status.PAUSED, back)
    change = peer.status_changes.get()
    assert (change.requested_by, change.reason, change.changed_by) == (
        RequestedBy.PEER,
        "rest",
        alice,
    )
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()


def test_a_pause_ending_in_the_past_is_refused_with_a_message(client, alice):
    client.force_login(alice)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(STATUS, {"to_status": "paused", "paused_until": yesterday}, follow=True)
    assert "cannot be in the past" in response.content.decode()
    assert PeerSupporter.objects.get(user=alice).status == Status.ACTIVE


def test_a_peer_cannot_reactivate_after_withdrawing(client, alice):
    client.force_login(alice)
    client.post(STATUS, {"to_status": "withdrawn"})
    response = client.post(STATUS, {"to_status": "active"}, follow=True)
    assert "only the coordinators can record this change" in response.content.decode()
    assert PeerSupporter.objects.get(user=alice).status == Status.WITHDRAWN


def test_a_peer_signs_the_new_charter_version(client, alice):
    charter = publish_new_charter()
    client.force_login(alice)
    page = client.get(ME).content.decode()
    assert "Commitments charter, version 2" in page
    assert "keeps you in the directory until" in page
    assert "You are not shown in the directory yet" not in page
    client.post(SIGN, {"charter": "2"})
    assert alice.peer_profile.signatures.filter(charter=charter).exists()
    assert "You have signed the current commitments charter" in client.get(ME).content.decode()


def test_signing_a_charter_that_changed_meanwhile_is_refused(client, alice):
    publish_new_charter()
    client.force_login(alice)
    response = client.post(SIGN, {"charter": "1"}, follow=True)
    assert "The charter changed meanwhile" in response.content.decode()
    assert alice.peer_profile.signatures.count() == 1


def test_posting_without_csrf_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(STATUS, {"to_status": "paused"}).status_code == 403
    assert PeerSupporter.objects.get(user=alice).status == Status.ACTIVE


def test_the_page_shows_training_and_supervision(client, alice):
    client.force_login(alice)
    content = client.get(ME).content.decode()
    assert "Initial course" in content
    assert "Group supervision" in content
