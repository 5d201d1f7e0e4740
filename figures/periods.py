"""The periods the figures are shown for: calendar quarters, the current one by default."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From `start` (a first of month) up to `end` (excluded, a first of month)."""

    start: date
    end: date

    @property
    def slug(self):
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def label(self):
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (self.start.month - 1) // 3 + 1,
            "year": self.start.year,
        }

    @property
    def months(self):
        months, month = [], self.start
        while month < self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    def bounds(self):
        """The period as aware datetimes in the site's time zone, end excluded."""
        return (
            timezone.make_aware(datetime.combine(self.start, time.min)),
            timezone.make_aware(datetime.combine(self.end, time.min)),
        )


def quarter_of(day):
    start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(start, add_months(start, 3))


def recent_quarters(today=None, count=8):
    """The current quarter first, then the `count - 1` before it."""
    current = quarter_of(today or timezone.localdate())
    return [quarter_of(add_months(current.start, -3 * back)) for back in range(count)]


def last_twelve_months(today=None):
    """The trend: the current month and the eleven before it."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    return Period(add_months(this_month, -11), add_months(this_month, 1))
