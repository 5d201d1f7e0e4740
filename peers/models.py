"""The peer-supporter registry: who the peers are, their status history, their training,
their supervision, the commitments charter they sign and the co-option of colleagues."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from svsupport.lib.text import fold


class Profession(models.TextChoices):
    NURSE = "nurse", _("Nurse")
    NURSING_ASSISTANT = "nursing_assistant", _("Nursing assistant")
    MIDWIFE = "midwife", _("Midwife")
    PHYSICIAN = "physician", _("Physician")
    RESIDENT = "resident", _("Resident")
    PHARMACIST = "pharmacist", _("Pharmacist")
    TECHNICIAN = "technician", _("Technician")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    ADMINISTRATIVE = "administrative", _("Administrative staff")
    MANAGER = "manager", _("Manager")
    OTHER = "other", _("Other")


class SpokenLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    PORTUGUESE = "pt", _("Portuguese")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    OCCITAN = "oc", _("Occitan")
    FRENCH_SIGN = "fsl", _("French Sign Language")


class Status(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    IN_TRAINING = "in_training", _("In training")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ENGAGED_STATUSES = [Status.ACTIVE, Status.PAUSED, Status.IN_TRAINING]


class RequestedBy(models.TextChoices):
    PEER = "peer", _("The peer's own request")
    BOARD = "board", _("The board's decision")
    COORDINATOR = "coordinator", _("The coordinators")
    # The clock pauses a peer whose offers went unanswered several times in a row.
    PROGRAMME = "programme", _("The programme, after offers went unanswered")


# Which status may follow which. Activation has extra conditions (see missing_for_activation).
TRANSITIONS = {
    Status.CANDIDATE: {Status.IN_TRAINING, Status.ACTIVE, Status.WITHDRAWN},
    Status.IN_TRAINING: {Status.ACTIVE, Status.WITHDRAWN},
    Status.ACTIVE: {Status.PAUSED, Status.WITHDRAWN},
    Status.PAUSED: {Status.ACTIVE, Status.WITHDRAWN},
    Status.WITHDRAWN: {Status.CANDIDATE, Status.IN_TRAINING, Status.ACTIVE},
}
# What a peer may decide alone; everything else is recorded by a coordinator.
SELF_SERVICE_TRANSITIONS = {
    (Status.ACTIVE, Status.PAUSED),
    (Status.PAUSED, Status.ACTIVE),
    (Status.ACTIVE, Status.WITHDRAWN),
    (Status.PAUSED, Status.WITHDRAWN),
    (Status.CANDIDATE, Status.WITHDRAWN),
    (Status.IN_TRAINING, Status.WITHDRAWN),
}


class StatusChangeRefused(Exception):
    """A status change the rules do not allow; `reasons` lists why, for the user."""

    def __init__(self, reasons):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = list(reasons)


def current_charter():
    """The commitments charter in force: the published version with the highest number of
    the pathway's policy document of kind "charter". Publishing a new version there asks
    every peer to sign again."""
    from resources.models import PolicyDocument, PolicyVersion

    return PolicyVersion.objects.current_of_kind(PolicyDocument.Kind.CHARTER)


@dataclass(frozen=True)
class CharterRollOut:
    """The charter in force and, while a new version rolls out, the previous one: for
    CHARTER_GRACE_DAYS after a new version is published, a signature of the version just
    before it still counts for the directory, so that publishing never empties it."""

    current: object = None  # resources.PolicyVersion
    previous: object = None
    deadline: datetime | None = None  # end of the grace period

    def in_grace(self, now=None):
        return self.deadline is not None and (now or timezone.now()) < self.deadline

    def counting_ids(self, now=None):
        """The charter versions whose signature keeps a peer in the directory now."""
        if self.current is None:
            return []
        if self.in_grace(now):
            return [self.current.pk, self.previous.pk]
        return [self.current.pk]


def charter_roll_out():
    """The current charter, the previous one and the end of the grace period (one query)."""
    from resources.models import PolicyDocument, PolicyVersion

    versions = list(
        PolicyVersion.objects.published()
        .filter(document__kind=PolicyDocument.Kind.CHARTER)
        .order_by("-number")[:2]
    )
    if not versions:
        return CharterRollOut()
    current = versions[0]
    previous = versions[1] if len(versions) > 1 else None
    deadline = None
    if previous is not None and current.published_at is not None:
        deadline = current.published_at + timedelta(days=settings.CHARTER_GRACE_DAYS)
    return CharterRollOut(current=current, previous=previous, deadline=deadline)


def current_charter_id_subquery():
    from resources.models import PolicyDocument, PolicyVersion

    versions = PolicyVersion.objects.published().filter(document__kind=PolicyDocument.Kind.CHARTER)
    return models.Subquery(versions.order_by("-number").values("pk")[:1])


def directory_rule(roll_out):
    """Who is in the directory: active, initial training completed, a charter signature
    that counts (CharterRollOut). "pk IN (subquery)" so that PostgreSQL hashes each list
    once rather than probing it per peer."""
    trained = TrainingRecord.objects.filter(kind=TrainingRecord.Kind.INITIAL, completed=True)
    signed = CharterSignature.objects.filter(charter_id__in=roll_out.counting_ids())
    return (
        Q(status=Status.ACTIVE)
        & Q(pk__in=trained.values("peer_id"))
        & Q(pk__in=signed.values("peer_id"))
    )


class PeerQuerySet(models.QuerySet):
    def with_readiness(self, roll_out=None):
        """Annotates what the rules look at: initial training done, current charter signed,
        a charter signature that counts for the directory (the current one, or the previous
        one during a roll-out's grace period), last supervision attended, with the department
        and site records every list shows. One query whatever the number of peers, after
        the one that reads the charter versions (unless `roll_out` is given)."""
        roll_out = roll_out or charter_roll_out()
        return self.select_related("department", "site").annotate(
            has_valid_charter=Exists(
                CharterSignature.objects.filter(
                    peer=OuterRef("pk"), charter_id__in=roll_out.counting_ids()
                )
            ),
            has_initial_training=Exists(
                TrainingRecord.objects.filter(
                    peer=OuterRef("pk"), kind=TrainingRecord.Kind.INITIAL, completed=True
                )
            ),
            has_current_charter=Exists(
                CharterSignature.objects.filter(
                    peer=OuterRef("pk"), charter_id=current_charter_id_subquery()
                )
            ),
            last_supervision=models.Subquery(
                Attendance.objects.filter(peer=OuterRef("pk"))
                .order_by("-session__held_on")
                .values("session__held_on")[:1]
            ),
        )

    def published(self, roll_out=None):
        """The directory, with what with_readiness() annotates: active, initial training
        completed, current charter signed (or, during a roll-out's grace period, the
        previous one)."""
        roll_out = roll_out or charter_roll_out()
        return self.with_readiness(roll_out).filter(directory_rule(roll_out))

    def listed(self, roll_out=None):
        """The same peers as published(), without its annotations: for matching, which
        ranks thousands of peers and reads none of them."""
        return self.filter(directory_rule(roll_out or charter_roll_out()))

    def engaged(self):
        """Peers in the programme: active, paused or in training."""
        return self.filter(status__in=ENGAGED_STATUSES)

    def to_sign_current_charter(self, roll_out=None):
        """Engaged peers who have not signed the charter in force."""
        return self.engaged().with_readiness(roll_out).filter(has_current_charter=False)

    def needing_attention(self, today=None, roll_out=None):
        """Peers a coordinator should look at, by the rules in attention_reasons()."""
        today = today or timezone.localdate()
        since = today - timedelta(days=30 * settings.PEER_SUPERVISION_MONTHS)
        engaged = Q(status__in=ENGAGED_STATUSES)
        return self.with_readiness(roll_out).filter(
            (engaged & Q(has_current_charter=False))
            | (Q(status__in=[Status.ACTIVE, Status.PAUSED]) & Q(has_initial_training=False))
            | (
                Q(status=Status.ACTIVE)
                & (Q(last_supervision__isnull=True) | Q(last_supervision__lt=since))
            )
            | Q(status=Status.PAUSED, paused_until__lt=today)
        )

    def search(self, text):
        return self.filter(search_name__contains=fold(text)) if text else self

    def in_scope_of(self, user):
        """The registry a coordinator keeps: the peers of their sites (all, for the
        network); nothing for anybody else."""
        from svsupport.lib import roles

        scope = roles.site_scope(user, roles.COORDINATOR)
        return self.filter(roles.scope_filter(scope)) if scope else self.none()


class PeerSupporter(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="peer_profile"
    )
    display_name = models.CharField(_("name shown in the directory"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    profession = models.CharField(
        _("profession"), max_length=32, choices=Profession.choices, db_index=True
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("department or unit"),
        null=True,
        on_delete=models.PROTECT,
        related_name="peers",
    )
    site = models.ForeignKey(
        "organisation.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="peers",
    )
    phone_extension = models.CharField(_("phone extension"), max_length=20, blank=True)
    work_email = models.EmailField(_("work e-mail"), blank=True)
    presentation = models.TextField(_("a few words about you"), max_length=600, blank=True)
    availability_note = models.CharField(_("when you are available"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined the programme on"), default=timezone.localdate)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.CANDIDATE, db_index=True
    )
    paused_until = models.DateField(_("expected return"), null=True, blank=True)
    # Wellbeing (support_requests/availability.py): a lower cap than PEER_MAX_OPEN_REQUESTS
    # chosen by the peer, a rest after a heavy request, offers lapsed in a row.
    max_open_requests = models.PositiveSmallIntegerField(
        _("most requests I take at once"), null=True, blank=True
    )
    resting_until = models.DateTimeField(null=True, blank=True)
    lapses_in_a_row = models.PositiveSmallIntegerField(default=0)

    # Eligibility attestation, given by the peer (or by the nominee when co-opted).
    works_at_institution = models.BooleanField(_("works at the institution"), default=False)
    is_volunteer = models.BooleanField(_("is a volunteer"), default=False)
    lived_risk_situation = models.BooleanField(
        _("has lived a risk-management situation"), default=False
    )
    can_draw_on_experience = models.BooleanField(_("can draw on that experience"), default=False)
    eligibility_attested_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeerQuerySet.as_manager()

    class Meta:
        ordering = ["search_name"]
        indexes = [
            models.Index(fields=["status", "search_name"], name="peer_status_name_idx"),
            # The directory opens on the reader's site.
            models.Index(fields=["site", "status", "search_name"], name="peer_site_status_idx"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # The folded name is derived data, kept in step on every save so the search
        # can never drift from the name shown.
        self.search_name = fold(self.display_name)
        super().save(*args, **kwargs)

    @property
    def language_codes(self):
        if self.pk is None:
            return []
        return [language.code for language in self.languages.all()]

    @property
    def eligibility_complete(self):
        return all(
            [
                self.works_at_institution,
                self.is_volunteer,
                self.lived_risk_situation,
                self.can_draw_on_experience,
            ]
        )

    def attention_reasons(self, today=None, roll_out=None):
        """Why a coordinator should look at this peer; needs with_readiness() annotations.
        The same rules as PeerQuerySet.needing_attention, one peer at a time."""
        today = today or timezone.localdate()
        since = today - timedelta(days=30 * settings.PEER_SUPERVISION_MONTHS)
        reasons = []
        engaged = self.status in ENGAGED_STATUSES
        if engaged and not self.has_current_charter:
            if self.has_valid_charter and roll_out and roll_out.in_grace():
                reasons.append(
                    _("new charter to sign by %(date)s")
                    % {"date": date_format(timezone.localtime(roll_out.deadline), "DATE_FORMAT")}
                )
            else:
                reasons.append(_("current charter not signed"))
        if self.status in {Status.ACTIVE, Status.PAUSED} and not self.has_initial_training:
            reasons.append(_("no initial training completed"))
        if self.status == Status.ACTIVE and (
            self.last_supervision is None or self.last_supervision < since
        ):
            reasons.append(_("no supervision attended recently"))
        if self.status == Status.PAUSED and self.paused_until and self.paused_until < today:
            reasons.append(_("paused past the expected return"))
        return reasons

    def missing_for_activation(self):
        """What stands between this peer and the directory, as sentences for a person."""
        missing = []
        if not self.eligibility_complete:
            missing.append(_("the eligibility attestation is incomplete"))
        if not self.training_records.filter(
            kind=TrainingRecord.Kind.INITIAL, completed=True
        ).exists():
            missing.append(_("the initial training is not completed"))
        current = current_charter()
        if current is None:
            missing.append(_("no commitments charter is published yet"))
        elif not self.signatures.filter(charter=current).exists():
            missing.append(
                _("the current commitments charter (version %(number)s) is not signed")
                % {"number": current.number}
            )
        return missing

    def change_status(self, new_status, *, by, requested_by, reason="", paused_until=None):
        """Moves to new_status and records who asked, when and why.

        Raises StatusChangeRefused when the transition is not allowed, when `by` is the peer
        and the move is not theirs to make alone, or when activation misses a condition.
        """
        new_status = Status(new_status)
        if new_status not in TRANSITIONS[Status(self.status)]:
            raise StatusChangeRefused(
                [
                    _("a peer cannot go from “%(old)s” to “%(new)s”")
                    % {"old": self.get_status_display(), "new": new_status.label}
                ]
            )
        if by == self.user and (self.status, new_status) not in SELF_SERVICE_TRANSITIONS:
            raise StatusChangeRefused([_("only the coordinators can record this change")])
        if new_status == Status.ACTIVE and self.status != Status.PAUSED:
            missing = self.missing_for_activation()
            if missing:
                raise StatusChangeRefused(missing)
        if new_status == Status.PAUSED and paused_until and paused_until < timezone.localdate():
            raise StatusChangeRefused([_("the expected return date is in the past")])
        change = StatusChange.objects.create(
            peer=self,
            from_status=self.status,
            to_status=new_status,
            changed_by=by,
            requested_by=requested_by,
            reason=reason,
            expected_return=paused_until if new_status == Status.PAUSED else None,
        )
        self.status = new_status
        self.paused_until = paused_until if new_status == Status.PAUSED else None
        if new_status == Status.ACTIVE:
            self.lapses_in_a_row = 0  # a fresh start: earlier unanswered offers are forgiven
        self.save(update_fields=["status", "paused_until", "lapses_in_a_row", "updated_at"])
        return change

    def sign_charter(self, charter):
        signature, _created = CharterSignature.objects.get_or_create(peer=self, charter=charter)
        return signature


class PeerLanguage(models.Model):
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=8, choices=SpokenLanguage.choices, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["peer", "code"], name="peer_language_once")]
        ordering = ["code"]

    def __str__(self):
        return self.get_code_display()


class StatusChange(models.Model):
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Status.choices)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    # None when the programme itself made the change (a pause after unanswered offers).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.CharField(max_length=16, choices=RequestedBy.choices)
    reason = models.CharField(max_length=500, blank=True)
    expected_return = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.from_status} -> {self.to_status}"


class CharterSignature(models.Model):
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="signatures")
    charter = models.ForeignKey(
        "resources.PolicyVersion", on_delete=models.PROTECT, related_name="signatures"
    )
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "charter"], name="charter_signed_once")
        ]

    def __str__(self):
        return f"signature of charter v{self.charter_id}"


class TrainingRecord(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial training")
        REFRESHER = "refresher", _("Refresher")

    peer = models.ForeignKey(
        PeerSupporter, on_delete=models.CASCADE, related_name="training_records"
    )
    course = models.CharField(_("course"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"))
    completed = models.BooleanField(_("completed"), default=True)
    trainer = models.CharField(_("trainer"), max_length=120, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["peer", "kind", "completed"], name="training_ready_idx")]

    def __str__(self):
        return f"{self.course} ({self.held_on})"


class SupportSession(models.Model):
    """A session that supports the supporters: group supervision, mentoring, community."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("Group supervision")
        MENTORING = "mentoring", _("Monthly mentoring meeting")
        COMMUNITY = "community", _("Quarterly community meeting")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("date"), db_index=True)
    facilitator = models.CharField(_("facilitator"), max_length=120)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on}"

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate() + timedelta(days=366):
            raise ValidationError({"held_on": _("This date is too far in the future.")})


