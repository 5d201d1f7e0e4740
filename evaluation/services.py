"""The workflows of the evaluation: invitations and anonymous answers, burden answers, pulses.

The feedback token is derived from the request and a secret (`feedback_token`), so the
requester's page can show its invitation without the request storing anything about it, and
the invitation row holds only the token's SHA-256 and a month. Answering deletes the row and
adds one to counters: afterwards no row ties the answer to the request, the person or the
session. Whoever holds both the database and SECRET_KEY can tell whether a request's
invitation is still unused; never what was answered."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from evaluation.models import (
    ANSWERED,
    PROFESSION,
    SITE,
    FeedbackCount,
    FeedbackInvitation,
    PulseCount,
    PulseParticipation,
    StaffCount,
)
from svsupport.lib.mail import notify

TOKEN_SALT = "evaluation.feedback-invitation"  # noqa: S105 (a key salt, not a secret)


def this_month(today=None):
    return (today or timezone.localdate()).replace(day=1)


def feedback_token(support_request, secret=None):
    """The invitation token of a request: only the server can compute it."""
    return salted_hmac(
        TOKEN_SALT, str(support_request.pk), secret=secret, algorithm="sha256"
    ).hexdigest()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def feedback_invite(*, support_request, today=None):
    """After closure: an invitation and a content-free e-mail to the requester, linking to
    their request page, where the card leads to the questionnaire. Call inside the closing
    transaction. A request closed again after a follow-up is not invited a second time."""
    requester = support_request.requester
    if requester is None or support_request.follow_ups.filter(answer="yes").exists():
        return None
    today = today or timezone.localdate()
    expired_invitations_delete(today)
    invitation, created = FeedbackInvitation.objects.get_or_create(
        token_hash=token_hash(feedback_token(support_request)),
        defaults={
            "month": this_month(today),
            "expires_on": today + timedelta(days=settings.FEEDBACK_INVITATION_DAYS),
        },
    )
    if created:
        notify([requester], reverse("requests:detail", args=[support_request.pk]))
    return invitation


def open_invitation(token, today=None):
    """The unused, unexpired invitation of `token`, or None."""
    if not token or len(token) > 128:
        return None
    today = today or timezone.localdate()
    return FeedbackInvitation.objects.filter(
        token_hash=token_hash(token), expires_on__gte=today
    ).first()


def invitation_for(support_request, today=None):
    """The token of the request's open invitation, for its requester's page, or None. The
    keys of SECRET_KEY_FALLBACKS are tried too, so a key rotation loses no invitation."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        token = feedback_token(support_request, secret)
        if open_invitation(token, today):
            return token
    return None


def add_one(model, keys):
    """counter += 1 for the row `keys`, created at 0 first; safe against concurrent calls."""
    row, _created = model.objects.get_or_create(**keys)
    model.objects.filter(pk=row.pk).update(count=F("count") + 1)


def feedback_answer(*, token, answers, today=None):
    """Consumes the invitation and counts the answers ({question: choice or ""}) in the
    current month. Returns False when the token is unknown, used or expired: nothing counted."""
    month = this_month(today)
    with transaction.atomic():
        deleted, _rows = FeedbackInvitation.objects.filter(
            token_hash=token_hash(token), expires_on__gte=today or timezone.localdate()
        ).delete()
        if not deleted:
            return False
        add_one(FeedbackCount, {"month": month, "question": ANSWERED, "choice": "yes"})
        for question, choice in answers.items():
            if choice:
                add_one(FeedbackCount, {"month": month, "question": question, "choice": choice})
    return True


def expired_invitations_delete(today=None):
    """Lapsed invitations go: a row kept for ever tells nothing, but holds nothing useful."""
    deleted, _rows = FeedbackInvitation.objects.filter(
        expires_on__lt=today or timezone.localdate()
    ).delete()
    return deleted


def burden_record(*, peer, form, today=None):
    answer = form.save(commit=False)
    answer.peer = peer
    answer.month = this_month(today)
    answer.save()
    return answer


class AlreadyAnswered(Exception):
    pass


def pulse_answer(*, pulse, user, answers, site_code, profession):
    """Records that `user` answered (once per pulse) and adds the answers to the counters
    of their site and, separately, of their profession. Raises AlreadyAnswered."""
    try:
        with transaction.atomic():
            PulseParticipation.objects.create(pulse=pulse, user=user)
            for dimension, group in [(SITE, site_code), (PROFESSION, profession)]:
                keys = {"pulse": pulse, "dimension": dimension, "group": group}
                add_one(PulseCount, {**keys, "question": ANSWERED, "choice": "yes"})
                for question, choice in answers.items():
                    if choice:
                        add_one(PulseCount, {**keys, "question": question, "choice": choice})
    except IntegrityError as error:
        raise AlreadyAnswered from error


def staff_counts_save(*, headcounts):
    """{department: headcount or None}: None (or 0) forgets the department's count."""
    with transaction.atomic():
        for department, headcount in headcounts.items():
            if headcount:
                StaffCount.objects.update_or_create(
                    department=department, defaults={"headcount": headcount}
                )
            else:
                StaffCount.objects.filter(department=department).delete()
