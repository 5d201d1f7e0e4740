from hypothesis import given, settings
from hypothesis import strategies as st

from figures.suppression import (
    HIDDEN,
    SHOWN,
    SMALL,
    TOTAL,
    WITHHELD,
    Cell,
    across_lines,
    across_values,
    attack,
    bounds,
    column_parts,
    grid_lines,
    grid_parts,
    grid_values,
    protect_across,
    protect_column,
    protect_grid,
    share,
    tighten,
)


def texts(cells):
    return [str(cell) for cell in cells]


def test_small_counts_are_shown_as_below_the_threshold_and_zero_is_shown():
    cells, total = protect_column([0, 3, 12, 20], 5)
    assert texts(cells)[:2] == ["0", "< 5"]
    assert str(total) == "35"


def test_a_lone_small_count_in_a_column_hides_the_next_smallest_cell():
    cells, total = protect_column([3, 10, 20], 5)
    assert texts(cells) == ["< 5", "–", "20"]
    assert str(total) == "33"


def test_two_small_counts_that_only_add_up_one_way_are_protected_further():
    # 1 + 1 = 2: knowing the total and that both are "< 5" would give both away.
    cells, total = protect_column([1, 1, 30], 5)
    assert cells[2].state == HIDDEN or total.state != SHOWN


def test_a_grid_hides_a_rectangle_around_a_small_count_and_keeps_the_totals():
    cells = protect_grid([[3, 5], [10, 20]], 5)
    assert str(cells[(0, 0)]) == "< 5"
    assert {cells[key].state for key in [(0, 1), (1, 0), (1, 1)]} == {HIDDEN}
    assert [str(cells[key]) for key in [(0, TOTAL), (1, TOTAL), (TOTAL, 0), (TOTAL, 1)]] == [
        "8", "30", "13", "25",
    ]  # fmt: skip


def test_a_share_is_hidden_when_its_part_or_the_rest_is_a_small_count():
    assert share(10, 20, 5) == 0.5
    assert share(2, 20, 5) is None
    assert share(18, 20, 5) is None
    assert share(4, 4, 5) is None
    assert share(20, 20, 5) == 1


# Property-based: whatever the table, no suppressed cell can be worked out -----------------

counts = st.integers(min_value=0, max_value=30)
small_heavy = st.one_of(counts, st.integers(min_value=0, max_value=6))


def brute_force_values(cells, lines, threshold, key, limit):
    """Every value the hidden cell `key` can take in a table consistent with what is
    published, by enumeration (tiny tables only)."""
    import itertools

    hidden = [k for k, cell in cells.items() if not cell.shown]
    ranges = []
    for k in hidden:
        if cells[k].state == SMALL:
            ranges.append(range(1, threshold))
        else:
            ranges.append(range(threshold, limit + 1))
    seen = set()
    for combination in itertools.product(*ranges):
        values = {k: cell.value for k, cell in cells.items() if cell.shown}
        values.update(zip(hidden, combination, strict=True))
        if all(values[total] == sum(values[m] for m in members) for total, members in lines):
            seen.add(values[key])
            if len(seen) > 1:
                return seen
    return seen


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(small_heavy, min_size=1, max_size=4), min_size=1, max_size=4).filter(
        lambda rows: len({len(row) for row in rows}) == 1
    ),
    st.sampled_from([3, 5, 10]),
)
def test_no_combination_of_visible_cells_and_totals_pins_a_suppressed_count(grid, threshold):
    cells = protect_grid(grid, threshold)
    values = grid_values(grid)
    lines = grid_lines(len(grid), len(grid[0]))
    known = attack(cells, lines, threshold)
    for key, cell in cells.items():
        if cell.state == SHOWN:
            assert cell.value == values[key]
            continue
        if cell.state == WITHHELD:
            continue
        low, high = known[key]
        assert low < high, f"cell {key} is pinned to {low} in {grid}"
        assert low <= values[key] <= high
        if cell.state == SMALL:
            assert 0 < values[key] < threshold


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=3), st.sampled_from([3, 5]))
def test_no_list_of_counts_and_its_total_reveals_a_suppressed_count(values, threshold):
    cells, total = protect_column(values, threshold)
    published = {**dict(enumerate(cells)), TOTAL: total}
    lines = [(TOTAL, list(range(len(values))))]
    limit = sum(values) + threshold
    for key, cell in published.items():
        if cell.state in {SMALL, HIDDEN}:
            assert len(brute_force_values(published, lines, threshold, key, limit)) > 1


