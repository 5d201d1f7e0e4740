"""Published tables: the raw figures of `figures.queries` with suppression applied. What a
page, a CSV export and the printed report show comes from here and only from here."""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from figures import queries
from figures.suppression import (
    NETWORK,
    SHOWN,
    TOTAL,
    Cell,
    column_parts,
    enough_for_statistic,
    grid_parts,
    grid_values,
    protect_across,
    protect_column,
    share,
)
from peers.models import Profession
from peers.models import Status as PeerStatus
from support_requests.models import HeadcountBand, Invitation, Outcome, Situation


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list = field(default_factory=list)  # (label, [cell, ...])
    total: tuple | None = None
    note: str = ""

    @property
    def body_and_total(self):
        return [*self.rows, self.total] if self.total else self.rows

    def in_plain_text(self):
        """The table with its title, headers, labels and note as plain strings of the
        active language: lazy translations (the choices' labels) resolved once, for a cache
        keyed by language, where each would otherwise be rebuilt on every read."""
        return replace(
            self,
            title=str(self.title),
            headers=[str(header) for header in self.headers],
            rows=[(str(label), cells) for label, cells in self.rows],
            total=(str(self.total[0]), self.total[1]) if self.total else None,
            note=str(self.note),
        )


def threshold():
    return settings.FIGURES_MIN_COUNT


def month_label(month):
    return date_format(month, "F Y")


@dataclass(frozen=True)
class Quantity:
    """A measured figure: `text` for the page, `number` and `unit` for a CSV (None when
    the figure is not shown)."""

    number: float | None
    unit: str
    text: str

    def __str__(self):
        return self.text


def minutes_text(minutes, count):
    """A delay, or why it is not shown."""
    if not enough_for_statistic(count, threshold()) or minutes is None:
        text = _("not shown (fewer than %(count)s values)") % {"count": threshold()}
        return Quantity(None, _("minutes"), text)
    minutes = round(minutes)
    if minutes < 120:
        text = ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    else:
        text = _("%(hours)s hours") % {"hours": number_format(minutes / 60, 1)}
    return Quantity(minutes, _("minutes"), text)


def share_text(part, whole, limit=None):
    value = share(part, whole, limit or threshold())
    if value is None:
        return Quantity(None, "%", _("not shown"))
    return Quantity(round(value * 100), "%", f"{number_format(value * 100, 0)} %")


EXACT = 1  # a threshold of 1 suppresses nothing: 0 < count < 1 never holds


def column_table(slug, title, header, labelled_counts, note="", limit=None):
    """One column of counts and its total, suppressed below `limit` (the threshold unless
    given)."""
    limit = limit or threshold()
    cells, total = protect_column([count for _label, count in labelled_counts], limit)
    return Table(
        slug=slug,
        title=title,
        headers=[header, _("Count")],
        rows=[
            (label, [cell]) for (label, _count), cell in zip(labelled_counts, cells, strict=True)
        ],
        total=(_("Total"), [total]),
        note=note,
    )


def situation_label(value):
    return Situation(value).label if value else _("Not said")


def activity_table(cells, period):
    columns = range(len(queries.SITUATIONS))
    return Table(
        slug="activity",
        title=_("Requests per month and kind of situation"),
        headers=[_("Month"), *map(situation_label, queries.SITUATIONS), _("Total")],
        rows=[
            (month_label(month), [cells[(row, col)] for col in [*columns, TOTAL]])
            for row, month in enumerate(period.months)
        ],
        total=(_("Total"), [cells[(TOTAL, col)] for col in [*columns, TOTAL]]),
    )


def kinds_table(figures):
    return column_table(
        "kinds",
        _("Who the requests asked for"),
        _("Request for"),
        [
            (_("A peer chosen in the directory"), figures["named_peer"]),
            (_("Any available peer"), figures["any_peer"]),
            (_("Not known any more (data erased)"), figures["kind_unknown"]),
        ],
    )