class Attendance(models.Model):
    session = models.ForeignKey(
        SupportSession, on_delete=models.CASCADE, related_name="attendances"
    )
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="attendances")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "peer"], name="attended_once")]

    def __str__(self):
        return f"attendance {self.session_id}/{self.peer_id}"


class NominationQuerySet(models.QuerySet):
    def visible_to_nominee(self, user):
        return self.filter(nominee=user, state=Nomination.State.AWAITING_NOMINEE)

    def in_progress(self):
        """Nominations still waiting for the nominee or for the coordinators."""
        return self.filter(
            state__in=[Nomination.State.AWAITING_NOMINEE, Nomination.State.AWAITING_COORDINATORS]
        )

    def visible_to_coordinators(self):
        """Only what the nominee consented to: a refusal stays between the two colleagues."""
        return self.exclude(
            state__in=[Nomination.State.AWAITING_NOMINEE, Nomination.State.REFUSED_BY_NOMINEE]
        )

    def visible_to_coordinator(self, user):
        """What `user` may decide on: consented nominations made by a peer of their sites
        (a co-option happens within the nominator's site)."""
        from svsupport.lib import roles

        scope = roles.site_scope(user, roles.COORDINATOR)
        if not scope:
            return self.none()
        return self.visible_to_coordinators().filter(roles.scope_filter(scope, "nominator__site"))


