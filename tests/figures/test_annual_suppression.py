"""The property tests of the suppression, extended to the annual report's and the
evaluation's tables: whatever the counts, no published column lets a reader work out a
hidden count, and no derived figure (a rate per 100 staff) gives back a hidden count."""

from hypothesis import given, settings
from hypothesis import strategies as st

from figures import annual
from figures.suppression import SHOWN, SMALL, TOTAL, WITHHELD, attack

counts = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6)


def column_of(table, index):
    cells = {row: cells[index] for row, (_label, cells) in enumerate(table.rows)}
    cells[TOTAL] = table.total[1][index]
    return cells


@settings(max_examples=200, deadline=None)
@given(counts, counts, st.booleans())
def test_no_year_of_a_side_by_side_table_pins_a_hidden_count(before, current, withheld):
    current = (current + [0] * len(before))[: len(before)]
    table = annual.side_by_side(
        "t", "title", "label", list(map(str, range(len(before)))),
        [(before, False), (current, withheld)], [2024, 2025],
    )  # fmt: skip
    for index, values in enumerate([before, current]):
        cells = column_of(table, index)
        if index == 1 and withheld:
            assert {cell.state for cell in cells.values()} == {WITHHELD}
            continue
        lines = [(TOTAL, list(range(len(values))))]
        known = attack(cells, lines, 5)
        actual = {**dict(enumerate(values)), TOTAL: sum(values)}
        for key, cell in cells.items():
            if cell.state == SHOWN:
                assert cell.value == actual[key]
            elif cell.state != WITHHELD:
                low, high = known[key]
                assert low < high, f"{key} pinned in {values}"
                if cell.state == SMALL:
                    assert 0 < actual[key] < 5


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=9)),
        min_size=1,
        max_size=5,
    )
)
def test_a_rate_per_hundred_staff_is_shown_only_beside_its_shown_count(rows):
    from figures.suppression import protect_column

    cells, total = protect_column([peers for _staff, peers in rows], 5)
    for (staff, _peers), cell in zip(rows, cells, strict=True):
        rate = annual.per_hundred(cell, staff)
        assert (rate == "not shown") == (not cell.shown)
    staff_total = sum(staff for staff, _peers in rows)
    assert (annual.per_hundred(total, staff_total) == "not shown") == (not total.shown)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.sampled_from(list("12345")), st.integers(0, 20)),
    st.integers(min_value=0, max_value=9),
)
def test_the_burden_of_fewer_peers_than_the_threshold_is_never_shown(choices, peers):
    figures = {"heaviness": choices, "needs_support": {}, "peers": peers, "answers": 0}
    empty = {"heaviness": {}, "needs_support": {}, "peers": 0, "answers": 0}
    heaviness, _needs = annual.burden([empty, figures], [2024, 2025])
    states = {cells[1].state for _label, cells in [*heaviness.rows, heaviness.total]}
    if peers < 5:
        assert states == {WITHHELD}
    else:
        assert WITHHELD not in states or states == {WITHHELD}
