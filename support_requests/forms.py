import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Department, Site
from peers.forms import AccountField
from peers.models import PeerSupporter, Profession, SpokenLanguage
from support_requests.models import (
    MESSAGE_MAX_LENGTH,
    ContactMethod,
    Escalation,
    FollowUp,
    Meeting,
    Outcome,
    SitePreference,
    Situation,
    SupportRequest,
    TeamSession,
    Timing,
)
from svsupport.lib.forms import CleanTextMixin, DateField, DateInput, DateTimeField, past_or_today

PHONE_PATTERN = re.compile(r"^\+?[0-9 ().-]{4,30}$")


class SupportRequestForm(CleanTextMixin, forms.ModelForm):
    """Asking for a peer. Only the minimum: how and when to be contacted, an optional
    short message, optional preferences."""

    # Generated when the form is shown and used as the request's id: sending the same form
    # twice (a double click, a reload) finds the first request instead of making a second.
    submission_id = forms.UUIDField(widget=forms.HiddenInput)
    site = forms.ModelChoiceField(
        label=_("Your site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Its coordinators find you a peer if nobody answers."),
    )
    requester_department = forms.ModelChoiceField(
        label=_("Your department (optional)"),
        queryset=Department.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Used only to offer you a peer from another department."),
    )
    contact_detail = forms.CharField(
        label=_("Phone number, if you chose the phone"),
        max_length=30,
        required=False,
    )
    time_window = forms.CharField(
        label=_("When suits you, if you give a time"),
        max_length=120,
        required=False,
        help_text=_("For example: Tuesday after 4 pm."),
    )
    message = forms.CharField(
        label=_("A short message (optional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_(
            "Do not write any patient's name or identifier, nor details of the event: "
            "the peer will listen when you meet."
        ),
    )

    # The one required question first, then when, then what is optional; the preferences
    # last. requester_department is not a model field of the form: the record's id is stored.
    field_order = [
        "submission_id",
        "contact_method",
        "contact_detail",
        "timing",
        "time_window",
        "message",
        "situation",
        "site",
        "site_preference",
        "prefer_other_department",
        "requester_department",
        "prefer_same_profession",
        "requester_profession",
        "preferred_language",
    ]

    class Meta:
        model = SupportRequest
        fields = [
            "site",
            "site_preference",
            "prefer_other_department",
            "prefer_same_profession",
            "requester_profession",
            "preferred_language",
            "contact_method",
            "contact_detail",
            "timing",
            "time_window",
            "message",
            "situation",
        ]
        labels = {
            "site_preference": _("Where should the peer work?"),
            "prefer_other_department": _("A peer from another department than mine"),
            "prefer_same_profession": _("A peer of my profession, if possible"),
            "requester_profession": _("Your profession (optional)"),
            "preferred_language": _("A language, if you prefer (optional)"),
            "contact_method": _("How should the peer contact you?"),
            "timing": _("When?"),
            "situation": _("What kind of situation? (optional)"),
        }
        widgets = {
            "site_preference": forms.RadioSelect,
            "contact_method": forms.RadioSelect,
            "timing": forms.RadioSelect,
        }
        error_messages = {
            "contact_method": {"required": _("Choose how the peer should contact you.")},
            "timing": {"required": _("Choose when the peer should contact you.")},
        }

    def __init__(self, *args, chosen_peer=None, site=None, department=None, **kwargs):
        """`site`, `department`: the requester's own, from their staff profile, shown
        chosen."""
        super().__init__(*args, **kwargs)
        self.chosen_peer = chosen_peer
        self.fields["site"].queryset = Site.objects.offered_to(site)
        self.fields["site"].initial = site
        self.fields["site_preference"].choices = SitePreference.choices
        self.fields["site_preference"].required = False  # unanswered: either, own site first
        self.fields["requester_department"].queryset = Department.objects.offered_to(department)
        self.fields["requester_department"].initial = department
        self.fields["submission_id"].initial = uuid.uuid4()
        self.fields["requester_profession"].choices = [("", "—")] + Profession.choices
        self.fields["preferred_language"].choices = [("", "—")] + SpokenLanguage.choices
        self.fields["contact_method"].choices = ContactMethod.choices
        self.fields["timing"].choices = Timing.choices
        self.fields["situation"].choices = [("", _("I prefer not to say"))] + Situation.choices
        if chosen_peer:
            for name in [
                "site_preference",
                "prefer_other_department",
                "prefer_same_profession",
                "preferred_language",
            ]:
                del self.fields[name]

    def clean_site_preference(self):
        return self.cleaned_data.get("site_preference") or SitePreference.EITHER

    def clean_contact_detail(self):
        phone = self.cleaned_data["contact_detail"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Write the phone number with digits only, for example 06 12 34 56 78.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_method") == ContactMethod.PHONE and not cleaned.get(
            "contact_detail"
        ):
            self.add_error(
                "contact_detail",
                _("Write the number the peer should call, or choose e-mail above."),
            )
        if cleaned.get("contact_method") != ContactMethod.PHONE:
            cleaned["contact_detail"] = ""
        if (
            cleaned.get("contact_method") == ContactMethod.IN_PERSON
            and cleaned.get("site_preference") == SitePreference.OTHER
        ):
            self.add_error(
                "site_preference",
                _("A meeting in person is with a peer of your site: choose the phone or video."),
            )
        if cleaned.get("timing") == Timing.WINDOW and not cleaned.get("time_window"):
            self.add_error(
                "time_window", _("Write when suits you, for example: Tuesday after 4 pm.")
            )
        return cleaned

    def request_values(self):
        """What `services.request_create` takes: the request's id and its field values."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        for name in ["contact_detail", "time_window", "message"]:
            values[name] = self.cleaned_data.get(name) or None
        if self.chosen_peer:
            values["prefer_other_department"] = False
        # The record's id, encrypted at rest like the rest of what the requester tells.
        department = self.cleaned_data.get("requester_department")
        values["requester_department"] = str(department.pk) if department else None
        return {
            "submission_id": self.cleaned_data["submission_id"],
            "chosen_peer": self.chosen_peer,
            **values,
        }


class FirstContactForm(forms.Form):
    contacted_at = DateTimeField(
        label=_("When did you first reach the colleague?"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_contacted_at(self):
        value = self.cleaned_data["contacted_at"]
        if value > timezone.now():
            raise forms.ValidationError(
                _("This moment is in the future: give a past date and time.")
            )
        return value


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "duration", "modality", "outcome"]
        field_classes = {"held_on": DateField}
        widgets = {"held_on": DateInput()}

    def clean_held_on(self):
        return past_or_today(self.cleaned_data["held_on"])


class EscalationForm(forms.ModelForm):
    class Meta:
        model = Escalation
        fields = ["alerted", "alerted_at", "category"]
        field_classes = {"alerted_at": DateTimeField}
        widgets = {
            "alerted_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def clean_alerted_at(self):
        value = self.cleaned_data["alerted_at"]
        if value > timezone.now():
            raise forms.ValidationError(
                _("This moment is in the future: give a past date and time.")
            )
        return value


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[(value, label) for value, label in Outcome.choices if value != "another_meeting"],
    )
    heavy = forms.BooleanField(
        label=_("This one weighed on me: no new request for a few days"),
        help_text=_("Only a rest is recorded, nothing about the request."),
        required=False,
    )


class PassOnForm(forms.Form):
    """'Someone else, please': the offer the requester saw, so that a click on an offer
    that changed meanwhile passes nobody on."""

    offer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)


class AssignForm(forms.Form):
    peer = forms.ModelChoiceField(
        label=_("Peer supporter"), queryset=PeerSupporter.objects.none(), empty_label=None
    )
    confirm = forms.BooleanField(label=_("Assign despite the warnings above"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = PeerSupporter.objects.published().order_by("search_name")
        self.fields["peer"].label_from_instance = lambda peer: (
            f"{peer.display_name} — {peer.get_profession_display()}, {peer.department or ''}"
            f" ({peer.site or '—'})"
        )


class FollowUpAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Would you like another conversation?"),
        choices=FollowUp.Answer.choices,
        widget=forms.RadioSelect,
    )


class TrailLookupForm(forms.Form):
    """A privacy officer asks for the access trail of one request, by its identifier."""

    request = forms.UUIDField(
        label=_("Identifier of the request"),
        help_text=_("The code at the end of the request's address, e.g. 0f1e…-…"),
    )


# Reaching in ------------------------------------------------------------------------------

MAX_INVITEES = 50


class AccountsField(forms.CharField):
    """Colleagues' accounts, one username or work e-mail per line."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.Textarea(attrs={"rows": 4}), max_length=8000, **kwargs)

    def clean(self, value):
        lines = [line.strip() for line in (super().clean(value) or "").splitlines()]
        lines = list(dict.fromkeys(line for line in lines if line))
        if not lines:
            raise forms.ValidationError(_("Give at least one colleague."))
        if len(lines) > MAX_INVITEES:
            raise forms.ValidationError(
                _("At most %(count)s colleagues at once.") % {"count": MAX_INVITEES}
            )
        accounts, unknown = [], []
        for line in lines:
            try:
                accounts.append(AccountField().clean(line))
            except forms.ValidationError:
                unknown.append(line)
        if unknown:
            raise forms.ValidationError(
                _("No single colleague has this username or work e-mail: %(names)s")
                % {"names": ", ".join(unknown)}
            )
        return list({account.pk: account for account in accounts}.values())


