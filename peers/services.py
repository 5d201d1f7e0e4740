"""Workflows of the peer registry that span several records or send mail."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from organisation.models import Department, StaffProfile
from peers.models import (
    Attendance,
    Nomination,
    PeerLanguage,
    PeerSupporter,
    Status,
    SupportSession,
    TrainingRecord,
)
from svsupport.lib import roles
from svsupport.lib.mail import notify


def peer_save(*, peer, languages, account=None):
    """Saves a peer record (filled in and validated by a form, not saved yet), for `account`
    when it is a new one, and its languages, in one transaction."""
    with transaction.atomic():
        if account is not None:
            peer.user = account
        if peer.eligibility_complete and peer.eligibility_attested_at is None:
            peer.eligibility_attested_at = timezone.now()
        peer.save()
        peer_set_languages(peer=peer, codes=languages)
    return peer


def peer_set_languages(*, peer, codes):
    peer.languages.exclude(code__in=codes).delete()
    existing = set(peer.languages.values_list("code", flat=True))
    PeerLanguage.objects.bulk_create(
        [PeerLanguage(peer=peer, code=code) for code in codes if code not in existing]
    )


def training_record_for_many(*, peers, **fields):
    """One training record per peer, with the same `fields` (course, kind, date...), all or
    none."""
    with transaction.atomic():
        return [TrainingRecord.objects.create(peer=peer, **fields) for peer in peers]


def support_session_record(*, attendees, **fields):
    """The session (`fields`: kind, date, facilitator) and its attendance list, all or none."""
    with transaction.atomic():
        session = SupportSession.objects.create(**fields)
        for peer in attendees:
            Attendance.objects.create(session=session, peer=peer)
    return session


def nomination_create(*, nominator, nominee, **fields):
    """Records the nomination (`fields`: profession, department, motivation) and asks the
    nominee first, by a link-only e-mail. A colleague the programme already knows (a peer
    record, a nomination in progress) is left as they are and None returned; the nominator
    is told the same as for a new nomination."""
    with transaction.atomic():
        # Two nominations of one colleague at once wait for each other here.
        get_user_model().objects.select_for_update().filter(pk=nominee.pk).exists()
        known = PeerSupporter.objects.filter(user=nominee).exists()
        if known or Nomination.objects.in_progress().filter(nominee=nominee).exists():
            return None
        nomination = Nomination.objects.create(nominator=nominator, nominee=nominee, **fields)
        notify([nomination.nominee], reverse("peers:nomination_answer", args=[nomination.pk]))
    return nomination


def nomination_answer(*, nomination_id, nominee, consent, attestation):
    """The nominee's answer. With consent, the nomination reaches the coordinators."""
    with transaction.atomic():
        nomination = (
            Nomination.objects.select_for_update()
            .visible_to_nominee(nominee)
            .filter(pk=nomination_id)
            .first()
        )
        if nomination is None:
            return None  # answered meanwhile, in another tab
        nomination.answered_at = timezone.now()
        if consent:
            nomination.state = Nomination.State.AWAITING_COORDINATORS
            for field, value in attestation.items():
                setattr(nomination, field, value)
            notify(
                roles.coordinator_users(nomination.nominator.site_id),
                reverse("peers:nomination_queue"),
            )
        else:
            nomination.state = Nomination.State.REFUSED_BY_NOMINEE
        nomination.save()
    return nomination


def nomination_decide(*, nomination_id, coordinator, accept, reason):
    """Accepts (a candidate record is created from the nominee's answers) or declines.
    Returns None when another coordinator decided first."""
    with transaction.atomic():
        nomination = (
            Nomination.objects.select_for_update()
            .filter(pk=nomination_id, state=Nomination.State.AWAITING_COORDINATORS)
            .select_related("nominee")
            .first()
        )
        if nomination is None:
            return None
        nomination.decided_at = timezone.now()
        nomination.decided_by = coordinator
        nomination.decline_reason = "" if accept else reason
        nomination.state = Nomination.State.ACCEPTED if accept else Nomination.State.DECLINED
        nomination.save()
        if accept:
            candidate_from_nomination(nomination)
        notify([nomination.nominator.user], reverse("peers:me"))
    return nomination


def candidate_from_nomination(nomination):
    nominee = nomination.nominee
    profile = StaffProfile.objects.filter(user=nominee).first()
    peer = PeerSupporter.objects.create(
        user=nominee,
        display_name=nominee.get_full_name() or nominee.get_username(),
        profession=nomination.profession,
        # The colleague's directory facts when known; else the nominator's words, as a
        # record (unconfirmed when new) for the coordinators to confirm or merge.
        department=(profile and profile.department)
        or Department.objects.resolve_or_create(nomination.department),
        site=profile and profile.site,
        work_email=nominee.email,
        status=Status.CANDIDATE,
        works_at_institution=nomination.works_at_institution,
        is_volunteer=nomination.is_volunteer,
        lived_risk_situation=nomination.lived_risk_situation,
        can_draw_on_experience=nomination.can_draw_on_experience,
        eligibility_attested_at=nomination.answered_at,
    )
    return peer
