from django import forms
from django.utils.translation import gettext_lazy as _

from figures.periods import recent_quarters
from organisation.models import Site


class FiguresFilterForm(forms.Form):
    """The period (a quarter, the current one by default) and the site of the peer pool."""

    period = forms.ChoiceField(label=_("Quarter"), required=False)
    site = forms.ModelChoiceField(
        label=_("Site of the peer pool"),
        queryset=Site.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All sites"),
    )

    def __init__(self, data, *, sites, today=None):
        super().__init__(data)
        self.quarters = recent_quarters(today)
        self.fields["period"].choices = [(quarter.slug, quarter.label) for quarter in self.quarters]
        self.fields["site"].queryset = sites

    def chosen(self):
        """(period, site record or None): the defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        by_slug = {quarter.slug: quarter for quarter in self.quarters}
        return by_slug.get(data.get("period"), self.quarters[0]), data.get("site")
