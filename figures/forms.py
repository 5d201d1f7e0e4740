from django import forms
from django.utils.translation import gettext_lazy as _

from figures.periods import recent_quarters
from organisation.models import Site


class FiguresFilterForm(forms.Form):
    """The period (a quarter, the current one by default) and the site (the network, for
    readers of the whole network; else one of the reader's sites, the first by default)."""

    period = forms.ChoiceField(label=_("Quarter"), required=False)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All sites (the network)"),
    )

    def __init__(self, data, *, sites, network, today=None):
        super().__init__(data)
        self.quarters = recent_quarters(today)
        self.fields["period"].choices = [(quarter.slug, quarter.label) for quarter in self.quarters]
        self.fields["site"].queryset = sites
        self.network = network
        if not network:
            self.fields["site"].empty_label = None

    def chosen(self):
        """(period, site record or None): the defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        by_slug = {quarter.slug: quarter for quarter in self.quarters}
        site = data.get("site")
        if site is None and not self.network:
            site = self.fields["site"].queryset.first()
        return by_slug.get(data.get("period"), self.quarters[0]), site

    def names_another_site(self):
        """True when ?site= names a site outside the reader's: answered 404, like an
        unknown one."""
        return bool(self.data.get("site")) and "site" in (self.errors if self.is_bound else {})
