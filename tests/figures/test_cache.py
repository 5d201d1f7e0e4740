"""The short cache of the figures (FIGURES_CACHE_SECONDS): a reader who comes back gets the
tables computed a moment ago, without their queries; a reader of another scope, another
site, quarter or language never gets them."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from figures.cache import cached_tables
from figures.periods import Period, last_twelve_months
from figures.tables import BOARD, COORDINATORS, Table, csv_rows
from organisation.models import RoleGrant
from svsupport.lib.roles import ALL_SITES
from tests.figures.factories import make_quarter
from tests.organisation.factories import site
from tests.people import make_user
from tests.support_requests.factories import make_request

pytestmark = pytest.mark.django_db

QUARTER = {"period": "2025-Q1"}


@pytest.fixture
def cache_on(settings):
    settings.FIGURES_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def kinds_total(response):
    label, cells = response.context["tables"]["kinds"].total
    return str(cells[0])


def test_a_reader_who_comes_back_gets_the_figures_without_their_queries(
    client, cache_on, quinn, dan, alice, django_assert_max_num_queries
):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)
    first = client.get(reverse("figures:dashboard"), QUARTER)
    make_request(dan, status="dispatch")  # within the cache's time: not counted yet
    with django_assert_max_num_queries(12):
        again = client.get(reverse("figures:dashboard"), QUARTER)
    assert kinds_total(again) == kinds_total(first)
    assert again.context["operational"] == first.context["operational"]


def test_no_cache_computes_the_figures_on_every_page(client, settings, quinn, dan, alice):
    settings.FIGURES_CACHE_SECONDS = 0
    client.force_login(quinn)
    before = client.get(reverse("figures:dashboard"))
    make_request(dan, status="dispatch")
    after = client.get(reverse("figures:dashboard"))
    assert after.context["operational"]["dispatch_queue"] == (
        before.context["operational"]["dispatch_queue"] + 1
    )


def test_a_site_reader_never_gets_the_figures_of_another_scope(client, cache_on, carol):
    oncopole, purpan = site("Oncopole"), site("Purpan")
    for _count in range(6):
        make_request(carol, site=purpan, status="dispatch")
    coordinators = {}
    for name, at_site in [("olivia", oncopole), ("pia", purpan)]:
        coordinators[name] = make_user(name)
        RoleGrant.objects.create(
            user=coordinators[name], role=RoleGrant.Role.COORDINATOR, site=at_site
        )
    pages = {}
    for name, user in coordinators.items():
        client.force_login(user)
        pages[name] = client.get(reverse("figures:dashboard"))
    assert pages["olivia"].context["site"] == oncopole
    assert pages["olivia"].context["operational"]["dispatch_queue"] == 0
    assert pages["pia"].context["operational"]["dispatch_queue"] == 6
    olivia_trend = pages["olivia"].context["tables"]["trend"].total[1][0]
    pia_trend = pages["pia"].context["tables"]["trend"].total[1][0]
    assert (str(olivia_trend), str(pia_trend)) == ("0", "6")


def test_the_key_holds_the_scope_the_reader_the_site_the_quarter_and_the_language(cache_on):
    period = Period(date(2025, 1, 1), date(2025, 4, 1))
    trend = last_twelve_months(period.start)
    computed = []

    def compute():
        computed.append(1)
        return {"one": Table("one", f"computed {len(computed)}", [])}

    def tables(scope, reader, language="en", quarter=period):
        with translation.override(language):
            return cached_tables(scope, reader, None, quarter, trend, compute)["one"].title

    first = tables(ALL_SITES, BOARD)
    assert tables(ALL_SITES, BOARD) == first  # the same key: computed once
    others = [
        tables(frozenset({1}), BOARD),
        tables(ALL_SITES, COORDINATORS),
        tables(ALL_SITES, BOARD, language="fr"),
        tables(ALL_SITES, BOARD, quarter=Period(date(2025, 4, 1), date(2025, 7, 1))),
    ]
    assert len(set([first, *others])) == 5


def test_the_annual_report_and_its_exports_are_kept_as_long(
    client, cache_on, bea, django_assert_max_num_queries
):
    client.force_login(bea)
    page = client.get(reverse("figures:annual"), {"year": "2025"})
    assert "may be up to 60 seconds old" in page.content.decode()
    with django_assert_max_num_queries(10):
        client.get(reverse("figures:annual"), {"year": "2025"})
    with django_assert_max_num_queries(10):
        client.get(reverse("figures:annual_export", args=["coverage"]), {"year": "2025"})


def test_cached_tables_read_the_same_as_computed_ones_in_the_readers_language(
    client, settings, cache_on, quinn, dan, alice
):
    make_quarter(dan, alice.peer_profile)
    client.force_login(quinn)

    def read(seconds):
        settings.FIGURES_CACHE_SECONDS = seconds
        page = client.get(reverse("figures:dashboard"), QUARTER, HTTP_ACCEPT_LANGUAGE="fr")
        with translation.override("fr"):  # the computed tables' lazy labels
            return {slug: csv_rows(table) for slug, table in page.context["tables"].items()}

    computed = read(0)
    assert read(60) == read(60) == computed
    assert computed["statuses"][1][0][0] == "Candidat"