def responsiveness_table(figures):
    total = figures["total"]
    dispatch_cells, _total = protect_column(
        [figures["to_dispatch"], total - figures["to_dispatch"]], threshold()
    )
    lapsed, _total = protect_column([figures["lapsed_offers"]], threshold())
    hours = settings.REQUEST_CONTACT_PROMISE_HOURS
    rows = [
        (
            _("Handled without the dispatch queue"),
            [share_text(total - figures["to_dispatch"], total)],
        ),
        (_("Reached the coordinators' dispatch queue"), [dispatch_cells[0]]),
        (
            _("Time to acceptance, median"),
            [minutes_text(figures["accept_median"], figures["accept_count"])],
        ),
        (
            _("Time to acceptance, 90th percentile"),
            [minutes_text(figures["accept_p90"], figures["accept_count"])],
        ),
        (
            _("Time to first contact, median"),
            [minutes_text(figures["contact_median"], figures["contact_count"])],
        ),
        (
            _("Time to first contact, 90th percentile"),
            [minutes_text(figures["contact_p90"], figures["contact_count"])],
        ),
        (
            _("First contact within the promised %(hours)s hours (of requests contacted)")
            % {"hours": hours},
            [share_text(figures["within_promise"], figures["contact_count"])],
        ),
        (_("Offers that lapsed without an answer"), [lapsed[0]]),
    ]
    return Table(
        slug="responsiveness",
        title=_("Responsiveness against the promise"),
        headers=[_("Figure"), _("Value")],
        rows=rows,
        note=_("Lapsed offers are counted for requests not yet purged: the purge erases offers."),
    )


def outcomes_table(figures):
    labelled = [(Outcome(value).label, figures[f"outcome_{value}"]) for value in Outcome.values]
    labelled.append((_("Still open, or no outcome recorded"), figures["outcome_none"]))
    return column_table("outcomes", _("How the requests ended"), _("Outcome"), labelled)


def support_table(figures):
    total = figures["total"]
    escalated, _total = protect_column(
        [figures["escalated"], total - figures["escalated"]], threshold()
    )
    answers, _total = protect_column(
        [figures["follow_up_yes"], figures["follow_up_no"]], threshold()
    )
    meetings = (
        Quantity(
            round(figures["meetings"] / total, 1), "", number_format(figures["meetings"] / total, 1)
        )
        if enough_for_statistic(total, threshold())
        else Quantity(None, "", _("not shown"))
    )
    return Table(
        slug="support",
        title=_("Meetings, escalations and follow-ups"),
        headers=[_("Figure"), _("Value")],
        rows=[
            (_("Meetings per request (mean)"), [meetings]),
            (_("Imminent-danger escalations"), [escalated[0]]),
            (_("Follow-ups answered “yes, another conversation”"), [answers[0]]),
            (_("Follow-ups answered “no, thank you”"), [answers[1]]),
        ],
        note=_("Follow-up answers are counted for requests not yet purged."),
    )


# Who reads the peer pool exactly. Coordinators keep the registry, which names every peer:
# suppressing its counts for them would hide nothing. The board reads the published
# directory exactly (every staff member sees it by name); the other statuses, the readiness
# and load of the active peers stay suppressed for the board. Request figures are
# suppressed for everyone.
COORDINATORS, BOARD = "coordinators", "board"
DIRECTORY_TABLES = {"professions", "departments", "sites"}
POOL_TABLES = {"statuses", "load", "readiness", *DIRECTORY_TABLES}
EXACT_POOL_TABLES = {COORDINATORS: POOL_TABLES, BOARD: DIRECTORY_TABLES}


def pool_tables(pool, exact=frozenset()):
    """The peer pool; the tables named in `exact` are not suppressed."""

    def limit(slug):
        return EXACT if slug in exact else threshold()

    statuses = column_table(
        "statuses",
        _("Peer supporters by status"),
        _("Status"),
        [(status.label, pool["statuses"].get(status.value, 0)) for status in PeerStatus],
        limit=limit("statuses"),
    )
    professions = column_table(
        "professions",
        _("Peers in the directory by profession"),
        _("Profession"),
        [
            (profession.label, pool["by_profession"].get(profession.value, 0))
            for profession in Profession
        ],
        limit=limit("professions"),
    )
    departments = column_table(
        "departments",
        _("Peers in the directory by department"),
        _("Department"),
        sorted(pool["by_department"].items()),
        limit=limit("departments"),
    )
    sites = column_table(
        "sites",
        _("Peers in the directory by site"),
        _("Site"),
        sorted(pool["by_site"].items()),
        limit=limit("sites"),
    )
    load = pool["load"]
    heavy = sum(count for open_requests, count in load.items() if open_requests >= 3)
    loads = column_table(
        "load",
        _("Active peers by number of requests in hand"),
        _("Requests in hand"),
        [
            ("0", load.get(0, 0)),
            ("1", load.get(1, 0)),
            ("2", load.get(2, 0)),
            (_("3 or more"), heavy),
        ],
        limit=limit("load"),
    )
    return [statuses, professions, departments, sites, loads]


