import re

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resources.models import Hotline, Page, PageOverride, PolicyDocument, PolicyVersion, Story
from svsupport.lib.forms import CleanTextMixin, DateField

PHONE_NUMBER = re.compile(r"^\+?[0-9][0-9 .\-()]{1,28}$")


class ChangedTextMixin:
    """For bilingual drafts: which texts really changed."""

    def really_changed(self):
        """Fields whose value changed once line ends and outer spaces are ignored, so that
        saving an untouched French text does not make it look newer than the English."""

        def normal(value):
            return str(value if value is not None else "").replace("\r\n", "\n").strip()

        return [
            name
            for name in self.changed_data
            if normal(self.initial.get(name)) != normal(self.cleaned_data.get(name))
        ]


def side_by_side(*names):
    """One row per translated field: English on the left, French on the right."""
    return [
        Row(Column(f"{name}_en", css_class="col-md-6"), Column(f"{name}_fr", css_class="col-md-6"))
        for name in names
    ]


def mark_french(form):
    for name, field in form.fields.items():
        if name.endswith("_fr"):
            field.widget.attrs["lang"] = "fr"
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 16


class DraftForm(CleanTextMixin, ChangedTextMixin, forms.ModelForm):
    """Edits the draft of a page or story; publishing is a separate step."""

    submit_label = _("Save the draft")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_french(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *side_by_side(*[f"draft_{name}" for name in self._meta.model.TRANSLATED_FIELDS]),
            *[name for name in self.fields if not name.startswith("draft_")],
            Submit("save", self.submit_label),
        )

    def clean(self):
        cleaned = super().clean()
        required = self._meta.model.REQUIRED_TRANSLATED_FIELDS
        if not any(
            all((cleaned.get(f"draft_{name}_{lang}") or "").strip() for name in required)
            for lang in ("en", "fr")
        ):
            raise forms.ValidationError(_("Write the title and the text in at least one language."))
        return cleaned

    def save(self, commit=True):
        self.instance.stamp_changes(self.really_changed(), timezone.now(), prefix="draft_")
        return super().save(commit)


class PageForm(DraftForm):
    class Meta:
        model = Page
        fields = [
            "draft_title_en",
            "draft_title_fr",
            "draft_summary_en",
            "draft_summary_fr",
            "draft_body_en",
            "draft_body_fr",
        ]
        widgets = {
            "draft_summary_en": forms.Textarea(attrs={"rows": 2}),
            "draft_summary_fr": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("draft_summary_en", "draft_summary_fr"):
            self.fields[name].widget.attrs["rows"] = 3


class PageOverrideForm(PageForm):
    class Meta(PageForm.Meta):
        model = PageOverride


class StoryForm(DraftForm):
    class Meta:
        model = Story
        fields = [
            "draft_title_en",
            "draft_title_fr",
            "draft_body_en",
            "draft_body_fr",
            "is_example",
        ]


class HotlineForm(CleanTextMixin, ChangedTextMixin, forms.ModelForm):
    class Meta:
        model = Hotline
        fields = [
            "name",
            "number",
            "is_free_call",
            "hours_en",
            "hours_fr",
            "description_en",
            "description_fr",
            "position",
            "is_active",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_french(self)
        for name in ("description_en", "description_fr"):
            self.fields[name].widget.attrs["rows"] = 3
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("number", css_class="col-md-6")),
            "is_free_call",
            *side_by_side("hours", "description"),
            "position",
            "is_active",
            Submit("save", _("Save the line")),
        )

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not PHONE_NUMBER.match(number):
            raise forms.ValidationError(_("Write the number with digits, spaces and + only."))
        return number

    def save(self, commit=True):
        self.instance.stamp_changes(self.really_changed(), timezone.now())
        return super().save(commit)


class PolicyDocumentForm(CleanTextMixin, ChangedTextMixin, forms.ModelForm):
    class Meta:
        model = PolicyDocument
        fields = ["kind", "slug", "title_en", "title_fr", "position"]
        help_texts = {"slug": _("Letters, digits and hyphens, used in the page's address.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_french(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "kind",
            "slug",
            *side_by_side("title"),
            "position",
            Submit("save", _("Create the document")),
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":
            raise forms.ValidationError(_("This address is taken by the app; choose another."))
        return slug

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        # The code looks documents of these kinds up by kind (the charter peers sign).
        if kind != PolicyDocument.Kind.OTHER and PolicyDocument.objects.filter(kind=kind).exists():
            raise forms.ValidationError(
                _("A document of this kind exists already: publish a new version of it instead.")
            )
        return kind

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title_en") or cleaned.get("title_fr")):
            raise forms.ValidationError(_("Give the document a title in at least one language."))
        return cleaned


class PolicyVersionForm(CleanTextMixin, ChangedTextMixin, forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["effective_date", "change_note_en", "change_note_fr", "body_en", "body_fr"]
        field_classes = {"effective_date": DateField}
        widgets = {"effective_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_french(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "effective_date",
            *side_by_side("change_note", "body"),
            Submit("save", _("Save the draft")),
        )

    def clean(self):
        cleaned = super().clean()
        if not ((cleaned.get("body_en") or "").strip() or (cleaned.get("body_fr") or "").strip()):
            raise forms.ValidationError(_("Write the text in at least one language."))
        return cleaned

    def save(self, commit=True):
        self.instance.stamp_changes(self.really_changed(), timezone.now())
        return super().save(commit)


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search the pathway"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def terms(self):
        return self.cleaned_data.get("q", "").split() if self.is_valid() else []


ANSWERS = [("yes", _("Yes")), ("partly", _("Partly")), ("not-yet", _("Not yet"))]

JUST_CULTURE_QUESTIONS = [
    _("After an incident, we look first at the systems and conditions, not for someone to blame."),
    _("Anyone can report an incident or a near miss without fearing sanctions."),
    _(
        "We tell an honest mistake from a risky choice and from reckless conduct, "
        "and respond to each differently."
    ),
    _("Colleagues involved in an incident are offered support within 24 hours."),
    _("Every manager knows the support pathway and how to reach a peer supporter."),
    _("People involved are kept informed of the analysis and of what it changes."),
    _("Lessons learned are shared with the whole team and lead to real changes."),
    _("Investigations are conducted in confidence and with respect for the people involved."),
]


class JustCultureSelfAssessmentForm(forms.Form):
    """A checklist a team fills in on screen and prints. It is never submitted: the page
    renders it without a <form> element, so the answers never leave the browser."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(JUST_CULTURE_QUESTIONS, start=1):
            self.fields[f"question_{number}"] = forms.ChoiceField(
                label=question, choices=ANSWERS, widget=forms.RadioSelect, required=False
            )
        self.fields["next_steps"] = forms.CharField(
            label=_("Our next steps"),
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *[InlineRadios(name) for name in self.fields if name.startswith("question_")],
            "next_steps",
        )
