"""A short cache of what the figures pages compute. The tables read every request of the
period and every peer of the network (hundreds of milliseconds at network scale) and change
slowly: a reader who comes back, switches tabs or prints the report within
FIGURES_CACHE_SECONDS (0: no cache) reuses them, and the pages say they may be that old.

Each key holds everything the cached value depends on, the reader's scope first, so a
reader never gets what was computed for another scope."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from svsupport.lib.roles import ALL_SITES


def scope_key(scope):
    """The sites a reader may read, as text: "all", or their ids."""
    return "all" if scope is ALL_SITES else ",".join(map(str, sorted(scope))) or "none"


def site_key(site):
    return str(site.pk) if site else "network"


def cached(parts, compute):
    """compute(), or what it gave for the same key at most FIGURES_CACHE_SECONDS ago."""
    seconds = settings.FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    return cache.get_or_set(":".join(["figures", *map(str, parts)]), compute, seconds)


def cached_tables(scope, reader, site, period, trend_period, compute):
    """The published tables: they depend on the site, the quarter, the trend's months,
    the reader (COORDINATORS or BOARD: which tables are exact) and the language of their
    labels."""
    key = ["tables", scope_key(scope), reader, site_key(site), period.slug]
    key += [trend_period.start.isoformat(), get_language() or ""]
    return cached(key, lambda: in_plain_text(compute()))


def in_plain_text(tables):
    return {slug: table.in_plain_text() for slug, table in tables.items()}


def cached_operational(coordinator_scope, site, compute):
    """What needs the coordinators now: counts of their scope, at the site shown."""
    return cached(["operational", scope_key(coordinator_scope), site_key(site)], compute)


def cached_annual(scope, year, compute):
    """The annual report's tables: they depend on the year and the language of their
    labels."""
    return cached(
        ["annual", scope_key(scope), year, get_language() or ""], lambda: in_plain_text(compute())
    )
