from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Department, Site
from peers.models import (
    Nomination,
    OnCallShift,
    PeerSupporter,
    Profession,
    RequestedBy,
    SpokenLanguage,
    Status,
    SupportSession,
    TimeAway,
    TrainingRecord,
    Weekday,
)
from svsupport.lib.forms import (
    CleanTextMixin,
    DateField,
    DateInput,
    DateTimeField,
    LongSelect,
    past_or_today,
)
from svsupport.lib.roles import ALL_SITES, scope_filter

DESCRIPTIVE_FIELDS = [
    "display_name",
    "profession",
    "department",
    "site",
    "phone_extension",
    "work_email",
    "presentation",
    "availability_note",
]
ELIGIBILITY_FIELDS = [
    "works_at_institution",
    "is_volunteer",
    "lived_risk_situation",
    "can_draw_on_experience",
]


class DirectoryFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    profession = forms.ChoiceField(
        label=_("Profession"), choices=[("", _("Any"))] + Profession.choices, required=False
    )
    # By code in the URL: a link to "?department=oncology" stays valid across renames.
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
        widget=LongSelect,
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All sites"),
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        choices=[("", _("Any"))] + SpokenLanguage.choices,
        required=False,
    )

    def __init__(self, data, *, departments, sites):
        super().__init__(data)
        self.fields["department"].queryset = departments
        self.fields["site"].queryset = sites

    def filter(self, peers):
        """Applies the valid filters; an invalid value (a tampered URL) filters nothing."""
        if not self.is_valid():
            return peers.none()
        data = self.cleaned_data
        peers = peers.search(data["q"])
        for field in ["profession", "department", "site"]:
            if data[field]:
                peers = peers.filter(**{field: data[field]})
        if data["language"]:
            peers = peers.filter(languages__code=data["language"])
        return peers


class PrintChoiceForm(forms.Form):
    """Which list to print: the published peers of one site, one department, or one
    department of one site. An A4 sheet for a notice board, never the whole network."""

    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
        widget=LongSelect,
    )

    def __init__(self, data, *, departments, sites):
        super().__init__(data)
        self.fields["department"].queryset = departments
        self.fields["site"].queryset = sites

    @property
    def chosen(self):
        """True once a valid site or department is chosen."""
        return self.is_valid() and bool(
            self.cleaned_data["site"] or self.cleaned_data["department"]
        )

    def filter(self, peers):
        data = self.cleaned_data
        for field in ["site", "department"]:
            if data[field]:
                peers = peers.filter(**{field: data[field]})
        return peers


class ManageFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + Status.choices, required=False
    )

    def filter(self, peers):
        if not self.is_valid():
            return peers.none()
        if self.cleaned_data["status"]:
            peers = peers.filter(status=self.cleaned_data["status"])
        return peers.search(self.cleaned_data["q"])


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            choices=SpokenLanguage.choices, label=_("Languages spoken"), required=False, **kwargs
        )


