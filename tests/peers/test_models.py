"""The registry's rules, each in one place: transitions, activation, publication, attention."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peers.models import PeerSupporter, RequestedBy, Status, StatusChangeRefused
from tests.organisation.factories import department
from tests.peers.factories import make_peer, make_ready, publish_new_charter
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate():
    return make_peer(make_user("tina"), status=Status.CANDIDATE, ready=False)


def test_activation_is_refused_with_the_list_of_what_is_missing(candidate, quinn):
    with pytest.raises(StatusChangeRefused) as refusal:
        candidate.change_status(Status.ACTIVE, by=quinn, requested_by=RequestedBy.COORDINATOR)
    reasons = [str(reason) for reason in refusal.value.reasons]
    assert reasons == [
        "the eligibility attestation is incomplete",
        "the initial training is not completed",
        "the current commitments charter (version 1) is not signed",
    ]
    candidate.refresh_from_db()
    assert candidate.status == Status.CANDIDATE
    assert not candidate.status_changes.exists()


def test_activation_succeeds_once_every_condition_is_met(candidate, quinn):
    candidate.works_at_institution = candidate.is_volunteer = True
    candidate.lived_risk_situation = candidate.can_draw_on_experience = True
    candidate.save()
    make_ready(candidate)
    change = candidate.change_status(
        Status.ACTIVE, by=quinn, requested_by=RequestedBy.COORDINATOR, reason="trained"
    )
    assert (change.from_status, change.to_status) == (Status.CANDIDATE, Status.ACTIVE)
    assert change.changed_by == quinn
    assert change.requested_by == RequestedBy.COORDINATOR
    assert change.reason == "trained"
    assert PeerSupporter.objects.published().filter(pk=candidate.pk).exists()


def test_a_peer_pauses_and_resumes_themselves(alice):
    peer = alice.peer_profile
    back = timezone.localdate() + timedelta(days=14)
    change = peer.change_status(
        Status.PAUSED, by=alice, requested_by=RequestedBy.PEER, paused_until=back
    )
    assert change.expected_return == back
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    peer.change_status(Status.ACTIVE, by=alice, requested_by=RequestedBy.PEER)
    assert peer.paused_until is None
    assert PeerSupporter.objects.published().filter(pk=peer.pk).exists()


def test_a_peer_cannot_activate_or_come_back_from_withdrawal_alone(alice, candidate):
    peer = alice.peer_profile
    peer.change_status(Status.WITHDRAWN, by=alice, requested_by=RequestedBy.PEER)
    with pytest.raises(StatusChangeRefused, match="only the coordinators"):
        peer.change_status(Status.ACTIVE, by=alice, requested_by=RequestedBy.PEER)
    with pytest.raises(StatusChangeRefused, match="only the coordinators"):
        candidate.change_status(
            Status.IN_TRAINING, by=candidate.user, requested_by=RequestedBy.PEER
        )


def test_a_coordinator_brings_a_withdrawn_peer_back(alice, quinn):
    peer = alice.peer_profile
    peer.change_status(Status.WITHDRAWN, by=quinn, requested_by=RequestedBy.BOARD, reason="x")
    peer.change_status(Status.ACTIVE, by=quinn, requested_by=RequestedBy.BOARD)
    assert peer.status_changes.count() == 2
    assert peer.status_changes.first().requested_by == RequestedBy.BOARD


def test_impossible_transitions_are_refused(candidate, quinn):
    with pytest.raises(StatusChangeRefused, match="cannot go from"):
        candidate.change_status(Status.PAUSED, by=quinn, requested_by=RequestedBy.COORDINATOR)


def test_a_pause_cannot_end_in_the_past(alice):
    with pytest.raises(StatusChangeRefused, match="past"):
        alice.peer_profile.change_status(
            Status.PAUSED,
            by=alice,
            requested_by=RequestedBy.PEER,
            paused_until=timezone.localdate() - timedelta(days=1),
        )


def test_a_new_charter_version_takes_peers_out_of_the_directory_after_the_grace_period(
    alice, settings
):
    peer = alice.peer_profile
    assert PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    charter = publish_new_charter()
    assert PeerSupporter.objects.published().filter(pk=peer.pk).exists()  # grace period
    charter.published_at = timezone.now() - timedelta(days=settings.CHARTER_GRACE_DAYS, seconds=1)
    charter.save()
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    peer.sign_charter(charter)
    assert PeerSupporter.objects.published().filter(pk=peer.pk).exists()


def test_only_completed_initial_training_counts(quinn):
    peer = make_peer(make_user("uma"))
    training = peer.training_records.get()
    training.completed = False
    training.save()
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()
    training.completed, training.kind = True, "refresher"
    training.save()
    assert not PeerSupporter.objects.published().filter(pk=peer.pk).exists()


def attention(peer):
    annotated = PeerSupporter.objects.with_readiness().get(pk=peer.pk)
    flagged = PeerSupporter.objects.needing_attention().filter(pk=peer.pk).exists()
    return flagged, [str(reason) for reason in annotated.attention_reasons()]


def test_a_ready_peer_needs_no_attention(alice):
    assert attention(alice.peer_profile) == (False, [])


def test_an_outdated_charter_needs_attention(alice):
    publish_new_charter()
    assert attention(alice.peer_profile) == (True, ["current charter not signed"])


def test_no_initial_training_needs_attention(alice):
    alice.peer_profile.training_records.all().delete()
    assert attention(alice.peer_profile) == (True, ["no initial training completed"])


def test_no_recent_supervision_needs_attention(alice, settings):
    alice.peer_profile.attendances.all().delete()
    assert attention(alice.peer_profile) == (True, ["no supervision attended recently"])


def test_supervision_older_than_the_setting_needs_attention(alice, settings):
    settings.PEER_SUPERVISION_MONTHS = 0
    assert attention(alice.peer_profile) == (True, ["no supervision attended recently"])


def test_a_pause_past_its_expected_return_needs_attention(alice):
    peer = alice.peer_profile
    peer.status = Status.PAUSED
    peer.paused_until = timezone.localdate() - timedelta(days=1)
    peer.save()
    assert attention(peer) == (True, ["paused past the expected return"])


def test_the_search_column_follows_the_name(alice):
    peer = alice.peer_profile
    peer.display_name = "Hélène Ünal"
    peer.save()
    assert PeerSupporter.objects.search("helene").get() == peer
    assert PeerSupporter.objects.search("UNAL").get() == peer
    assert PeerSupporter.objects.search("he\u0301le\u0300ne").get() == peer


def test_every_change_to_a_peer_is_in_the_audit_log(alice, quinn):
    from auditlog.models import LogEntry

    peer = alice.peer_profile
    oncology, haematology = peer.department, department("Haematology")
    peer.department = haematology
    peer.save()
    entry = LogEntry.objects.get_for_object(peer).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.changes_dict["department"] == [str(oncology.pk), str(haematology.pk)]
    assert "search_name" not in entry.changes_dict
