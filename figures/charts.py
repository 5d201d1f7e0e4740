"""Bar charts as plain data for an SVG template: no JavaScript, no chart library, and the
same suppression as the tables (a hidden count draws no bar, only its label)."""

from dataclasses import dataclass

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


def bar_chart(items):
    """items: [(label, Cell)]. Returns the geometry of a vertical bar chart with one bar
    per shown count; suppressed counts get their text ("< 5", "–") and no bar."""
    values = [cell.value for _label, cell in items if cell.shown]
    top = max(values, default=0) or 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(items), 1)
    bars = []
    for index, (label, cell) in enumerate(items):
        height = plot_height * cell.value / top if cell.shown else 0
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
