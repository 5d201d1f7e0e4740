"""Raw evaluation figures, nothing suppressed yet (`figures.annual` publishes them).

Only complete months are counted: a page that moved by one right after a known colleague
answered would tell what they answered."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from evaluation.models import (
    PROFESSION,
    SITE,
    AwarenessPulse,
    BurdenAnswer,
    FeedbackCount,
    NeedsSupport,
    StaffCount,
)
from peers.models import PeerSupporter, Status


def complete_months(period, today=None):
    """(start, end) of `period` cut at the first of the current month."""
    current = (today or timezone.localdate()).replace(day=1)
    return period.start, min(period.end, current)


def feedback_counts(period, today=None):
    """{question: {choice: count}} of the questionnaires of `period`, `answered` included."""
    start, end = complete_months(period, today)
    rows = (
        FeedbackCount.objects.filter(month__gte=start, month__lt=end)
        .values("question", "choice")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["question"], {})[row["choice"]] = row["total"]
    return counts


def burden_figures(period, today=None):
    """The burden answers of `period`: per item and choice, how many answers and how many
    distinct peers gave them."""
    start, end = complete_months(period, today)
    answers = BurdenAnswer.objects.filter(month__gte=start, month__lt=end)
    figures = answers.aggregate(answers=Count("pk"), peers=Count("peer", distinct=True))
    for field in ("heaviness", "needs_support"):
        figures[field] = dict(
            answers.exclude(**{field: ""}).values_list(field).annotate(count=Count("pk")).order_by()
        )
    return figures


def my_burden_trend(peer, months):
    """Per month of `months` (firsts of month): this peer's answers, the mean heaviness and
    how often they said they needed support. For the peer alone."""
    rows = {
        row["month"]: row
        for row in BurdenAnswer.objects.filter(peer=peer, month__in=months)
        .values("month")
        .annotate(
            answers=Count("pk"),
            needs_support=Count("pk", filter=Q(needs_support=NeedsSupport.YES)),
        )
        .order_by()
    }
    heaviness = {}
    for month, value in (
        BurdenAnswer.objects.filter(peer=peer, month__in=months)
        .exclude(heaviness="")
        .values_list("month", "heaviness")
    ):
        heaviness.setdefault(month, []).append(int(value))
    trend = []
    for month in months:
        values = heaviness.get(month, [])
        row = rows.get(month, {"answers": 0, "needs_support": 0})
        mean = sum(values) / len(values) if values else None
        trend.append({"month": month, **row, "heaviness": mean})
    return trend


def pulse_counts(pulse):
    """{dimension: {group: {question: {choice: count}}}}, `answered` included."""
    counts = {SITE: {}, PROFESSION: {}}
    for row in pulse.counts.values("dimension", "group", "question", "choice", "count"):
        by_group = counts.setdefault(row["dimension"], {}).setdefault(row["group"], {})
        by_group.setdefault(row["question"], {})[row["choice"]] = row["count"]
    return counts


def pulse_totals(pulse):
    """{question: {choice: count}} over the whole pulse (the site counters hold everyone)."""
    totals = {}
    for by_question in pulse_counts(pulse)[SITE].values():
        for question, choices in by_question.items():
            for choice, count in choices.items():
                totals.setdefault(question, {})
                totals[question][choice] = totals[question].get(choice, 0) + count
    return totals


def last_closed_pulse(period, today=None):
    """The last pulse of `period` that is closed: results of an open one are never shown."""
    today = today or timezone.localdate()
    pulses = AwarenessPulse.objects.filter(
        closes_on__gte=period.start, closes_on__lt=min(period.end, today)
    )
    return pulses.order_by("-closes_on", "-pk").first()


def staff_and_peers():
    """[(department, headcount, active peers)] for the departments with a headcount."""
    counts = StaffCount.objects.select_related("department").filter(headcount__gt=0)
    peers = dict(
        PeerSupporter.objects.filter(status=Status.ACTIVE)
        .values_list("department")
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = [(row.department, row.headcount, peers.get(row.department_id, 0)) for row in counts]
    return sorted(rows, key=lambda row: str(row[0].name).casefold())
