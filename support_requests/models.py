"""Confidential support requests.

What is kept is the minimum: how and when to be contacted, an optional short message, and
that meetings took place (when, how long, how it went), never what was said. Contact
details and free text are encrypted at rest; after closure and the retention period, purge()
erases identity and free text and keeps only de-identified figures.
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Department, Site
from peers.models import PeerSupporter, Profession, SpokenLanguage
from svsupport.lib.encryption import EncryptedCharField, EncryptedTextField

MESSAGE_MAX_LENGTH = 500


class Status(models.TextChoices):
    OFFERED = "offered", _("Offered to a peer supporter")
    DISPATCH = "dispatch", _("With the coordinators, to find a peer")
    ACCEPTED = "accepted", _("Accepted by a peer supporter")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = [Status.OFFERED, Status.DISPATCH, Status.ACCEPTED]


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
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
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

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="offers"
    )
    peer = models.ForeignKey(PeerSupporter, on_delete=models.CASCADE, related_name="offers")
    offered_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["offered_at"]
        indexes = [models.Index(fields=["state", "expires_at"], name="offer_clock_idx")]
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


CONFIDENTIAL_FIELDS = ["requester_department", "contact_detail", "time_window", "message"]
auditlog.register(SupportRequest, exclude_fields=CONFIDENTIAL_FIELDS)
auditlog.register(Offer)
auditlog.register(Meeting)
auditlog.register(Escalation)
auditlog.register(FollowUp)