def readiness_table(pool, exact=frozenset()):
    limit = EXACT if "readiness" in exact else threshold()
    readiness = pool["readiness"]
    active = readiness["active"]
    rows = []
    for key, label in [
        ("trained", _("Initial training completed")),
        ("charter", _("Current commitments charter signed")),
        ("supervised", _("Group supervision attended recently")),
        ("community", _("Community meeting attended in the period")),
    ]:
        cells, _total = protect_column([readiness[key], active - readiness[key]], limit)
        rows.append((label, [cells[0], share_text(readiness[key], active, limit)]))
    nominations, _total = protect_column([pool["nominations"]], limit)
    rows.append((_("Nominations waiting for the coordinators"), [nominations[0], ""]))
    return Table(
        slug="readiness",
        title=_("Training, charter and support of the active peers"),
        headers=[_("Figure"), _("Active peers"), _("Share")],
        rows=rows,
    )


def trend_table(trend, column):
    """`trend`: the network's months (with medians) or, for a site, months without them;
    `column`: the published cells {index: Cell, TOTAL: Cell} of the requests per month."""
    cells, total = [column[index] for index in range(len(trend))], column[TOTAL]
    return Table(
        slug="trend",
        title=_("Trend over the last twelve months"),
        headers=[_("Month"), _("Requests"), _("Time to first contact, median")],
        rows=[
            (
                month_label(row["month"]),
                [cell, minutes_text(row["contact_median"], row["contact_count"])],
            )
            for row, cell in zip(trend, cells, strict=True)
        ],
        total=(_("Total"), [total, ""]),
    )


def uptake_text(invited, taken_up):
    """How many took up an invitation: shown only when those who did and those who did not
    are each at least the threshold. Fewer, or none ("0 of 7"), would tell each invitee's
    answer to whoever knows who was invited."""
    if taken_up < threshold() or invited - taken_up < threshold():
        return _("not shown")
    return str(taken_up)


def reaching_in_table(figures):
    """Invitations and their uptake, then team sessions per headcount band."""
    sources = Invitation.Source.values
    invited, _total = protect_column(
        [figures[f"{source}_invited"] for source in sources], threshold()
    )
    rows = [
        (
            Invitation.Source(source).label,
            [
                cell,
                uptake_text(figures[f"{source}_invited"], figures[f"{source}_taken_up"]),
            ],
        )
        for source, cell in zip(sources, invited, strict=True)
    ]
    sessions, session_total = protect_column(list(figures["team_sessions"].values()), threshold())
    rows += [
        (_("Team sessions held: %(band)s") % {"band": HeadcountBand(band).label}, [cell, ""])
        for band, cell in zip(figures["team_sessions"], sessions, strict=True)
    ]
    rows.append((_("Team sessions held, all sizes"), [session_total, ""]))
    return Table(
        slug="reaching",
        title=_("Reaching in: invitations and team sessions"),
        headers=[_("Figure"), _("Count"), _("Took up the offer")],
        rows=rows,
        note=_(
            "Invitations are counted in the month they were sent. Uptake is shown only when at "
            "least %(count)s colleagues took it up and at least %(count)s did not."
        )
        % {"count": threshold()},
    )


