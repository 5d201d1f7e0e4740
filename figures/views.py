"""The programme figures: for coordinators and the board, all GET, suppressed figures
only; coordinators also get the counts that need them now, with links."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from figures import annual, charts, queries
from figures.cache import cached_annual, cached_operational, cached_tables
from figures.forms import FiguresFilterForm
from figures.periods import last_twelve_months
from figures.tables import BOARD, COORDINATORS, csv_rows, dashboard_tables
from organisation.models import Site
from support_requests.models import SupportRequest
from svsupport.lib.csv_export import csv_response
from svsupport.lib.roles import (
    ALL_SITES,
    COORDINATOR,
    figures_required,
    figures_scope,
    is_coordinator,
    scope_filter,
    site_scope,
)


def operational(user, site):
    """What needs a coordinator now, in their scope (and the chosen site)."""
    if not is_coordinator(user):
        return None
    requests = SupportRequest.objects.in_scope_of(user, COORDINATOR)
    return cached_operational(
        site_scope(user, COORDINATOR),
        site,
        lambda: queries.operational_figures(site, requests.filter(site=site) if site else requests),
    )


def chosen_figures(request):
    """The reader's scope decides the sites offered, before anything is computed; a site
    outside it is a 404, the same as an unknown one."""
    scope = figures_scope(request.user)
    network = scope is ALL_SITES
    # The network offers the sites with data; a site reader every site of theirs.
    sites = (
        queries.sites()
        if network
        else Site.objects.current().filter(scope_filter(scope, "pk")).in_name_order()
    )
    form = FiguresFilterForm(request.GET or None, sites=sites, network=network)
    if form.names_another_site():
        raise Http404
    period, site = form.chosen()
    if site is None and not network:
        raise Http404  # scoped to sites that were all merged away since
    # The trend ends with the chosen quarter, or with the current month: never a future one.
    trend_end = min(period.end - timedelta(days=1), timezone.localdate())
    reader = COORDINATORS if is_coordinator(request.user) else BOARD
    trend_period = last_twelve_months(trend_end)
    published = cached_tables(
        scope,
        reader,
        site,
        period,
        trend_period,
        lambda: dashboard_tables(period, site, trend_period, reader),
    )
    return form, period, site, published


def chart_of(table, column=0):
    return charts.bar_chart([(label, cells[column]) for label, cells in table.rows])


@figures_required
@require_GET
def dashboard(request):
    form, period, site, tables = chosen_figures(request)
    context = {
        "form": form,
        "period": period,
        "site": site,
        "tables": tables,
        "trend_chart": chart_of(tables["trend"]),
        "profession_chart": chart_of(tables["professions"]) if "professions" in tables else None,
        "operational": operational(request.user, site),
        "query": request.GET.urlencode(),
        "threshold": settings.FIGURES_MIN_COUNT,
        "cache_seconds": settings.FIGURES_CACHE_SECONDS,
    }
    return render(request, "figures/dashboard.html", context)


@figures_required
@require_GET
def report(request):
    _form, period, site, tables = chosen_figures(request)
    context = {
        "period": period,
        "site": site,
        "tables": tables,
        "trend_chart": chart_of(tables["trend"]),
        "query": request.GET.urlencode(),
        "threshold": settings.FIGURES_MIN_COUNT,
        "cache_seconds": settings.FIGURES_CACHE_SECONDS,
    }
    return render(request, "figures/report.html", context)


@figures_required
@require_GET
def export(request, table):
    """One table of the dashboard as CSV, suppressed exactly as on the page, in the reader's
    language, numbers as numbers with their unit in the header (figures.tables.csv_rows)."""
    _form, period, site, tables = chosen_figures(request)
    if table not in tables:
        raise Http404
    header, rows = csv_rows(tables[table])
    return csv_response(f"figures-{table}-{period.slug}.csv", header, rows)


def annual_tables(user, year):
    return cached_annual(figures_scope(user), year, lambda: annual.annual_tables(year))


@figures_required
@require_GET
def annual_report(request):
    """The printable annual report: a year beside the year before, suppressed."""
    year = annual.chosen_year(request.GET.get("year"))
    tables = annual_tables(request.user, year)
    context = {
        "year": year,
        "years": [year - 1, year],
        "choices": annual.year_choices(),
        "tables": tables,
        "activity_chart": annual.chart_of(tables["annual_activity"]),
        "feedback_chart": annual.chart_of(tables["feedback_helped"]),
        "threshold": settings.FIGURES_MIN_COUNT,
        "cache_seconds": settings.FIGURES_CACHE_SECONDS,
    }
    return render(request, "figures/annual.html", context)


@figures_required
@require_GET
def annual_export(request, table):
    """One table of the annual report as CSV, suppressed exactly as on the page."""
    year = annual.chosen_year(request.GET.get("year"))
    tables = annual_tables(request.user, year)
    if table not in tables:
        raise Http404
    header, rows = csv_rows(tables[table])
    return csv_response(f"annual-{table}-{year}.csv", header, rows)