class Nomination(models.Model):
    """A colleague co-opted by a peer. The nominee is asked first; nothing reaches the
    coordinators, and nothing is published, without the nominee's consent."""

    class State(models.TextChoices):
        AWAITING_NOMINEE = "awaiting_nominee", _("Waiting for the colleague's answer")
        REFUSED_BY_NOMINEE = "refused_by_nominee", _("The colleague declined")
        AWAITING_COORDINATORS = "awaiting_coordinators", _("With the coordinators")
        ACCEPTED = "accepted", _("Accepted: the colleague is a candidate")
        DECLINED = "declined", _("Declined by the coordinators")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    nominator = models.ForeignKey(
        PeerSupporter, on_delete=models.PROTECT, related_name="nominations_made"
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nominations_received"
    )
    profession = models.CharField(_("profession"), max_length=32, choices=Profession.choices)
    department = models.CharField(_("department or unit"), max_length=120)
    motivation = models.TextField(_("why this colleague"), max_length=600)
    state = models.CharField(
        max_length=24, choices=State.choices, default=State.AWAITING_NOMINEE, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    # The nominee's own attestation, copied to the candidate record on acceptance.
    works_at_institution = models.BooleanField(default=False)
    is_volunteer = models.BooleanField(default=False)
    lived_risk_situation = models.BooleanField(default=False)
    can_draw_on_experience = models.BooleanField(default=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Nomination {self.pk}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AvailabilitySlot(models.Model):
    """A weekly time range when the peer may be offered requests (local time, within one
    day). A peer with no slot at all has no limit by the hour."""

    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class TimeAway(models.Model):
    """Days the peer is away (holidays, leave): no offer, whatever the weekly pattern."""

    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="time_away")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to"))

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="away_ends_after_start"
            )
        ]

    def __str__(self):
        return f"away {self.first_day} - {self.last_day}"


class OnCallShift(models.Model):
    """A peer on call for a site over nights, weekends or holidays, kept by the
    coordinators. Offers outside office hours go to the peer on call, with a shorter
    window (ONCALL_ACCEPT_WINDOW_MINUTES)."""

    site = models.ForeignKey(
        "organisation.Site",
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        related_name="on_call_shifts",
    )
    peer = models.ForeignKey(
        PeerSupporter,
        verbose_name=_("peer supporter"),
        on_delete=models.CASCADE,
        related_name="on_call_shifts",
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="on_call_time_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="on_call_ends_after_start"
            )
        ]

    def __str__(self):
        return f"on call {self.starts_at:%Y-%m-%d %H:%M}"


auditlog.register(PeerSupporter, exclude_fields=["search_name", "updated_at"])
auditlog.register(PeerLanguage)
auditlog.register(StatusChange)
auditlog.register(CharterSignature)
auditlog.register(TrainingRecord)
auditlog.register(SupportSession)
auditlog.register(Attendance)
auditlog.register(Nomination, exclude_fields=["motivation"])
auditlog.register(AvailabilitySlot)
auditlog.register(TimeAway)
auditlog.register(OnCallShift)
