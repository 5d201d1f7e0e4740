"""Confidential support requests.

What is kept is the minimum: how and when to be contacted, an optional short message, and
that meetings took place (when, how long, how it went), never what was said. Contact
details and free text are encrypted at rest; after closure and the retention period, purge()
erases identity and free text and keeps only de-identified figures.
"""

import uuid
from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Department, Site
from peers.models import PeerSupporter, Profession, SpokenLanguage
from svsupport.lib.encryption import EncryptedCharField, EncryptedTextField
from svsupport.lib.text import tel_href

MESSAGE_MAX_LENGTH = 500


class Status(models.TextChoices):
    OFFERED = "offered", _("Offered to a peer supporter")
    DISPATCH = "dispatch", _("With the coordinators, to find a peer")
    ACCEPTED = "accepted", _("Accepted by a peer supporter")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = [Status.OFFERED, Status.DISPATCH, Status.ACCEPTED]


class DispatchReason(models.TextChoices):
    """Why a request is in the coordinators' queue."""

    NO_MATCH = "no_match", _("No peer supporter matched")
    OFFERS_LAPSED = "offers_lapsed", _("The peers asked did not take it")
    CHOSEN_UNAVAILABLE = "chosen_unavailable", _("The chosen peer supporter is unavailable")
    CONTACT_OVERDUE = "contact_overdue", _("Contact overdue")


# A request the coordinators see: waiting in the dispatch queue, or accepted and past the
# first-contact promise with no contact recorded (until the contact is recorded).
CONTACT_OVERDUE_RULE = Q(
    status=Status.ACCEPTED, contact_overdue_at__isnull=False, first_contact_at__isnull=True
)
COORDINATOR_QUEUE_RULE = Q(status=Status.DISPATCH) | CONTACT_OVERDUE_RULE


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")


class Timing(models.TextChoices):
    ASAP = "asap", _("As soon as possible")
    TODAY = "today", _("Today")
    THIS_WEEK = "this_week", _("This week")
    WINDOW = "window", _("At a time I give")


class Situation(models.TextChoices):
    ADVERSE_EVENT = "adverse_event", _("An adverse event")
    NEAR_MISS = "near_miss", _("A near miss")
    DIFFICULT = "difficult", _("A difficult situation")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    ANOTHER_MEETING = "another_meeting", _("Another meeting planned")
    CLOSED = "closed", _("Support complete")
    PSYCHOLOGICAL = "psychological", _("Referred to psychological support")
    HUMAN_RESOURCES = "human_resources", _("Redirected to Human Resources")
    ASSISTANCE_PROGRAMME = (
        "assistance_programme",
        _("Redirected to the employee assistance programme"),
    )


class SitePreference(models.TextChoices):
    EITHER = "either", _("Either: my site first, another site if nobody is free")
    SAME = "same", _("A peer at my site")
    OTHER = "other", _("A peer at another site (meetings by phone or video)")


class SupportRequestQuerySet(models.QuerySet):
    """Reusable filters. Who may open a request is decided in support_requests/access.py."""

    def in_scope_of(self, user, role):
        """Rows of the sites where `user` holds `role` (COORDINATOR or BOARD)."""
        from svsupport.lib import roles

        scope = roles.site_scope(user, role)
        return self.filter(roles.scope_filter(scope)) if scope else self.none()

    def in_coordinator_queue(self):
        """What the coordinators must act on: requests waiting for a peer and accepted
        requests whose first contact is overdue, oldest first."""
        return self.not_purged().filter(COORDINATOR_QUEUE_RULE).order_by("created_at", "pk")

    def not_purged(self):
        return self.filter(purged_at__isnull=True)

    def requested_by(self, user):
        """The person's own requests ("My requests", their limits)."""
        return self.not_purged().filter(requester=user)

    def assigned_to(self, peer):
        """The requests a peer took on, open or closed (their inbox)."""
        return self.not_purged().filter(assigned_peer=peer)

    def in_dispatch(self):
        """The coordinators' queue: requests waiting for a coordinator to find a peer."""
        return self.not_purged().filter(status=Status.DISPATCH)


class SupportRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    chosen_peer = models.ForeignKey(
        PeerSupporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The requester's site (from their staff profile, changeable on the form): whose
    # coordinators dispatch it and in which site's figures it counts.
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.PROTECT, related_name="support_requests"
    )
    site_preference = models.CharField(
        max_length=8, choices=SitePreference.choices, default=SitePreference.EITHER
    )
    prefer_other_department = models.BooleanField(default=True)
    prefer_same_profession = models.BooleanField(default=False)
    preferred_language = models.CharField(max_length=8, choices=SpokenLanguage.choices, blank=True)
    requester_profession = models.CharField(max_length=32, choices=Profession.choices, blank=True)
    # The id of the requester's Department record, encrypted like the rest of what the
    # requester tells (see requester_department_record()).
    requester_department = EncryptedCharField(max_length=120, null=True, blank=True)
    contact_method = models.CharField(max_length=16, choices=ContactMethod.choices)
    contact_detail = EncryptedCharField(max_length=60, null=True, blank=True)
    timing = models.CharField(max_length=16, choices=Timing.choices, default=Timing.ASAP)
    time_window = EncryptedCharField(max_length=120, null=True, blank=True)
    message = EncryptedTextField(max_length=MESSAGE_MAX_LENGTH, null=True, blank=True)
    situation = models.CharField(max_length=16, choices=Situation.choices, blank=True)

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OFFERED, db_index=True
    )
    assigned_peer = models.ForeignKey(
        PeerSupporter,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    dispatch_reason = models.CharField(max_length=24, choices=DispatchReason.choices, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    # The first-contact watch (clock.watch_first_contact): the assigned peer reminded at half
    # the promise, the coordinators alerted at the promise.
    contact_reminded_at = models.DateTimeField(null=True, blank=True)
    contact_overdue_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    close_outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)

    # De-identified figures, written at purge time and kept for the programme's statistics.
    purged_at = models.DateTimeField(null=True, blank=True)
    month = models.DateField()
    minutes_to_accept = models.PositiveIntegerField(null=True, blank=True)
    minutes_to_first_contact = models.PositiveIntegerField(null=True, blank=True)
    meetings_count = models.PositiveIntegerField(default=0)
    offers_count = models.PositiveIntegerField(default=0)
    went_to_dispatch = models.BooleanField(default=False)
    escalated = models.BooleanField(default=False)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="request_status_idx"),
            models.Index(fields=["requester", "created_at"], name="request_requester_idx"),
            # The site filter of the dispatch queue and of the figures.
            models.Index(fields=["site", "status", "created_at"], name="request_site_status_idx"),
            models.Index(fields=["site", "created_at"], name="request_site_created_idx"),
            # A peer's open load (matching, inbox): their few accepted requests, not the
            # history of every request they took.
            models.Index(
                fields=["assigned_peer"],
                condition=Q(status="accepted"),
                name="request_accepted_peer_idx",
            ),
        ]

    def __str__(self):
        # Opaque on purpose: this string lands in the audit log in clear.
        return "Support request"

    def save(self, *args, **kwargs):
        # The month is what survives the purge; it is fixed once, from the creation date.
        if self.month is None:
            self.month = timezone.localdate(self.created_at).replace(day=1)
        super().save(*args, **kwargs)

    def requester_department_record(self):
        """The requester's department, following a merge ("Chirurgie" merged into
        "Surgery" gives Surgery), or None."""
        value = self.requester_department or ""
        return Department.objects.by_id(int(value)) if value.isdigit() else None

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def contact_address(self):
        """The number or e-mail address the peer uses to reach the requester."""
        if self.contact_method == ContactMethod.PHONE:
            return self.contact_detail or ""
        return self.requester.email if self.requester else ""

    @property
    def contact_href(self):
        """The same, as a link a phone opens in one tap: `tel:` or `mailto:`."""
        if self.contact_method == ContactMethod.PHONE:
            return tel_href(self.contact_address)
        return f"mailto:{self.contact_address}"

    @property
    def contact_promise_due_at(self):
        """When the colleague was promised a first contact at the latest."""
        return self.created_at + timedelta(hours=settings.REQUEST_CONTACT_PROMISE_HOURS)

    @property
    def is_contact_overdue(self):
        return (
            self.status == Status.ACCEPTED
            and self.contact_overdue_at is not None
            and self.first_contact_at is None
        )

    @property
    def in_coordinator_queue(self):
        return self.status == Status.DISPATCH or self.is_contact_overdue

    @property
    def queue_reason(self):
        """Why the request is in the coordinators' queue (a DispatchReason)."""
        if self.is_contact_overdue:
            return DispatchReason.CONTACT_OVERDUE
        return DispatchReason(self.dispatch_reason or DispatchReason.NO_MATCH)

    def pending_offer(self):
        return self.offers.pending().select_related("peer").first()


class OfferQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Offer.State.PENDING)


class Offer(models.Model):
    """The request offered to one peer, for a limited time."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("No answer in time")
        CANCELLED = "cancelled", _("Cancelled")
        # The requester asked for someone else: never counted against the peer.
        PASSED_ON = "passed_on", _("The colleague asked for someone else")

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="offers"
    )
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="offers")
    offered_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Offered to the peer on call (outside their hours), with the shorter window.
    on_call = models.BooleanField(default=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["offered_at"]
        indexes = [
            models.Index(fields=["state", "expires_at"], name="offer_clock_idx"),
            # A peer's offers waiting for an answer (open load, inbox).
            models.Index(
                fields=["peer"], condition=Q(state="pending"), name="offer_pending_peer_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["support_request"],
                condition=Q(state="pending"),
                name="one_pending_offer_per_request",
            )
        ]

    def __str__(self):
        return "Offer"


class Meeting(models.Model):
    """That a meeting happened, when, how and how it ended. Never what was said."""

    class Duration(models.TextChoices):
        UNDER_15 = "under_15", _("Less than 15 minutes")
        FROM_15_TO_30 = "15_30", _("15 to 30 minutes")
        FROM_30_TO_45 = "30_45", _("30 to 45 minutes")
        FROM_45_TO_60 = "45_60", _("45 minutes to an hour")
        OVER_60 = "over_60", _("More than an hour")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video call")

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    duration = models.CharField(_("duration"), max_length=16, choices=Duration.choices)
    modality = models.CharField(
        _("in person, by phone or by video"), max_length=16, choices=Modality.choices
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return "Meeting"


class Escalation(models.Model):
    """An imminent-danger alert: who was alerted, when, which category. No narrative."""

    class Alerted(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency services (15 or 112)")
        OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health")
        PSYCHIATRY = "psychiatry", _("Psychiatrist on call")
        MANAGER_ON_DUTY = "manager_on_duty", _("Manager on duty")

    class Category(models.TextChoices):
        SELF = "self", _("Danger to the colleague themselves")
        OTHERS = "others", _("Danger to others")
        PATIENT = "patient", _("Danger to patients")

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="escalations"
    )
    alerted = models.CharField(_("who was alerted"), max_length=24, choices=Alerted.choices)
    alerted_at = models.DateTimeField(_("when"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    recorded_by = models.ForeignKey(PeerSupporter, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return "Escalation"


class FollowUpQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now):
        """Unsent follow-ups whose time has come, of requests not purged (the clock)."""
        return self.unsent().filter(due_at__lte=now, support_request__purged_at__isnull=True)

    def waiting_for_answer(self):
        """Sent and not answered yet: the question the requester sees."""
        return self.filter(sent_at__isnull=False, answer="")


class FollowUp(models.Model):
    """A content-free 'would you like another conversation?' after the last meeting."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, I would like another conversation")
        NO = "no", _("No, thank you")

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]

    def __str__(self):
        return "Follow-up"


