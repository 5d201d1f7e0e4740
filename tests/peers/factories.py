"""Plain helpers that build registry data for tests."""

from datetime import timedelta

from django.utils import timezone

from peers.models import (
    Attendance,
    PeerSupporter,
    Status,
    SupportSession,
    TrainingRecord,
    current_charter,
)
from peers.services import peer_set_languages
from tests.organisation.factories import department, site


def make_peer(user, *, status=Status.ACTIVE, ready=True, languages=(), **fields):
    """A peer profile for `user`. ready=True gives what the directory requires: completed
    initial training, the current charter signed, a recent supervision and a full
    eligibility attestation. Department and site may be given by name."""
    defaults = {
        "display_name": user.get_full_name() or user.username,
        "profession": "nurse",
        "department": "Oncology",
        "site": "Oncopole",
        "work_email": user.email,
        "works_at_institution": ready,
        "is_volunteer": ready,
        "lived_risk_situation": ready,
        "can_draw_on_experience": ready,
    }
    fields = {**defaults, **fields}
    for name, find in [("department", department), ("site", site)]:
        if isinstance(fields[name], str):
            fields[name] = find(fields[name])
    peer = PeerSupporter.objects.create(user=user, status=status, **fields)
    peer_set_languages(peer=peer, codes=list(languages))
    if ready:
        make_ready(peer)
    return peer


def make_ready(peer):
    TrainingRecord.objects.create(
        peer=peer,
        course="Initial course",
        kind=TrainingRecord.Kind.INITIAL,
        held_on=timezone.localdate() - timedelta(days=60),
        duration_minutes=120,
    )
    peer.sign_charter(current_charter())
    session, _ = SupportSession.objects.get_or_create(
        kind=SupportSession.Kind.SUPERVISION,
        held_on=timezone.localdate() - timedelta(days=10),
        facilitator="Facilitator",
    )
    Attendance.objects.get_or_create(session=session, peer=peer)


def publish_new_charter():
    """A new version of the commitments charter, published as a coordinator would."""
    current = current_charter()
    version = current.document.versions.create(
        number=current.number + 1,
        effective_date=timezone.localdate(),
        body_en="New text",
        body_fr="Nouveau texte",
    )
    version.publish()
    return version
