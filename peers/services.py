"""Workflows of the peer registry that span several records or send mail."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from organisation.models import Department, StaffProfile
from peers.models import (
    Attendance,
    AvailabilitySlot,
    Nomination,
    PeerLanguage,
    PeerSupporter,
    Status,
    SupportSession,
    TrainingRecord,
    charter_roll_out,
)
from svsupport.lib import roles
from svsupport.lib.mail import Kind, notify

# Before the end of a charter's grace period, the peers who have not signed it are reminded
# this long before the deadline (or at half the grace period when it is shorter).
CHARTER_REMINDER_BEFORE = timedelta(days=7)


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
        notify(
            [nomination.nominee],
            reverse("peers:nomination_answer", args=[nomination.pk]),
            kind=Kind.NOMINATION,
        )
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
                kind=Kind.NOMINATION_QUEUE,
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
        notify([nomination.nominator.user], reverse("peers:me"), kind=Kind.NOMINATION_DECIDED)
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


def availability_save(*, peer, form):
    """Replaces the peer's weekly pattern with the form's ranges, and their own cap."""
    with transaction.atomic():
        # One by one, not in bulk: each slot is audited (at most seven).
        for slot in peer.slots.all():
            slot.delete()
        for day, start, end in form.ranges():
            AvailabilitySlot.objects.create(peer=peer, weekday=day, starts_at=start, ends_at=end)
        if "max_open_requests" in form.cleaned_data:
            peer.max_open_requests = form.cleaned_data["max_open_requests"]
            peer.save(update_fields=["max_open_requests", "updated_at"])
    return peer


# Status changes ---------------------------------------------------------------------------


def peer_change_status(*, peer, to_status, by, requested_by, reason="", paused_until=None):
    """Records a status change (PeerSupporter.change_status, which raises
    StatusChangeRefused) and, for a peer who pauses or withdraws, passes their pending
    offers on at once, in the same transaction: a request never waits for someone away."""
    from support_requests.services import offers_pass_on

    with transaction.atomic():
        change = peer.change_status(
            to_status, by=by, requested_by=requested_by, reason=reason, paused_until=paused_until
        )
        if peer.status != Status.ACTIVE:
            offers_pass_on(peer=peer)
    return change


# The commitments charter -------------------------------------------------------------------


def charter_impact():
    """What publishing a new charter version means now, for the coordinator about to do it:
    how many peers in the programme must sign it again, how many of them are listed in the
    directory today, and until when their current signature still counts."""
    engaged = PeerSupporter.objects.engaged()
    return {
        "to_sign": engaged.count(),
        "listed": PeerSupporter.objects.published().count(),
        "grace_days": settings.CHARTER_GRACE_DAYS,
        "deadline": timezone.now() + timedelta(days=settings.CHARTER_GRACE_DAYS),
    }


def charter_publish(*, version, now=None):
    """Puts a new charter version in force and asks every peer in the programme to sign it,
    by a content-free e-mail naming the deadline. During the grace period their signature
    of the previous version still counts for the directory (peers.models.CharterRollOut)."""
    now = now or timezone.now()
    with transaction.atomic():
        version.publish(now=now)
        roll_out = charter_roll_out()
        peers = PeerSupporter.objects.engaged().select_related("user")
        notify(
            [peer.user for peer in peers],
            reverse("peers:me"),
            kind=Kind.CHARTER,
            deadline=roll_out.deadline,
        )
    return roll_out


def charter_remind(*, now=None):
    """Once per charter version, shortly before its grace period ends, reminds the peers
    who have not signed it. Returns how many were reminded."""
    from resources.models import PolicyVersion

    now = now or timezone.now()
    roll_out = charter_roll_out()
    if not roll_out.in_grace(now):
        return 0
    grace = timedelta(days=settings.CHARTER_GRACE_DAYS)
    if now < roll_out.deadline - min(CHARTER_REMINDER_BEFORE, grace / 2):
        return 0
    with transaction.atomic():
        version = (
            PolicyVersion.objects.select_for_update(skip_locked=True)
            .filter(pk=roll_out.current.pk, signers_reminded_at__isnull=True)
            .first()
        )
        if version is None:
            return 0
        peers = list(PeerSupporter.objects.to_sign_current_charter().select_related("user"))
        notify(
            [peer.user for peer in peers],
            reverse("peers:me"),
            kind=Kind.CHARTER_REMINDER,
            deadline=roll_out.deadline,
        )
        version.signers_reminded_at = now
        version.save(update_fields=["signers_reminded_at"])
    return len(peers)