class CheckIn(models.Model):
    """A reminder to the assigned peer to check in with the colleague, at
    PEER_CHECK_IN_HOURS after the first meeting. Content-free, like everything else."""

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="check_ins"
    )
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]

    def __str__(self):
        return "Check-in"


# Reaching in ------------------------------------------------------------------------------
#
# Outreach, referrals and team sessions live here, beside the support requests, because an
# invitation answered "yes" becomes a support request through request_create and the same
# matching, and a team session is dispatched by the same coordinators: one app owns the
# journey from "someone should be offered support" to "a peer is with them".


class Outreach(models.Model):
    """A coordinator reached in after a serious event. Who recorded it, when, an optional
    category and how many colleagues were invited: never a description, never the answers.
    Who was invited lives only in the pending invitations, erased when answered or after
    OUTREACH_RETENTION_DAYS."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    category = models.CharField(
        _("kind of event (optional)"), max_length=16, choices=Situation.choices, blank=True
    )
    invited_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return "Outreach"


class InvitationQuerySet(models.QuerySet):
    def for_invitee(self, user):
        return self.filter(invitee=user) if user.is_authenticated else self.none()


class Invitation(models.Model):
    """A content-free "would you like a peer?" addressed to one colleague, after an
    outreach or a colleague's referral. Only the invitee may see it. Any answer but
    "not now" erases it; an unanswered one is erased after OUTREACH_RETENTION_DAYS. The
    answer itself is never stored: a "yes" becomes the invitee's own support request, with
    no link back, and adds one to the anonymous monthly tally."""

    class Source(models.TextChoices):
        OUTREACH = "outreach", _("Outreach by the coordinators")
        REFERRAL = "referral", _("A colleague's suggestion")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    outreach = models.ForeignKey(
        Outreach, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set only when the colleague who suggested it agreed to be named to the invitee.
    named_referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    category = models.CharField(max_length=16, choices=Situation.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    postponed_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return "Invitation"


class InvitationTally(models.Model):
    """Anonymous monthly counts for the figures: invitations sent and taken up, by source,
    by month of sending. No person, no day."""

    month = models.DateField()
    source = models.CharField(max_length=16, choices=Invitation.Source.choices)
    invited = models.PositiveIntegerField(default=0)
    taken_up = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "source"], name="one_tally_per_month_source")
        ]

    def __str__(self):
        return "Invitation tally"


class HeadcountBand(models.TextChoices):
    UP_TO_5 = "2_5", _("2 to 5 people")
    UP_TO_10 = "6_10", _("6 to 10 people")
    UP_TO_20 = "11_20", _("11 to 20 people")
    OVER_20 = "over_20", _("More than 20 people")


class TeamSession(models.Model):
    """A team session after an event that hit several staff: asked by a manager, arranged by
    the coordinators with a facilitator (occupational psychologist, EAP) and a peer. The
    record holds that it happens, when, for about how many and who facilitates: no content."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Asked, waiting for the coordinators")
        ARRANGED = "arranged", _("Arranged")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("team or department (optional)"),
    )  # fmt: skip
    headcount = models.CharField(_("how many people"), max_length=8, choices=HeadcountBand.choices)
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.REQUESTED, db_index=True
    )
    held_on = models.DateField(_("date of the session"), null=True, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=120, blank=True)
    peer = models.ForeignKey(
        PeerSupporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("peer supporter"),
    )  # fmt: skip
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return "Team session"


CONFIDENTIAL_FIELDS = ["requester_department", "contact_detail", "time_window", "message"]
auditlog.register(SupportRequest, exclude_fields=CONFIDENTIAL_FIELDS)
auditlog.register(Offer)
auditlog.register(Meeting)
auditlog.register(Escalation)
auditlog.register(FollowUp)
auditlog.register(CheckIn)
auditlog.register(Outreach)
auditlog.register(TeamSession)
# Invitation and InvitationTally are left out of the audit log on purpose: an entry per
# invitation deleted by its invitee, written a moment before their new support request,
# would tie the two together (see README "Reaching in").