class OutreachForm(CleanTextMixin, forms.Form):
    invitees = AccountsField(
        label=_("Colleagues to invite"),
        help_text=_(
            "One username or work e-mail per line. Do not describe the event: each colleague "
            "receives the same content-free message."
        ),
    )
    category = forms.ChoiceField(
        label=_("Kind of event (optional)"),
        choices=[("", _("Not said"))] + Situation.choices,
        required=False,
    )

    def __init__(self, *args, coordinator, **kwargs):
        super().__init__(*args, **kwargs)
        self.coordinator = coordinator

    def clean_invitees(self):
        invitees = self.cleaned_data["invitees"]
        if any(invitee.pk == self.coordinator.pk for invitee in invitees):
            raise forms.ValidationError(_("You cannot invite yourself."))
        return invitees


class ReferralForm(CleanTextMixin, forms.Form):
    colleague = AccountField(label=_("Your colleague's username or work e-mail"))
    name_me = forms.BooleanField(
        label=_("My colleague may know that the suggestion came from me"), required=False
    )

    def __init__(self, *args, referrer, **kwargs):
        super().__init__(*args, **kwargs)
        self.referrer = referrer

    def clean_colleague(self):
        colleague = self.cleaned_data["colleague"]
        if colleague.pk == self.referrer.pk:
            raise forms.ValidationError(
                _("To ask for yourself, use the form “Ask for a peer supporter”.")
            )
        return colleague


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("not_now", _("Not now")), ("no", _("No, thank you"))],
        widget=forms.HiddenInput,
    )


class TeamSessionRequestForm(forms.ModelForm):
    class Meta:
        model = TeamSession
        fields = ["department", "headcount"]

    def __init__(self, *args, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.offered_to(department)
        self.fields["department"].initial = department
        self.fields["department"].empty_label = "—"


class TeamSessionArrangeForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = TeamSession
        fields = ["held_on", "headcount", "facilitator", "peer"]
        field_classes = {"held_on": DateField}
        widgets = {"held_on": DateInput()}
        help_texts = {
            "facilitator": _("Who leads it: an occupational psychologist, the EAP."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["held_on", "facilitator", "peer"]:
            self.fields[name].required = True
        self.fields["peer"].queryset = PeerSupporter.objects.published().order_by("search_name")
        self.fields["peer"].label_from_instance = lambda peer: peer.display_name