class OwnProfileForm(CleanTextMixin, forms.ModelForm):
    """What a peer keeps up to date themselves."""

    languages = LanguagesField()

    class Meta:
        model = PeerSupporter
        fields = DESCRIPTIVE_FIELDS
        widgets = {"presentation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["languages"].initial = instance.language_codes
        self.fields["department"].queryset = Department.objects.offered_to(instance.department)
        self.fields["site"].queryset = Site.objects.offered_to(instance.site)


class PeerForm(OwnProfileForm):
    """The coordinators' form: everything descriptive plus the eligibility attestation."""

    class Meta(OwnProfileForm.Meta):
        fields = DESCRIPTIVE_FIELDS + ["joined_on"] + ELIGIBILITY_FIELDS
        field_classes = {"joined_on": DateField}
        widgets = {**OwnProfileForm.Meta.widgets, "joined_on": DateInput()}

    def __init__(self, *args, scope=ALL_SITES, **kwargs):
        """`scope`: the coordinator's sites; a site coordinator records peers of those
        sites only, so the site is then required."""
        super().__init__(*args, **kwargs)
        # Coordinators may also choose a record the directory brought and nobody confirmed.
        self.fields["department"].queryset = Department.objects.current().in_name_order()
        sites = Site.objects.current().filter(scope_filter(scope, "pk"))
        self.fields["site"].queryset = sites.in_name_order()
        self.fields["site"].required = scope is not ALL_SITES

    def clean_joined_on(self):
        return past_or_today(self.cleaned_data["joined_on"])


class AccountField(forms.CharField):
    """A colleague's account, typed as a username or a work e-mail address."""

    def __init__(self, **kwargs):
        super().__init__(max_length=150, **kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        users = get_user_model().objects.filter(is_active=True)
        matches = list(users.filter(Q(username__iexact=value) | Q(email__iexact=value))[:2])
        if len(matches) != 1:
            raise forms.ValidationError(
                _("No single colleague has this username or work e-mail address.")
            )
        return matches[0]


class NewPeerForm(PeerForm):
    """Adding a peer directly asks for the same consent as a nomination: the colleague said
    yes and confirmed the four statements of eligibility (recorded with the date and, in the
    audit log, the coordinator who recorded them)."""

    account = AccountField(label=_("Username or work e-mail"))
    consent = forms.BooleanField(
        label=_("The colleague agreed to become a peer supporter and confirmed each statement"),
        help_text=_("Without their agreement, send them a nomination instead: they answer it."),
        error_messages={
            "required": _(
                "Tick this once the colleague has agreed; otherwise ask a peer to nominate them."
            )
        },
    )

    class Meta(PeerForm.Meta):
        fields = ["account"] + PeerForm.Meta.fields

    def __init__(self, *args, scope=ALL_SITES, **kwargs):
        super().__init__(*args, instance=PeerSupporter(), scope=scope, **kwargs)
        self.order_fields(["account"])

    def clean_account(self):
        user = self.cleaned_data["account"]
        if PeerSupporter.objects.filter(user=user).exists():
            raise forms.ValidationError(_("This colleague already has a peer record."))
        if Nomination.objects.filter(
            nominee=user, state=Nomination.State.AWAITING_NOMINEE
        ).exists():
            raise forms.ValidationError(
                _("A nomination waits for this colleague's answer: wait for it, or ask them.")
            )
        return user

    def clean(self):
        cleaned = super().clean()
        for name in ELIGIBILITY_FIELDS:
            if not cleaned.get(name):
                self.add_error(
                    name, _("Tick this statement once the colleague has confirmed it to you.")
                )
        return cleaned


class SelfStatusForm(CleanTextMixin, forms.Form):
    """Resume or withdraw: the peer's own decisions."""

    to_status = forms.TypedChoiceField(
        choices=[(Status.PAUSED, ""), (Status.ACTIVE, ""), (Status.WITHDRAWN, "")],
        coerce=Status,
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)

    def __init__(self, *args, to_status=None, **kwargs):
        kwargs.setdefault("auto_id", f"{to_status}_%s" if to_status else "id_%s")
        super().__init__(*args, initial={"to_status": to_status}, **kwargs)


class PauseForm(SelfStatusForm):
    paused_until = DateField(
        label=_("Expected return (optional)"), required=False, widget=DateInput()
    )

    def clean_paused_until(self):
        value = self.cleaned_data["paused_until"]
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The expected return cannot be in the past."))
        return value


class CoordinatorStatusForm(CleanTextMixin, forms.Form):
    to_status = forms.TypedChoiceField(label=_("New status"), choices=Status.choices, coerce=Status)
    # The programme's own pauses are the clock's; a coordinator records a person's decision.
    requested_by = forms.ChoiceField(
        label=_("At whose request"),
        choices=[c for c in RequestedBy.choices if c[0] != RequestedBy.PROGRAMME],
    )
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)
    paused_until = DateField(
        label=_("Expected return, for a pause (optional)"), required=False, widget=DateInput()
    )


class PeersChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, peer):
        return f"{peer.display_name} — {peer.department or ''}"


class TrainingBatchForm(CleanTextMixin, forms.ModelForm):
    peers = PeersChoiceField(label=_("Peers trained"), queryset=PeerSupporter.objects.none())

    class Meta:
        model = TrainingRecord
        fields = ["course", "kind", "held_on", "duration_minutes", "completed", "trainer"]
        field_classes = {"held_on": DateField}
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, scope=ALL_SITES, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peers"].queryset = PeerSupporter.objects.exclude(
            status=Status.WITHDRAWN
        ).filter(scope_filter(scope))

    def clean_held_on(self):
        return past_or_today(self.cleaned_data["held_on"])

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 60 * 24 * 5:
            raise forms.ValidationError(_("Give the duration in minutes, at most five days."))
        return minutes


class SupportSessionForm(CleanTextMixin, forms.ModelForm):
    attendees = PeersChoiceField(
        label=_("Peers who attended"), queryset=PeerSupporter.objects.none(), required=False
    )

    class Meta:
        model = SupportSession
        fields = ["kind", "held_on", "facilitator"]
        field_classes = {"held_on": DateField}
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, scope=ALL_SITES, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = PeerSupporter.objects.exclude(
            status=Status.WITHDRAWN
        ).filter(scope_filter(scope))

    def clean_held_on(self):
        return past_or_today(
            self.cleaned_data["held_on"], _("Record a session once it has taken place.")
        )


