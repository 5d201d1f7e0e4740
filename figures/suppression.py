"""Small-count suppression for published figures. Pure functions, no Django.

A published table is a set of cells tied by sum constraints ("lines": a total and the cells
it adds up). The rules:

1. *Primary suppression*: a count from 1 to threshold - 1 is shown as "< threshold" (the
   reader learns it lies in that interval, nothing more). Zero is shown: it singles out
   nobody.
2. *Complementary suppression*: a reader who knows every visible cell, every total, the
   interval of each small count, and how this module works (so that a complementary cell,
   always chosen among visible counts of at least the threshold, is itself at least the
   threshold) must not be able to pin any hidden cell to one value. We attack our own
   output by bound propagation over every line (`attack`) and, while a hidden cell is
   pinned, hide one more cell of a line that pins it: the smallest visible non-zero member,
   or else the line's total. Every round hides one more cell, so it ends.

Shares and percentiles follow from the same idea: see `share` and `enough_for_statistic`.
"""

from dataclasses import dataclass

SHOWN, SMALL, HIDDEN, WITHHELD = "shown", "small", "hidden", "withheld"
INFINITY = float("inf")


@dataclass(frozen=True)
class Cell:
    """One published count: `value` is None unless `state` is SHOWN."""

    state: str
    value: int | None
    threshold: int

    @property
    def shown(self):
        return self.state == SHOWN

    def __str__(self):
        if self.state == SHOWN:
            return str(self.value)
        if self.state == SMALL:
            return f"< {self.threshold}"
        return "–"


def is_small(count, threshold):
    return 0 < count < threshold


def protect(values, lines, threshold):
    """Publishes `values` ({key: count}) under the sum constraints `lines` ([(total_key,
    [member keys])], each total equal to the sum of its members). Returns {key: Cell}.
    """
    hidden = {key: SMALL for key, count in values.items() if is_small(count, threshold)}
    while True:
        pinned = pinned_cells(published(values, hidden, threshold), lines, threshold)
        if not pinned:
            return published(values, hidden, threshold)
        key = complement_for(values, hidden, lines, pinned)
        if key is None:
            # Only small counts left, tied so tightly that their intervals give them away
            # (1 + 1 = "< 5" in a row of two): the table says nothing at all.
            return {key: Cell(WITHHELD, None, threshold) for key in values}
        hidden[key] = HIDDEN


def published(values, hidden, threshold):
    return {
        key: Cell(hidden[key], None, threshold) if key in hidden else Cell(SHOWN, count, threshold)
        for key, count in values.items()
    }


def complement_for(values, hidden, lines, pinned):
    """The next cell to hide, in the lines holding a pinned cell: their smallest visible
    non-zero member (totals are what readers look at first, keep them), or else a total;
    failing both, the smallest visible non-zero cell of the table."""
    lines = [(total, members) for total, members in lines if pinned & {total, *members}]
    members = [key for _total, keys in lines for key in keys]
    totals = [total for total, _members in lines]
    for candidates in (members, totals, list(values)):
        visible = [key for key in candidates if key not in hidden and values[key] > 0]
        if visible:
            return min(visible, key=lambda key: values[key])
    return None


def bounds(cells, threshold):
    """What a reader knows of each cell before combining them."""
    known = {}
    for key, cell in cells.items():
        if cell.state == SHOWN:
            known[key] = (cell.value, cell.value)
        elif cell.state == WITHHELD:
            known[key] = (0, INFINITY)
        elif cell.state == SMALL:
            known[key] = (1, threshold - 1)
        else:
            known[key] = (threshold, INFINITY)
    return known


def attack(cells, lines, threshold, rounds=200):
    """Bound propagation over the sum constraints: each unknown is its line's total minus
    the other members, within the others' bounds. Returns {key: (low, high)}.

    Every round tightens every line, in order, until a round changes nothing. A line whose
    last tightening changed nothing, and none of whose cells changed since, would change
    nothing again: it is skipped until one of its cells changes. The bounds, round after
    round, are those of tightening every line (tests/figures/test_suppression.py compares
    them); across sites, most lines are settled after a round or two."""
    known = bounds(cells, threshold)
    lines_of = {}  # key -> the indexes of the lines holding it
    for index, (total, members) in enumerate(lines):
        for key in (total, *members):
            lines_of.setdefault(key, []).append(index)
    settled = set()
    for _round in range(rounds):
        changed = False
        for index, (total, members) in enumerate(lines):
            if index in settled:
                continue
            moved = tighten(known, total, members)
            if not moved:
                settled.add(index)
                continue
            changed = True
            for key in moved:
                settled.difference_update(lines_of[key])
        if not changed:
            break
    return known


def tighten(known, total, members):
    """Tightens the bounds of one line's total and members; returns the keys it moved."""
    moved = []
    low_sum = sum(known[key][0] for key in members)
    high_sum = sum(known[key][1] for key in members)
    new_total = (max(known[total][0], low_sum), min(known[total][1], high_sum))
    if new_total != known[total]:
        moved.append(total)
    known[total] = new_total
    for key in members:
        others_low = low_sum - known[key][0]
        others_high = high_sum - known[key][1]
        low = max(known[key][0], known[total][0] - others_high)
        high = min(known[key][1], known[total][1] - others_low)
        if (low, high) != known[key]:
            low_sum += low - known[key][0]
            high_sum += high - known[key][1]
            known[key] = (low, high)
            moved.append(key)
    return moved


