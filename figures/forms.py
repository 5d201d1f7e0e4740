from django import forms
from django.utils.translation import gettext_lazy as _

from figures.periods import recent_quarters


class FiguresFilterForm(forms.Form):
    """The period (a quarter, the current one by default) and the site of the peer pool."""

    period = forms.ChoiceField(label=_("Quarter"), required=False)
    site = forms.ChoiceField(label=_("Site of the peer pool"), required=False)

    def __init__(self, data, *, sites, today=None):
        super().__init__(data)
        self.quarters = recent_quarters(today)
        self.fields["period"].choices = [(quarter.slug, quarter.label) for quarter in self.quarters]
        self.fields["site"].choices = [("", _("All sites")), *[(site, site) for site in sites]]

    def chosen(self):
        """(period, site): the defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        by_slug = {quarter.slug: quarter for quarter in self.quarters}
        return by_slug.get(data.get("period"), self.quarters[0]), data.get("site", "")
