"""Does the programme help? Anonymous answers of the supported colleagues and of the staff,
and the peers' own burden after a conversation.

Anonymous means unlinkable, by construction of the tables:

- no answer is a row of its own. Feedback and awareness answers only add one to counters
  (`FeedbackCount`, `PulseCount`) keyed by the month (feedback) or the pulse (awareness): no
  request, no user, no session, no timestamp, no order of arrival survives;
- a feedback invitation (`FeedbackInvitation`) holds the hash of a one-time token and the
  month, never the request or the person, and is deleted when it is used;
- who answered a pulse (`PulseParticipation`, one answer per person) is kept apart from what
  was answered, with nothing that ties the two;
- none of these models is registered with django-auditlog, so no audit entry with an actor
  or an address is written when they change.

A peer's burden answers (`BurdenAnswer`) belong to that peer: they see their own trend, and
everybody else sees aggregates over enough peers only. They are not audited either (the
audit log is read by IT support and the privacy officer).
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Department
from peers.models import PeerSupporter


class Agreement(models.TextChoices):
    STRONGLY_DISAGREE = "1", _("Strongly disagree")
    DISAGREE = "2", _("Disagree")
    NEUTRAL = "3", _("Neither agree nor disagree")
    AGREE = "4", _("Agree")
    STRONGLY_AGREE = "5", _("Strongly agree")


class MoreHelp(models.TextChoices):
    SOONER = "sooner", _("Being contacted sooner")
    MORE_TIME = "more_time", _("More time with the peer supporter")
    OTHER_PEER = "other_peer", _("A peer supporter with another background")
    NEXT_STEPS = "next_steps", _("Clearer information on the next steps")
    NOTHING = "nothing", _("Nothing: it was right as it was")


# question -> (wording, choices). The order is the questionnaire's.
FEEDBACK_QUESTIONS = {
    "listened": (_("I felt listened to."), Agreement),
    "helped": (_("The conversation helped me."), Agreement),
    "recommend": (_("I would recommend the programme to a colleague."), Agreement),
    "more_help": (_("What would have helped you more?"), MoreHelp),
}
# The counter of questionnaires sent back (every item is optional).
ANSWERED = "answered"


class FeedbackInvitation(models.Model):
    """A one-time invitation to the feedback questionnaire: the SHA-256 of its token, the
    month it was issued and when it lapses. Deliberately nothing else."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    month = models.DateField()
    expires_on = models.DateField(db_index=True)

    def __str__(self):
        return "Feedback invitation"


class FeedbackCount(models.Model):
    """How many questionnaires of `month` gave `choice` to `question`."""

    month = models.DateField()
    question = models.CharField(max_length=16)
    choice = models.CharField(max_length=16)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "question", "choice"], name="one_feedback_counter"
            )
        ]

    def __str__(self):
        return "Feedback count"


class Heaviness(models.TextChoices):
    LIGHT = "1", _("Light")
    SOMEWHAT = "2", _("Somewhat heavy")
    MODERATE = "3", _("Moderately heavy")
    HEAVY = "4", _("Heavy")
    VERY_HEAVY = "5", _("Very heavy")


class NeedsSupport(models.TextChoices):
    NO = "no", _("No")
    UNSURE = "unsure", _("I am not sure")
    YES = "yes", _("Yes")


class BurdenAnswer(models.Model):
    """A peer's own answer after a conversation: how heavy it was, whether they need support
    themselves. The month only, and no link to the request or the meeting."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="burden_answers")
    month = models.DateField()
    heaviness = models.CharField(
        _("How heavy was this conversation for you?"),
        max_length=1,
        choices=Heaviness.choices,
        blank=True,
    )
    needs_support = models.CharField(
        _("Do you need support yourself?"),
        max_length=8,
        choices=NeedsSupport.choices,
        blank=True,
    )

    class Meta:
        indexes = [models.Index(fields=["peer", "month"], name="burden_peer_month_idx")]

    def __str__(self):
        return "Burden answer"


class Knows(models.TextChoices):
    YES = "yes", _("Yes, I know it")
    VAGUELY = "vaguely", _("I have heard of it")
    NO = "no", _("No")


class WouldUse(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class HoldsBack(models.TextChoices):
    NOTHING = "nothing", _("Nothing holds me back")
    NOT_KNOWN = "not_known", _("I do not know how to reach it")
    CONFIDENTIALITY = "confidentiality", _("Worry about confidentiality")
    TIME = "time", _("No time")
    STIGMA = "stigma", _("Fear of being judged")
    OTHER_HELP = "other_help", _("I prefer other help")
    NOT_NEEDED = "not_needed", _("I do not think I would need it")


PULSE_QUESTIONS = {
    "knows": (_("Do you know the peer-support programme?"), Knows),
    "would_use": (_("Would you use it after a hard situation at work?"), WouldUse),
    "holds_back": (_("What would hold you back?"), HoldsBack),
}
# The counter of answers sent back, per group (every item is optional).
SITE, PROFESSION = "site", "profession"


class AwarenessPulse(models.Model):
    """A short anonymous staff survey, open from `opens_on` to `closes_on` (included)."""

    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return f"Awareness pulse {self.opens_on:%Y-%m-%d}"

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today=None):
        return (today or timezone.localdate()) > self.closes_on


class PulseParticipation(models.Model):
    """That `user` has answered `pulse`: one answer per person. Nothing here says what they
    answered, and the answer counters say nothing of who."""

    pulse = models.ForeignKey(AwarenessPulse, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pulse", "user"], name="one_pulse_answer_per_person")
        ]

    def __str__(self):
        return "Pulse participation"


class PulseCount(models.Model):
    """How many answers to `pulse` from `group` (a site code or a profession, "" when not
    said) gave `choice` to `question`. Sites and professions are counted apart, never
    crossed: a row never narrows an answer to the only pharmacist of a small site."""

    pulse = models.ForeignKey(AwarenessPulse, on_delete=models.CASCADE, related_name="counts")
    dimension = models.CharField(max_length=16)
    group = models.CharField(max_length=64, blank=True)
    question = models.CharField(max_length=16)
    choice = models.CharField(max_length=16)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "dimension", "group", "question", "choice"],
                name="one_pulse_counter",
            )
        ]

    def __str__(self):
        return "Pulse count"


class StaffCount(models.Model):
    """How many people work in a department: the denominator of "peers per 100 staff"."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, primary_key=True, related_name="staff_count"
    )
    headcount = models.PositiveIntegerField(_("staff"))

    def __str__(self):
        return f"staff count {self.department_id}"


# Coordinators' own records are audited; answers, invitations, participations and burden
# answers never are (see the module docstring).
auditlog.register(AwarenessPulse)
auditlog.register(StaffCount)