class NominationForm(CleanTextMixin, forms.ModelForm):
    nominee = AccountField(label=_("Your colleague's username or work e-mail"))

    class Meta:
        model = Nomination
        fields = ["nominee", "profession", "department", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, nominator, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominator = nominator

    def clean_nominee(self):
        nominee = self.cleaned_data["nominee"]
        if nominee == self.nominator.user:
            raise forms.ValidationError(_("You cannot nominate yourself."))
        # Only what the nominator may know is told: the public directory and their own
        # nominations. An unpublished peer record (a candidate, a withdrawal) or someone
        # else's nomination in progress is nobody else's business: nomination_create then
        # records nothing and the nominator reads the usual thanks.
        if PeerSupporter.objects.published().filter(user=nominee).exists():
            raise forms.ValidationError(_("This colleague already has a peer record."))
        mine = Nomination.objects.in_progress().filter(nominator=self.nominator, nominee=nominee)
        if mine.exists():
            raise forms.ValidationError(_("This colleague already has a nomination in progress."))
        return nominee


class NomineeAnswerForm(forms.Form):
    consent = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Yes, I agree to be proposed")), ("no", _("No, thank you"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    works_at_institution = forms.BooleanField(label=_("I work at the institution"), required=False)
    is_volunteer = forms.BooleanField(label=_("I volunteer, without extra pay"), required=False)
    lived_risk_situation = forms.BooleanField(
        label=_("I have lived through a risk-management situation myself"), required=False
    )
    can_draw_on_experience = forms.BooleanField(
        label=_("I can draw on that experience to help a colleague"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent") and not all(cleaned.get(name) for name in ELIGIBILITY_FIELDS):
            raise forms.ValidationError(_("To be proposed, confirm each of the four statements."))
        return cleaned


class NominationDecisionForm(CleanTextMixin, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Accept: create a candidate record")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason, shown to the peer who nominated"), max_length=500, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept") is False and not cleaned.get("reason"):
            self.add_error("reason", _("Say why, for the colleague who made the nomination."))
        return cleaned


# Availability, time away and the on-call rota ----------------------------------------------


class WeeklyAvailabilityForm(forms.Form):
    """One time range per weekday (both blank: not that day) and the peer's own cap."""

    max_open_requests = forms.IntegerField(
        label=_("Most requests I take at once"), min_value=1, required=False
    )

    def __init__(self, *args, peer, cap, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap
        if cap:
            self.fields["max_open_requests"].max_value = cap
            self.fields["max_open_requests"].validators.append(MaxValueValidator(cap))
            self.fields["max_open_requests"].help_text = _(
                "The programme's limit is %(cap)s; you may choose fewer."
            ) % {"cap": cap}
        else:
            del self.fields["max_open_requests"]
        slots = {slot.weekday: slot for slot in peer.slots.all()}
        for day in Weekday:
            slot = slots.get(day.value)
            self.fields[f"day{day.value}_from"] = forms.TimeField(
                label=_("%(day)s, from") % {"day": day.label},
                required=False,
                widget=TIME_INPUT,
                initial=slot and slot.starts_at,
            )
            self.fields[f"day{day.value}_until"] = forms.TimeField(
                label=_("%(day)s, until") % {"day": day.label},
                required=False,
                widget=TIME_INPUT,
                initial=slot and slot.ends_at,
            )
        if "max_open_requests" in self.fields:
            self.fields["max_open_requests"].initial = peer.max_open_requests
            self.order_fields([name for name in self.fields if name != "max_open_requests"])

    def clean(self):
        cleaned = super().clean()
        for day in Weekday:
            start = cleaned.get(f"day{day.value}_from")
            end = cleaned.get(f"day{day.value}_until")
            if (start is None) != (end is None):
                self.add_error(f"day{day.value}_until", _("Give both times, or neither."))
            elif start is not None and end <= start:
                self.add_error(
                    f"day{day.value}_until",
                    _("The end comes after the start, within the day (nights are on call)."),
                )
        return cleaned

    def ranges(self):
        """[(weekday, start, end)] of the days given."""
        data = self.cleaned_data
        return [
            (day.value, data[f"day{day.value}_from"], data[f"day{day.value}_until"])
            for day in Weekday
            if data.get(f"day{day.value}_from") is not None
        ]


TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TimeAwayForm(forms.ModelForm):
    class Meta:
        model = TimeAway
        fields = ["first_day", "last_day"]
        field_classes = {"first_day": DateField, "last_day": DateField}
        widgets = {"first_day": DateInput(), "last_day": DateInput()}
        labels = {"first_day": _("Away from"), "last_day": _("Back after")}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day comes after the first."))
        if last and last < timezone.localdate():
            self.add_error("last_day", _("This time away is already over."))
        return cleaned


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OnCallShiftForm(forms.ModelForm):
    class Meta:
        model = OnCallShift
        fields = ["site", "peer", "starts_at", "ends_at"]
        field_classes = {"starts_at": DateTimeField, "ends_at": DateTimeField}
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.current().in_name_order()
        self.fields["peer"].queryset = PeerSupporter.objects.published().order_by("search_name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end comes after the start."))
        elif start and end and end - start > timedelta(days=14):
            self.add_error("ends_at", _("A shift lasts two weeks at most."))
        if end and end < timezone.now():
            self.add_error("ends_at", _("This shift is already over."))
        return cleaned