def consistent(cell, value, threshold):
    if cell.state == SHOWN:
        return cell.value == value
    if cell.state == SMALL:
        return 0 < value < threshold
    return value >= threshold


def grid_alternatives(cells, rows, columns, threshold, limit):
    """Every grid consistent with the published cells: enumerate the hidden inner cells
    only, derive the totals and keep the grids whose totals match what is published."""
    import itertools

    inner = [(row, col) for row in range(rows) for col in range(columns)]
    hidden = [key for key in inner if not cells[key].shown]
    ranges = [
        range(1, threshold) if cells[key].state == SMALL else range(threshold, limit + 1)
        for key in hidden
    ]
    for combination in itertools.product(*ranges):
        values = {key: cells[key].value for key in inner if cells[key].shown}
        values.update(zip(hidden, combination, strict=True))
        grid = [[values[(row, col)] for col in range(columns)] for row in range(rows)]
        derived = grid_values(grid)
        if all(consistent(cells[key], value, threshold) for key, value in derived.items()):
            yield derived


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 6), min_size=2, max_size=2), min_size=2, max_size=2),
    st.sampled_from([3, 5]),
)
def test_no_small_grid_reveals_a_suppressed_count_even_to_exhaustive_search(grid, threshold):
    cells = protect_grid(grid, threshold)
    if any(cell.state == WITHHELD for cell in cells.values()):
        return
    limit = sum(map(sum, grid)) + threshold
    seen = {key: set() for key, cell in cells.items() if not cell.shown}
    for derived in grid_alternatives(cells, 2, 2, threshold, limit):
        for key in seen:
            seen[key].add(derived[key])
    for key, values in seen.items():
        assert len(values) > 1, f"cell {key} of {grid} can only be {values}"


def test_a_table_of_small_counts_that_give_each_other_away_is_withheld_whole():
    cells, total = protect_column([1, 1], 3)
    assert {cell.state for cell in [*cells, total]} == {WITHHELD}


# Across sites: site cells and network totals together pin nothing -----------------------


def across_published(parts, lines, threshold):
    """Every cell of every site and of the network, keyed as protect_across keys them, with
    the lines a reader combines: each table's own, and network = sum of the sites."""
    published = protect_across(parts, lines, threshold)
    values, keys = across_values(parts)
    cells = {(part, key): cell for part, table in published.items() for key, cell in table.items()}
    return cells, values, across_lines(parts, keys, lines)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(small_heavy, min_size=1, max_size=4), min_size=1, max_size=4).filter(
        lambda sites: len({len(site) for site in sites}) == 1
    ),
    st.sampled_from([3, 5, 10]),
)
def test_no_site_column_and_network_total_pin_a_suppressed_count(sites, threshold):
    parts, lines = column_parts(dict(enumerate(sites)), len(sites[0]))
    cells, values, all_lines = across_published(parts, lines, threshold)
    known = attack(cells, all_lines, threshold)
    for key, cell in cells.items():
        if cell.state == SHOWN:
            assert cell.value == values[key]
        elif cell.state != WITHHELD:
            low, high = known[key]
            assert low < high, f"cell {key} is pinned to {low} in {sites}"
            assert low <= values[key] <= high


