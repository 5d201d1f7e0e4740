"""Raw programme figures, aggregated in the database. Nothing here is suppressed yet:
`figures.tables` turns these numbers into published tables.

Every function runs a fixed number of queries whatever the number of rows. Purged requests
count: their delays come from the de-identified fields kept at purge time, the others' from
their timestamps, through one Coalesce expression that serves both.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from organisation.models import Department, Site
from peers.models import Attendance, Nomination, PeerSupporter, Status, SupportSession
from support_requests.models import (
    FollowUp,
    HeadcountBand,
    Invitation,
    InvitationTally,
    Meeting,
    Offer,
    Outcome,
    Situation,
    SupportRequest,
    TeamSession,
)
from support_requests.models import Status as RequestStatus


class MinutesBetween(Func):
    """Whole minutes from `start` to `end`, as support_requests.services.minutes_between."""

    output_field = IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 60) AS integer)",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST((julianday(%(expressions)s)) * 1440 AS integer)",
            arg_joiner=") - julianday(",
            **extra,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile (linear interpolation between the two nearest
    values). The fraction is a constant of ours, never user input."""

    function = "percentile_cont"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile_cont(values, fraction):
    """The same interpolation as PostgreSQL's percentile_cont, for SQLite (`make run`)."""
    values = sorted(values)
    if not values:
        return None
    position = fraction * (len(values) - 1)
    below = int(position)
    above = min(below + 1, len(values) - 1)
    return values[below] + (values[above] - values[below]) * (position - below)


def accept_minutes():
    return Coalesce(F("minutes_to_accept"), MinutesBetween(F("accepted_at"), F("created_at")))


def contact_minutes():
    return Coalesce(
        F("minutes_to_first_contact"), MinutesBetween(F("first_contact_at"), F("created_at"))
    )


def requests_in(period):
    start, end = period.bounds()
    # created_at is indexed, and a purged request keeps the first of its month there.
    return SupportRequest.objects.filter(created_at__gte=start, created_at__lt=end)


def uses_postgresql():
    return connection.vendor == "postgresql"


DELAYS = {"accept": accept_minutes, "contact": contact_minutes}


def delay_aggregates():
    """count, median and 90th percentile of each delay; PostgreSQL only."""
    aggregates = {}
    for name, expression in DELAYS.items():
        aggregates[f"{name}_count"] = Count(expression())
        if uses_postgresql():
            aggregates[f"{name}_median"] = PercentileCont(expression(), 0.5)
            aggregates[f"{name}_p90"] = PercentileCont(expression(), 0.9)
    return aggregates


def add_sqlite_percentiles(figures, queryset):
    """SQLite has no percentile aggregate: read the period's delays (a quarter holds tens
    to hundreds of requests) and interpolate here. PostgreSQL never takes this path."""
    if uses_postgresql():
        return
    rows = list(queryset.values_list(*[f"{name}_minutes" for name in DELAYS]))
    for index, name in enumerate(DELAYS):
        values = [row[index] for row in rows if row[index] is not None]
        figures[f"{name}_median"] = percentile_cont(values, 0.5)
        figures[f"{name}_p90"] = percentile_cont(values, 0.9)


def request_figures(period):
    """Activity, responsiveness and outcomes of the requests made in `period`."""
    promise = settings.REQUEST_CONTACT_PROMISE_HOURS * 60
    purged = Q(purged_at__isnull=False)
    queryset = requests_in(period).annotate(
        accept_minutes=accept_minutes(), contact_minutes=contact_minutes()
    )
    outcome_counts = {
        f"outcome_{outcome}": Count("pk", filter=Q(close_outcome=outcome))
        for outcome in Outcome.values
    }
    figures = queryset.aggregate(
        total=Count("pk"),
        named_peer=Count("pk", filter=Q(chosen_peer__isnull=False) & ~purged),
        any_peer=Count("pk", filter=Q(chosen_peer__isnull=True) & ~purged),
        kind_unknown=Count("pk", filter=purged),
        to_dispatch=Count("pk", filter=Q(went_to_dispatch=True)),
        escalated=Count("pk", filter=Q(escalated=True)),
        within_promise=Count("pk", filter=Q(contact_minutes__lte=promise)),
        purged_meetings=Coalesce(Sum("meetings_count", filter=purged), Value(0)),
        **outcome_counts,
        **delay_aggregates(),
    )
    add_sqlite_percentiles(figures, queryset)
    figures["outcome_none"] = figures["total"] - sum(figures[key] for key in outcome_counts)
    # The purge deletes meetings, offers and follow-ups; what is left is counted here.
    live = requests_in(period).filter(purged_at__isnull=True)
    figures["live_meetings"] = Meeting.objects.filter(support_request__in=live).count()
    figures["meetings"] = figures["purged_meetings"] + figures["live_meetings"]
    figures["lapsed_offers"] = Offer.objects.filter(
        support_request__in=live, state=Offer.State.LAPSED
    ).count()
    answers = dict(
        FollowUp.objects.filter(support_request__in=live)
        .exclude(answer="")
        .values_list("answer")
        .annotate(count=Count("pk"))
    )
    figures["follow_up_yes"] = answers.get(FollowUp.Answer.YES, 0)
    figures["follow_up_no"] = answers.get(FollowUp.Answer.NO, 0)
    figures["by_month_situation"] = month_situation_grid(period)
    return figures


