from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import (
    FEEDBACK_QUESTIONS,
    PULSE_QUESTIONS,
    AwarenessPulse,
    BurdenAnswer,
)
from organisation.models import Site
from peers.models import Profession
from svsupport.lib.forms import DateField, DateInput


def choice_fields(questions):
    """One optional radio list per question: every item may be left unanswered."""
    return {
        name: forms.ChoiceField(
            label=wording,
            choices=choices.choices,
            required=False,
            widget=forms.RadioSelect,
        )
        for name, (wording, choices) in questions.items()
    }


class FeedbackForm(forms.Form):
    """The anonymous questionnaire: choices only, no free text. The token travels in a
    hidden field, never in the session."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(choice_fields(FEEDBACK_QUESTIONS))

    def answers(self):
        return {name: self.cleaned_data[name] for name in FEEDBACK_QUESTIONS}


class BurdenForm(forms.ModelForm):
    class Meta:
        model = BurdenAnswer
        fields = ["heaviness", "needs_support"]
        widgets = {"heaviness": forms.RadioSelect, "needs_support": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            # A radio list without the blank "---------" choice: not ticking is the blank.
            field.choices = [choice for choice in field.choices if choice[0]]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("heaviness") and not cleaned.get("needs_support"):
            raise forms.ValidationError(_("Answer at least one question, or skip them."))
        return cleaned


NOT_SAID = ("", _("I prefer not to say"))


class PulseForm(forms.Form):
    def __init__(self, *args, site=None, profession="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(choice_fields(PULSE_QUESTIONS))
        sites = [(unit.code, unit.name) for unit in Site.objects.current().in_name_order()]
        self.fields["site"] = forms.ChoiceField(
            label=_("Your site"), choices=[NOT_SAID, *sites], required=False
        )
        self.fields["profession"] = forms.ChoiceField(
            label=_("Your profession"), choices=[NOT_SAID, *Profession.choices], required=False
        )
        self.initial.setdefault("site", site.code if site else "")
        self.initial.setdefault("profession", profession if profession in Profession else "")

    def answers(self):
        return {name: self.cleaned_data[name] for name in PULSE_QUESTIONS}


class PulseOpenForm(forms.ModelForm):
    class Meta:
        model = AwarenessPulse
        fields = ["opens_on", "closes_on"]
        field_classes = {"opens_on": DateField, "closes_on": DateField}
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The survey must close after it opens."))
        return cleaned


class StaffCountForm(forms.Form):
    """One optional headcount per department: the denominators of "peers per 100 staff"."""

    def __init__(self, *args, departments, counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = list(departments)
        for department in self.departments:
            self.fields[f"dept_{department.pk}"] = forms.IntegerField(
                label=department.name,
                required=False,
                min_value=0,
                max_value=1_000_000,
                initial=counts.get(department.pk),
            )

    def headcounts(self):
        """{department: headcount or None}."""
        return {
            department: self.cleaned_data[f"dept_{department.pk}"]
            for department in self.departments
        }
