"""Demo evaluation data, loaded by `seed_demo`: a year of anonymous feedback counts, a closed
awareness survey and headcounts for a few departments. Idempotent: nothing is added once
feedback counts exist. The peers' burden is left to the peers (two demo peers would be
withheld anyway: fewer than FIGURES_MIN_COUNT)."""

from datetime import timedelta

from django.utils import timezone

from evaluation.models import (
    ANSWERED,
    PROFESSION,
    SITE,
    AwarenessPulse,
    FeedbackCount,
    PulseCount,
    StaffCount,
)
from figures.periods import add_months
from organisation.models import Department, Site

# (listened, helped, recommend, more_help) of the demo's answers, repeated month by month.
FEEDBACK = [
    ("5", "5", "5", "nothing"),
    ("4", "4", "5", "sooner"),
    ("5", "4", "4", "more_time"),
    ("4", "3", "4", "next_steps"),
    ("5", "5", "5", "nothing"),
    ("3", "2", "3", "other_peer"),
]
PULSE = {
    "knows": ["yes"] * 14 + ["vaguely"] * 9 + ["no"] * 7,
    "would_use": ["yes"] * 12 + ["maybe"] * 13 + ["no"] * 5,
    "holds_back": ["nothing"] * 10 + ["time"] * 8 + ["confidentiality"] * 7 + ["stigma"] * 5,
}
HEADCOUNTS = {"oncology": 180, "pharmacy": 45, "surgery": 240, "intensive-care": 90}


def seed(today=None):
    if FeedbackCount.objects.exists():
        return 0
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    for back in range(1, 13):
        month = add_months(this_month, -back)
        answers = FEEDBACK[: 2 + back % 5]
        count(FeedbackCount, {"month": month, "question": ANSWERED, "choice": "yes"}, len(answers))
        for answer in answers:
            for question, choice in zip(["listened", "helped", "recommend", "more_help"], answer,
                                        strict=True):  # fmt: skip
                count(FeedbackCount, {"month": month, "question": question, "choice": choice})
    pulse = AwarenessPulse.objects.create(
        opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=26)
    )
    sites = list(Site.objects.current().values_list("code", flat=True)) or [""]
    professions = ["nurse", "physician", "nursing_assistant", "administrative", ""]
    for index in range(30):
        for dimension, group in [(SITE, sites[index % len(sites)]),
                                 (PROFESSION, professions[index % len(professions)])]:  # fmt: skip
            keys = {"pulse": pulse, "dimension": dimension, "group": group}
            count(PulseCount, {**keys, "question": ANSWERED, "choice": "yes"})
            for question, choices in PULSE.items():
                if index < len(choices):
                    count(PulseCount, {**keys, "question": question, "choice": choices[index]})
    for department in Department.objects.filter(code__in=HEADCOUNTS):
        StaffCount.objects.get_or_create(
            department=department, defaults={"headcount": HEADCOUNTS[department.code]}
        )
    return 1


def count(model, keys, by=1):
    row, _created = model.objects.get_or_create(**keys)
    row.count += by
    row.save(update_fields=["count"])