SITUATIONS = [*Situation.values, ""]


def month_situation_grid(period):
    """Requests per month (rows) and kind of situation (columns, "" = not said)."""
    counts = {
        (row["month"], row["situation"]): row["count"]
        for row in requests_in(period)
        .values("month", "situation")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return [
        [counts.get((month, situation), 0) for situation in SITUATIONS] for month in period.months
    ]


def trend_figures(period):
    """Per month of `period` (the last twelve months): requests, and the count and median
    of the delays to first contact."""
    per_month = (
        requests_in(period)
        .annotate(contact_minutes=contact_minutes())
        .values("month")
        .annotate(requests=Count("pk"), contact_count=Count("contact_minutes"))
        .order_by()
    )
    if uses_postgresql():
        per_month = per_month.annotate(contact_median=PercentileCont("contact_minutes", 0.5))
    rows = {row["month"]: row for row in per_month}
    if not uses_postgresql():
        delays = {}
        for month, minutes in (
            requests_in(period)
            .annotate(contact_minutes=contact_minutes())
            .filter(contact_minutes__isnull=False)
            .values_list("month", "contact_minutes")
        ):
            delays.setdefault(month, []).append(minutes)
        for month, row in rows.items():
            row["contact_median"] = percentile_cont(delays.get(month, []), 0.5)
    empty = {"requests": 0, "contact_count": 0, "contact_median": None}
    return [{"month": month, **rows.get(month, empty)} for month in period.months]


# The peer pool ---------------------------------------------------------------------------


def unit_names(model, ids):
    """id -> name of the records `ids`, in the active language; "—" for none."""
    names = {unit.pk: unit.name for unit in model.objects.filter(pk__in=[i for i in ids if i])}
    return lambda pk: names.get(pk, "—")


def peers_at(site):
    peers = PeerSupporter.objects.all()
    return peers.filter(site=site) if site else peers


def attended(kind, since, until=None):
    sessions = Attendance.objects.filter(
        peer=OuterRef("pk"), session__kind=kind, session__held_on__gte=since
    )
    if until:
        sessions = sessions.filter(session__held_on__lt=until)
    return Exists(sessions)


def readiness_figures(active, period, supervision_since):
    """How many of the `active` peers there are, and how many of them are trained, signed
    the current charter, attended a supervision since `supervision_since` and a community
    meeting in `period`: one count per condition, filtered on it, all in one query (UNION
    ALL). Filtered on, an EXISTS is a semi-join the database runs once for all peers;
    counted side by side in one aggregate, each would run for every peer, one by one."""
    ready = active.with_readiness().annotate(
        at_community=attended(SupportSession.Kind.COMMUNITY, period.start, period.end),
        recently_supervised=attended(SupportSession.Kind.SUPERVISION, supervision_since),
    )
    conditions = {
        "trained": "has_initial_training",
        "charter": "has_current_charter",
        "supervised": "recently_supervised",
        "community": "at_community",
    }
    counts = [
        count_named("active", active),
        *(count_named(name, ready.filter(**{field: True})) for name, field in conditions.items()),
    ]
    return dict(counts[0].union(*counts[1:], all=True))


def count_named(name, queryset):
    """(name, number of rows of `queryset`), as a one-row query to unite with others."""
    return (
        queryset.annotate(figure=Value(name, output_field=CharField()))
        .values("figure")
        .annotate(count=Count("pk"))
        .values_list("figure", "count")
        .order_by()
    )


def load_figures(active, active_count):
    """{number of requests in hand: number of active peers}, for the counts some peer has.
    One grouped query over the accepted requests (a few per peer at most), where a count
    per peer would run a subquery for each of the thousands of active peers."""
    in_hand = (
        SupportRequest.objects.filter(status=RequestStatus.ACCEPTED, assigned_peer__in=active)
        .values("assigned_peer")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("count", flat=True)
    )
    load = Counter(in_hand)
    if active_count > load.total():
        load[0] = active_count - load.total()
    return dict(load)


def pool_figures(period, site=None, today=None):
    """The peer pool at `site` (all sites when empty): statuses, the published peers (the
    directory) by profession, department and site, the active peers' readiness and load."""
    today = today or timezone.localdate()
    peers = peers_at(site)
    figures = {
        "statuses": dict(peers.values_list("status").annotate(count=Count("pk")).order_by()),
    }
    active = peers.filter(status=Status.ACTIVE)
    # Professions, departments and sites: the peers the directory lists (published).
    groups = list(
        peers.published()
        .values("profession", "department", "site")
        .annotate(count=Count("pk"))
        .order_by()
    )
    # Grouped by record, so that "Chirurgie" and "Surgery" (one record, one an alias) are one
    # line; shown by the record's name in the reader's language.
    names = {
        "profession": lambda value: value,
        "department": unit_names(Department, [group["department"] for group in groups]),
        "site": unit_names(Site, [group["site"] for group in groups]),
    }
    for field in ("profession", "department", "site"):
        totals = {}
        for group in groups:
            name = names[field](group[field])
            totals[name] = totals.get(name, 0) + group["count"]
        figures[f"by_{field}"] = totals
    supervision_since = today - timedelta(days=30 * settings.PEER_SUPERVISION_MONTHS)
    figures["readiness"] = readiness_figures(active, period, supervision_since)
    figures["load"] = load_figures(active, figures["readiness"]["active"])
    figures["nominations"] = Nomination.objects.filter(
        state=Nomination.State.AWAITING_COORDINATORS
    ).count()
    return figures


def reaching_in_figures(period):
    """Invitations sent in `period` (by the month they were sent) and how many were taken
    up, per source, from the anonymous monthly tally; team sessions held in `period`, per
    headcount band."""
    tallies = InvitationTally.objects.filter(month__gte=period.start, month__lt=period.end)
    figures = {}
    for source in Invitation.Source.values:
        sums = tallies.filter(source=source).aggregate(
            invited=Coalesce(Sum("invited"), Value(0)), taken_up=Coalesce(Sum("taken_up"), Value(0))
        )
        figures[f"{source}_invited"] = sums["invited"]
        figures[f"{source}_taken_up"] = sums["taken_up"]
    held = dict(
        TeamSession.objects.filter(
            state=TeamSession.State.ARRANGED, held_on__gte=period.start, held_on__lt=period.end
        )
        .values_list("headcount")
        .annotate(count=Count("pk"))
        .order_by()
    )
    figures["team_sessions"] = {band: held.get(band, 0) for band in HeadcountBand.values}
    return figures


def operational_figures(site=None, requests=None):
    """For coordinators only: what needs them now. Counts, never request contents.
    `requests`: the requests of the coordinator's scope (all by default)."""
    requests = SupportRequest.objects.all() if requests is None else requests
    return {
        "needing_attention": peers_at(site).needing_attention().count(),
        "dispatch_queue": requests.filter(status=RequestStatus.DISPATCH).count(),
    }


def sites():
    """The sites where peers work or requests come from: the choices of the site filter."""
    return (
        Site.objects.current()
        .filter(
            Q(pk__in=PeerSupporter.objects.values("site"))
            | Q(pk__in=SupportRequest.objects.values("site"))
        )
        .in_name_order()
    )


# Per site ---------------------------------------------------------------------------------


def site_breakdowns(period, trend_period):
    """The counts published per site, each site's in one query for all sites: requests per
    month and situation in `period`, requests per month in `trend_period`, peers per
    status. {name: {site id or None: ...}}; only sites with rows appear."""
    grids = {}
    for row in (
        requests_in(period)
        .values("site", "month", "situation")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        grid = grids.setdefault(row["site"], {})
        grid[(row["month"], row["situation"])] = row["count"]
    trends = {}
    for row in (
        requests_in(trend_period).values("site", "month").annotate(count=Count("pk")).order_by()
    ):
        trends.setdefault(row["site"], {})[row["month"]] = row["count"]
    statuses = {}
    for row in (
        PeerSupporter.objects.values("site", "status").annotate(count=Count("pk")).order_by()
    ):
        statuses.setdefault(row["site"], {})[row["status"]] = row["count"]
    return {
        "activity": {
            site: [[counts.get((month, s), 0) for s in SITUATIONS] for month in period.months]
            for site, counts in grids.items()
        },
        "trend": {
            site: [counts.get(month, 0) for month in trend_period.months]
            for site, counts in trends.items()
        },
        "statuses": {
            site: [counts.get(status, 0) for status in Status.values]
            for site, counts in statuses.items()
        },
    }
