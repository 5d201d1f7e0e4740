"""The annual report: the programme's indicators for a calendar year beside the year before,
and the published tables of the evaluation (feedback, peers' burden, awareness). Raw counts
come from `figures.queries` and `evaluation.queries`; every count goes through
`figures.suppression` here, and the page, the print and the CSV exports show these tables
only."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from evaluation import queries as evaluation_queries
from evaluation.models import (
    ANSWERED,
    FEEDBACK_QUESTIONS,
    PROFESSION,
    PULSE_QUESTIONS,
    SITE,
    Heaviness,
    NeedsSupport,
)
from figures import charts, queries, tables
from figures.periods import Period
from figures.suppression import TOTAL, WITHHELD, Cell, protect_column, protect_grid
from figures.tables import Table, share_text, threshold
from organisation.models import Site
from peers.models import PeerSupporter, Profession, Status, SupportSession, TrainingRecord

FIRST_YEAR = 2000


def year_period(year):
    return Period(date(year, 1, 1), date(year + 1, 1, 1))


def chosen_year(value, today=None):
    """The year asked for (digits, 2000 to this year), else last year: the annual report is
    written once a year is over."""
    this_year = (today or timezone.localdate()).year
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == 4:
        year = int(value)
        if FIRST_YEAR <= year <= this_year:
            return year
    return this_year - 1


def column(counts, withheld=False):
    """A protected column of counts and its total; everything withheld when asked."""
    if withheld:
        cell = Cell(WITHHELD, None, threshold())
        return [cell] * len(counts), cell
    return protect_column(counts, threshold())


def side_by_side(slug, title, header, labels, columns, years, note=""):
    """One row per label, one protected column per year. `columns`: [(counts, withheld)]."""
    published = [column(counts, withheld) for counts, withheld in columns]
    rows = [(label, [cells[index] for cells, _total in published]) for index, label in
            enumerate(labels)]  # fmt: skip
    return Table(
        slug=slug,
        title=title,
        headers=[header, *map(str, years)],
        rows=rows,
        total=(_("Total"), [total for _cells, total in published]),
        note=note,
    )


def merged(slug, title, header, before, current, years):
    """Two tables of one year each, with the same rows, as one table of two columns."""
    rows = [
        (label, [*cells_before, *cells])
        for (label, cells_before), (_label, cells) in zip(before.rows, current.rows, strict=True)
    ]
    total = None
    if before.total and current.total:
        total = (before.total[0], [*before.total[1], *current.total[1]])
    return Table(slug, title, [header, *map(str, years)], rows, total, current.note)


def activity(figures_by_year, years):
    labels = [date_format(month, "F") for month in year_period(years[-1]).months]
    columns = [([sum(row) for row in figures["by_month_situation"]], False)
               for figures in figures_by_year]  # fmt: skip
    return side_by_side(
        "annual_activity", _("Requests per month"), _("Month"), labels, columns, years
    )


def feedback(counts_by_year, years):
    """One table per question; the first says how many questionnaires came back."""
    answered = side_by_side(
        "feedback_answered",
        _("Anonymous questionnaires answered"),
        _("Questionnaires"),
        [_("Answered after the end of their support")],
        [([counts.get(ANSWERED, {}).get("yes", 0)], False) for counts in counts_by_year],
        years,
    )
    answered.total = None
    return [answered, *question_tables("feedback", FEEDBACK_QUESTIONS, counts_by_year, years)]


def question_tables(prefix, questions, counts_by_year, years, note=""):
    """One side-by-side table per question: the count of each choice, per year.
    `counts_by_year`: [{question: {choice: count}}]."""
    return [
        side_by_side(
            f"{prefix}_{question}",
            str(wording),
            _("Response"),
            [choice.label for choice in choices],
            [
                ([counts.get(question, {}).get(choice.value, 0) for choice in choices], False)
                for counts in counts_by_year
            ],
            years,
            note,
        )
        for question, (wording, choices) in questions.items()
    ]


def burden(figures_by_year, years):
    """Peers' burden: withheld for a year in which fewer than `threshold` peers answered, so
    that no aggregate is one peer's answers (counts of answers alone would not protect a
    peer who answered many times)."""
    note = _("A year in which fewer than %(count)s peer supporters answered is not shown.") % {
        "count": threshold()
    }
    result = []
    for field, title, choices in [
        ("heaviness", _("How heavy the conversations were for the peers"), Heaviness),
        ("needs_support", _("Peers who said they need support themselves"), NeedsSupport),
    ]:
        columns = [
            ([figures[field].get(choice.value, 0) for choice in choices],
             figures["peers"] < threshold())
            for figures in figures_by_year
        ]  # fmt: skip
        result.append(
            side_by_side(
                f"burden_{field}",
                title,
                _("Response"),
                [choice.label for choice in choices],
                columns,
                years,
                note,
            )  # fmt: skip
        )
    return result


def coverage(years):
    """Training and supervision of today's active peers, by year: initial training, at least
    one group supervision and one community meeting attended in the year."""
    active = PeerSupporter.objects.filter(status=Status.ACTIVE)
    trained = Exists(
        TrainingRecord.objects.filter(
            peer=OuterRef("pk"), kind=TrainingRecord.Kind.INITIAL, completed=True
        )
    )
    # Each count filtered on its condition (a semi-join), united in one query: see
    # queries.readiness_figures.
    counts = [
        queries.count_named("active", active),
        queries.count_named("trained", active.filter(trained)),
    ]
    for year in years:
        period = year_period(year)
        for kind in (SupportSession.Kind.SUPERVISION, SupportSession.Kind.COMMUNITY):
            attended = queries.attended(kind, period.start, period.end)
            counts.append(queries.count_named(f"{kind}_{year}", active.filter(attended)))
    figures = dict(counts[0].union(*counts[1:], all=True))
    rows = []
    for label, key in [
        (_("Initial training completed"), "trained"),
        (_("Attended group supervision in the year"), SupportSession.Kind.SUPERVISION),
        (_("Attended a community meeting in the year"), SupportSession.Kind.COMMUNITY),
    ]:
        cells = []
        for year in years:
            part = figures[key] if key == "trained" else figures[f"{key}_{year}"]
            cells.append(share_text(part, figures["active"]))
        rows.append((label, cells))
    active_cell, _total = protect_column([figures["active"]], threshold())
    rows.insert(0, (_("Active peer supporters today"), [active_cell[0], active_cell[0]]))
    return Table(
        "coverage",
        _("Training and supervision coverage"),
        [_("Figure"), *map(str, years)],
        rows,
        note=_("Shares of the peers active today; a share is hidden when it would reveal a "
               "small count."),
    )  # fmt: skip


def per_hundred(peers_cell, headcount):
    if not peers_cell.shown or not headcount:
        return _("not shown")
    return number_format(peers_cell.value * 100 / headcount, 1)


def pool_per_staff():
    """Active peers per 100 staff, for the departments whose headcount is given."""
    rows = evaluation_queries.staff_and_peers()
    cells, total = protect_column([peers for _dept, _staff, peers in rows], threshold())
    staff_total = sum(staff for _dept, staff, _peers in rows)
    return Table(
        "pool_per_staff",
        _("Peer supporters per 100 staff"),
        [_("Department"), _("Staff"), _("Active peers"), _("Per 100 staff")],
        [
            (department.name, [staff, cell, per_hundred(cell, staff)])
            for (department, staff, _peers), cell in zip(rows, cells, strict=True)
        ],
        total=(_("Total"), [staff_total, total, per_hundred(total, staff_total)]) if rows else None,
        note=_("Departments whose headcount the coordinators gave; the peers active today."),
    )


def awareness(pulses, years):
    """The last closed awareness pulse of each year, question by question."""
    totals = [evaluation_queries.pulse_totals(pulse) if pulse else {} for pulse in pulses]
    note = _("The last awareness survey closed in each year.")
    return question_tables("awareness", PULSE_QUESTIONS, totals, years, note)


def annual_tables(year, today=None):
    """Every table of the annual report of `year`, with the year before, keyed by slug."""
    years = [year - 1, year]
    periods = [year_period(each) for each in years]
    figures = [queries.request_figures(period) for period in periods]
    responsiveness = [tables.responsiveness_table(each) for each in figures]
    outcomes = [tables.outcomes_table(each) for each in figures]
    published = [
        activity(figures, years),
        merged("annual_responsiveness", responsiveness[1].title, _("Figure"), *responsiveness,
               years),
        merged("annual_outcomes", outcomes[1].title, _("Outcome"), *outcomes, years),
        *feedback([evaluation_queries.feedback_counts(p, today) for p in periods], years),
        *burden([evaluation_queries.burden_figures(p, today) for p in periods], years),
        coverage(years),
        pool_per_staff(),
        *awareness([evaluation_queries.last_closed_pulse(p, today) for p in periods], years),
    ]  # fmt: skip
    return {table.slug: table for table in published}


def chart_of(table, column=-1):
    return charts.bar_chart([(label, cells[column]) for label, cells in table.rows])


# The awareness pulse, by site and by profession --------------------------------------------


def group_names(dimension, groups):
    if dimension == SITE:
        names = {unit.code: unit.name for unit in Site.objects.filter(code__in=groups)}
    else:
        names = dict(Profession.choices)
    return {group: names.get(group, group) if group else _("Not said") for group in groups}


def pulse_tables(pulse):
    """For a closed pulse: each question by site and by profession, as grids with totals."""
    counts = evaluation_queries.pulse_counts(pulse)
    result = []
    for dimension, header in [(SITE, _("Site")), (PROFESSION, _("Profession"))]:
        groups = sorted(counts.get(dimension, {}))
        names = group_names(dimension, groups)
        for question, (wording, choices) in PULSE_QUESTIONS.items():
            grid = [[counts[dimension][group].get(question, {}).get(choice.value, 0)
                     for choice in choices] for group in groups]  # fmt: skip
            if not grid:
                grid = [[0 for _choice in choices]]
                groups_shown = [_("Nobody")]
            else:
                groups_shown = [names[group] for group in groups]
            cells = protect_grid(grid, threshold())
            columns = [*range(len(choices)), TOTAL]
            result.append(
                Table(
                    slug=f"pulse_{dimension}_{question}",
                    title=f"{wording} ({header})",
                    headers=[header, *[choice.label for choice in choices], _("Total")],
                    rows=[
                        (name, [cells[(row, col)] for col in columns])
                        for row, name in enumerate(groups_shown)
                    ],  # fmt: skip
                    total=(_("Total"), [cells[(TOTAL, col)] for col in columns]),
                )
            )
    return result


def pulse_answers(pulse):
    """How many people answered, protected like any count."""
    total = evaluation_queries.pulse_totals(pulse).get(ANSWERED, {}).get("yes", 0)
    cells, _total = protect_column([total], threshold())
    return cells[0]


@dataclass(frozen=True)
class Mean:
    """A bar of a peer's own chart: a mean, in the reader's number format; no bar (and "–")
    for a month without an answer."""

    value: float | None
    # Never a suppressed count: charts draw a mean or nothing.
    state = None

    @property
    def shown(self):
        return self.value is not None

    def __str__(self):
        return number_format(self.value, 1) if self.shown else "–"


def burden_chart(trend):
    """A peer's own mean heaviness per month (their own answers: nothing to suppress)."""
    return charts.bar_chart([(date_format(row["month"], "M Y"), Mean(row["heaviness"]))
                             for row in trend])  # fmt: skip


def year_choices(today=None):
    """The years a report may be asked for, the last complete one first."""
    this_year = (today or timezone.localdate()).year
    return list(range(this_year, max(FIRST_YEAR, this_year - 10) - 1, -1))
