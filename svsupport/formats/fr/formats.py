"""French dates of the whole app: 25/11/2026 09:54. One format, long and short alike, so
that a page never mixes two. Input formats stay Django's (the forms use ISO date inputs)."""

DATE_FORMAT = SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