def pinned_cells(cells, lines, threshold):
    """Hidden cells whose value a reader can work out exactly."""
    known = attack(cells, lines, threshold)
    return {key for key, cell in cells.items() if not cell.shown and known[key][0] == known[key][1]}


# Shapes of tables ------------------------------------------------------------------------

TOTAL = "total"


def protect_column(counts, threshold):
    """A list of counts and their total: returns (cells, total cell)."""
    values = {index: count for index, count in enumerate(counts)}
    values[TOTAL] = sum(counts)
    cells = protect(values, [(TOTAL, list(range(len(counts))))], threshold)
    return [cells[index] for index in range(len(counts))], cells[TOTAL]


def grid_lines(row_count, column_count):
    """The sum constraints of a grid with row totals, column totals and a grand total."""
    rows = [((row, TOTAL), [(row, col) for col in range(column_count)]) for row in range(row_count)]
    cols = [((TOTAL, col), [(row, col) for row in range(row_count)]) for col in range(column_count)]
    return [
        *rows,
        *cols,
        ((TOTAL, TOTAL), [(row, TOTAL) for row in range(row_count)]),
        ((TOTAL, TOTAL), [(TOTAL, col) for col in range(column_count)]),
    ]


def grid_values(grid):
    row_count, column_count = len(grid), len(grid[0]) if grid else 0
    values = {(row, col): grid[row][col] for row in range(row_count) for col in range(column_count)}
    for row in range(row_count):
        values[(row, TOTAL)] = sum(grid[row])
    for col in range(column_count):
        values[(TOTAL, col)] = sum(grid[row][col] for row in range(row_count))
    values[(TOTAL, TOTAL)] = sum(map(sum, grid))
    return values


def protect_grid(grid, threshold):
    """A rectangular list of lists of counts with row, column and grand totals. Returns
    {(row, col): Cell} where row or col may be TOTAL."""
    row_count, column_count = len(grid), len(grid[0]) if grid else 0
    return protect(grid_values(grid), grid_lines(row_count, column_count), threshold)


# Statistics -------------------------------------------------------------------------------


def enough_for_statistic(count, threshold):
    """A median or percentile is published only when computed from `threshold` values."""
    return count >= threshold


def share(part, whole, threshold):
    """part / whole as a fraction, or None when publishing it would reveal a small count:
    too few in the whole, or a part (or its complement) from 1 to threshold - 1."""
    if whole < threshold or is_small(part, threshold) or is_small(whole - part, threshold):
        return None
    return part / whole


# Across sites ---------------------------------------------------------------------------

NETWORK = "network"


def across_values(parts):
    """{(part, key): count} for every part and for the NETWORK, the sum of the parts."""
    keys = sorted({key for counts in parts.values() for key in counts}, key=repr)
    values = {(part, key): counts.get(key, 0) for part, counts in parts.items() for key in keys}
    for key in keys:
        values[(NETWORK, key)] = sum(counts.get(key, 0) for counts in parts.values())
    return values, keys


def across_lines(parts, keys, lines):
    """A table's own lines for every part and the network, plus, for every cell, the
    network's cell as the sum of the parts' cells."""
    every = [*parts, NETWORK]
    return [
        *(((part, total), [(part, key) for key in members]) for part in every
          for total, members in lines),
        *(((NETWORK, key), [(part, key) for part in parts]) for key in keys),
    ]  # fmt: skip


def protect_across(parts, lines, threshold):
    """One table published for several sites (`parts`: {site: {key: count}}, totals
    included, tied by the table's `lines`) and for the network (their sum), protected as one:
    no hidden cell of a site can be worked out from the other sites' cells and the network's,
    nor the other way round. Returns {site or NETWORK: {key: Cell}}.

    Every site with a row is a part (rows without a site are one part too, under None):
    each site's page and the network's show cells from this one result, so that putting
    pages side by side tells nothing more than each page."""
    values, keys = across_values(parts)
    cells = protect(values, across_lines(parts, keys, lines), threshold)
    published_parts = {part: {} for part in [*parts, NETWORK]}
    for (part, key), cell in cells.items():
        published_parts[part][key] = cell
    return published_parts


def column_parts(counts_by_part, length):
    """{part: [count, ...]} as parts for protect_across, with the column's total, and its
    lines."""
    parts = {
        part: {**dict(enumerate(counts)), TOTAL: sum(counts)}
        for part, counts in counts_by_part.items()
    }
    return parts, [(TOTAL, list(range(length)))]


def grid_parts(grids_by_part, row_count, column_count):
    """{part: grid} as parts for protect_across, with totals, and the grid's lines."""
    parts = {part: grid_values(grid) for part, grid in grids_by_part.items()}
    return parts, grid_lines(row_count, column_count)