def across_sites(period, trend_period, exact=frozenset()):
    """The tables published per site, protected together with the network's (see
    suppression.protect_across): {slug: {site id, None or NETWORK: cells}}. The tables
    named in `exact` (EXACT_POOL_TABLES) are not suppressed."""
    breakdowns = queries.site_breakdowns(period, trend_period)
    situations = len(queries.SITUATIONS)
    shapes = {
        "activity": grid_parts(breakdowns["activity"], len(period.months), situations),
        "trend": column_parts(breakdowns["trend"], len(trend_period.months)),
        "statuses": column_parts(breakdowns["statuses"], len(PeerStatus.values)),
    }
    empty = {
        "activity": grid_values([[0] * situations for _month in period.months]),
        "trend": {**dict.fromkeys(range(len(trend_period.months)), 0), TOTAL: 0},
        "statuses": {**dict.fromkeys(range(len(PeerStatus.values)), 0), TOTAL: 0},
    }
    published = {}
    for slug, (parts, lines) in shapes.items():
        limit = EXACT if slug in exact else threshold()
        cells = protect_across(parts or {None: empty[slug]}, lines, limit)
        zeros = {key: Cell(SHOWN, 0, threshold()) for key in empty[slug]}
        # A site without rows shows zeros: zero singles out nobody.
        published[slug] = defaultdict(lambda zeros=zeros: zeros, cells)
    return published


def statuses_table(cells):
    return Table(
        slug="statuses",
        title=_("Peer supporters by status"),
        headers=[_("Status"), _("Count")],
        rows=[(status.label, [cells[index]]) for index, status in enumerate(PeerStatus)],
        total=(_("Total"), [cells[TOTAL]]),
    )


def dashboard_tables(period, site, trend_period, reader=BOARD):
    """Every published table, in the order of the page, keyed by slug: the network's when
    `site` is None, else the tables published per site for that site. `reader`
    (COORDINATORS or BOARD) decides which peer-pool tables are exact (EXACT_POOL_TABLES)."""
    exact = EXACT_POOL_TABLES[reader]
    across = across_sites(period, trend_period, exact)
    part = site.pk if site else NETWORK
    if site:
        # Per site: the counts protected across sites, and nothing else (a table
        # published for the network only cannot be set against the sites').
        trend = [{"month": month, "contact_median": None, "contact_count": 0}
                 for month in trend_period.months]  # fmt: skip
        tables = [
            activity_table(across["activity"][part], period),
            statuses_table(across["statuses"][part]),
            trend_table(trend, across["trend"][part]),
        ]
        return {table.slug: table for table in tables}
    figures = queries.request_figures(period)
    pool = queries.pool_figures(period)
    # The directory by site comes from the pool (exact for every reader: the directory is
    # open to all staff); statuses are the cells protected across sites.
    _statuses, professions, departments, sites, loads = pool_tables(pool, exact)
    tables = [
        activity_table(across["activity"][part], period),
        kinds_table(figures),
        responsiveness_table(figures),
        outcomes_table(figures),
        support_table(figures),
        professions,
        departments,
        sites,
        statuses_table(across["statuses"][part]),
        readiness_table(pool, exact),
        loads,
        trend_table(queries.trend_figures(trend_period), across["trend"][part]),
        reaching_in_table(queries.reaching_in_figures(period)),
    ]
    return {table.slug: table for table in tables}


def csv_value(cell):
    """A count or a measure as a number; a suppressed or unshown one as its text."""
    if isinstance(cell, Cell) and cell.shown:
        return cell.value
    if isinstance(cell, Quantity) and cell.number is not None:
        return cell.number
    return str(cell)


def with_unit(title, units):
    return f"{title} ({units.pop()})" if len(units) == 1 and "" not in units else str(title)


def csv_rows(table):
    """The table for a spreadsheet: (header, rows) of numbers and texts. A measure's unit
    goes into its column's header when the whole column shares it, or else into the row's
    label ("Time to acceptance, median (minutes)")."""
    lines = table.body_and_total
    column_units = [
        {cell.unit for _label, cells in lines if isinstance(cell := cells[index], Quantity)}
        for index in range(len(table.headers) - 1)
    ]
    header = [str(table.headers[0])] + [
        with_unit(title, set(units))
        for title, units in zip(table.headers[1:], column_units, strict=True)
    ]
    rows = []
    for label, cells in lines:
        row_units = {cell.unit for cell in cells if isinstance(cell, Quantity)}
        in_header = all(len(units) == 1 for units in column_units if units)
        label = str(label) if in_header else with_unit(label, row_units)
        rows.append([label, *map(csv_value, cells)])
    return header, rows
