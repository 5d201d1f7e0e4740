"""Form helpers shared by the apps."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from svsupport.lib.text import has_control_characters


class CleanTextMixin:
    """The one text-cleaning rule of every form: control characters (NUL first of all) in a
    text field are a field error, never a database error, a 500 or a stored invisible
    character; CR LF line ends (what browsers send) are stored as LF, so an untouched text
    stays equal to what was saved."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            if has_control_characters(value):
                self.add_error(name, _("This text holds control characters that cannot be saved."))
            else:
                cleaned[name] = value.replace("\r\n", "\n")
        return cleaned


def past_or_today(value, message=None):
    """Raises a field error when a date meant to be in the past lies in the future."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(message or _("This date is in the future."))
    return value


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def within_sensible_years(value):
    """Refuses a date or moment outside 1900-2100: such a date is a typing mistake, and
    year 1 or 9999 overflows once moved to another time zone (a 500 in the audit log)."""
    if value and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise forms.ValidationError(
            _("Give a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="year_out_of_range",
        )


class DateField(forms.DateField):
    """The date field of every form of the project (a test checks it): years 1900-2100."""

    default_validators = [within_sensible_years]


class DateTimeField(forms.DateTimeField):
    """The date-and-time field of every form of the project: years 1900-2100."""

    default_validators = [within_sensible_years]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LongSelect(forms.Select):
    """A <select> for long flat lists (hundreds of departments), written in one pass.
    Django's own Select renders every <option> through a template and builds a dict for
    each: the directory's filter spent more time drawing its department list than reading
    its peers. Same markup, without option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(chosen) for chosen in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Safe: every value and label above is escaped, the attributes by flatatt.
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308