@st.composite
def site_grids(draw):
    """2 or 3 sites, each with a grid of the same shape (2 rows, 2 or 3 columns)."""
    sites, rows, columns = draw(st.integers(2, 3)), 2, draw(st.integers(2, 3))
    flat = draw(
        st.lists(small_heavy, min_size=sites * rows * columns, max_size=sites * rows * columns)
    )
    cells = iter(flat)
    return [[[next(cells) for _c in range(columns)] for _r in range(rows)] for _s in range(sites)]


@settings(max_examples=30, deadline=None)
@given(site_grids(), st.sampled_from([3, 5]))
def test_no_site_grid_and_network_grid_pin_a_suppressed_count(grids, threshold):
    rows, columns = len(grids[0]), len(grids[0][0])
    parts, lines = grid_parts(dict(enumerate(grids)), rows, columns)
    cells, values, all_lines = across_published(parts, lines, threshold)
    known = attack(cells, all_lines, threshold)
    for key, cell in cells.items():
        if cell.state not in {SHOWN, WITHHELD}:
            low, high = known[key]
            assert low < high, f"cell {key} is pinned to {low} in {grids}"
            assert low <= values[key] <= high


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=2, max_size=2), min_size=2, max_size=2))
def test_two_sites_and_the_network_survive_exhaustive_search(sites):
    """Tiny cases, every consistent world enumerated: no hidden site or network cell has
    only one possible value."""
    import itertools

    threshold = 3
    parts, lines = column_parts(dict(enumerate(sites)), 2)
    cells, values, all_lines = across_published(parts, lines, threshold)
    if any(cell.state == WITHHELD for cell in cells.values()):
        return
    inner = [(part, index) for part in parts for index in range(2)]
    hidden = [key for key in inner if not cells[key].shown]
    limit = sum(map(sum, sites)) + threshold
    ranges = [
        range(1, threshold) if cells[key].state == SMALL else range(threshold, limit + 1)
        for key in hidden
    ]
    seen = {key: set() for key, cell in cells.items() if not cell.shown}
    for combination in itertools.product(*ranges):
        world = {key: cells[key].value for key in inner if cells[key].shown}
        world.update(zip(hidden, combination, strict=True))
        candidate = {part: [world[(part, index)] for index in range(2)] for part in parts}
        derived, _keys = across_values(column_parts(candidate, 2)[0])
        if all(consistent(cells[key], value, threshold) for key, value in derived.items()):
            for key in seen:
                seen[key].add(derived[key])
    for key, possible in seen.items():
        assert len(possible) > 1, f"cell {key} of {sites} can only be {possible}"
    assert all(values[key] in possible for key, possible in seen.items())


# The attack skips settled lines: the same bounds as tightening every line -------------


def attack_every_line(cells, lines, threshold, rounds=200):
    """The attack as first written: every line tightened in every round."""
    known = bounds(cells, threshold)
    for _round in range(rounds):
        changed = False
        for total, members in lines:
            changed |= bool(tighten(known, total, members))
        if not changed:
            break
    return known


@st.composite
def published_across_sites(draw):
    """Site grids with their network, each cell shown, small, hidden or withheld at random
    (the states protect() goes through, and more)."""
    grids = draw(site_grids())
    rows, columns = len(grids[0]), len(grids[0][0])
    parts, lines = grid_parts(dict(enumerate(grids)), rows, columns)
    values, keys = across_values(parts)
    states = st.sampled_from([SHOWN, SHOWN, SMALL, HIDDEN, WITHHELD])
    cells = {
        key: Cell(state, value if state == SHOWN else None, 5)
        for key, value in values.items()
        for state in [draw(states)]
    }
    return cells, across_lines(parts, keys, lines)


@settings(max_examples=200, deadline=None)
@given(published_across_sites(), st.sampled_from([1, 2, 3, 200]))
def test_skipping_settled_lines_gives_the_bounds_of_tightening_every_line(published, rounds):
    cells, lines = published
    assert attack(cells, lines, 5, rounds) == attack_every_line(cells, lines, 5, rounds)
