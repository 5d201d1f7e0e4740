"""Bar charts as plain data for an SVG template: no JavaScript, no chart library, and the
same suppression as the tables: a small count ("< 5") draws its own hatched bar, as high as
the largest value it may have, never a zero bar; a hidden count ("–") draws no bar."""

from dataclasses import dataclass

from figures.suppression import SMALL

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 110, 10, 20, 110


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    text: str
    label_x: float
    text_y: float
    small: bool = False


def bar_value(cell):
    """The height a cell is drawn to: its value, the top of its interval for a small count
    (threshold - 1), None for a hidden one."""
    if cell.shown:
        return cell.value
    if cell.state == SMALL:
        return cell.threshold - 1
    return None


def bar_chart(items):
    """items: [(label, Cell)]. Returns the geometry of a vertical bar chart with one bar
    per shown count; suppressed counts get their text ("< 5", "–") and no bar."""
    values = [bar_value(cell) for _label, cell in items]
    top = max([value for value in values if value is not None], default=0) or 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(items), 1)
    bars = []
    for index, ((label, cell), value) in enumerate(zip(items, values, strict=True)):
        height = plot_height * value / top if value else 0
        x = LEFT + index * slot + slot * 0.15
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                text=str(cell),
                label_x=round(x + slot * 0.35, 1),
                text_y=round(TOP + plot_height - height - 4, 1),
                small=cell.state == SMALL,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": TOP + plot_height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "label_y": TOP + plot_height + 14,
    }
