from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import name_key
from svsupport.lib.forms import CleanTextMixin


class UnitForm(CleanTextMixin, forms.ModelForm):
    """A site or a department: its code and names must not designate another record."""

    class Meta:
        fields = ["code", "name_en", "name_fr"]
        help_texts = {"code": _("Short, stable: letters, digits and hyphens (for imports).")}

    def clean_code(self):
        return self.cleaned_data["code"].lower()

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        for field in ["code", "name_en", "name_fr"]:
            value = cleaned.get(field)
            if not value or not name_key(value):
                continue
            other = model.objects.matching(value).exclude(pk=self.instance.pk).first()
            if other:
                self.add_error(
                    field, _("This name already designates “%(name)s”.") % {"name": other.name}
                )
        return cleaned


SITE_FIELDS = ["coordinator_directory_group", "board_directory_group"]


def unit_form_class(model):
    """The form of a site or a department; a site also names the directory groups that
    make their members its coordinators or board members."""
    from organisation.models import Site

    fields = UnitForm.Meta.fields + (SITE_FIELDS if model is Site else [])
    return forms.modelform_factory(model, form=UnitForm, fields=fields)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=None)

    def __init__(self, data=None, *, source):
        super().__init__(data)
        units = type(source).objects.current().in_name_order()
        self.fields["target"].queryset = units.exclude(pk=source.pk)
