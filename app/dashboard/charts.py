"""Charts as SVG drawn on the server: pure functions from figures to markup.

No script runs on the page (its Content-Security-Policy allows none): each chart is an `<svg>`
with `role="img"`, a `<title>` and a `<desc>`; the page puts the figures beside it as a table.
Colours come from the style sheet through classes (`series-0` ... `series-7`, a palette told
apart by colour-blind readers too), and each series also has its own dash pattern and marker
so that no reading depends on colour alone. Geometry is in presentation attributes, which the
Content-Security-Policy (no inline style) allows.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 28, 16, 40  # room for the tick labels
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
SERIES_STYLES = 8  # series-0 .. series-7 in aftercare.css
DASHES = ("", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3")
MAX_X_LABELS = 8
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
SMALLEST_SCALE = 1e-6  # below it an axis is 0 to 4 (nothing measurable to show)


@dataclass(frozen=True, slots=True)
class Axis:
    low: float
    high: float
    ticks: tuple[float, ...]

    def position(self, value: float) -> float:
        """The y coordinate of value, clamped to the plot."""
        share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
        return TOP + PLOT_HEIGHT * (1 - share)


def fixed_axis(low: float, high: float, step: float) -> Axis:
    count = round((high - low) / step)
    return Axis(low, high, tuple(low + step * i for i in range(count + 1)))


def axis_from_zero(values: Sequence[float | None], ticks: int = 4) -> Axis:
    """0 up to a round number at or above the largest value, in `ticks` equal steps."""
    largest = max((value for value in values if value is not None), default=0.0)
    if largest <= SMALLEST_SCALE:
        return fixed_axis(0.0, float(ticks), 1.0)
    raw_step = largest / ticks
    magnitude = 10 ** math.floor(math.log10(raw_step))
    # 20 x: when log10 rounds an exact power of ten down, 10 x magnitude may fall just short.
    step = next(nice * magnitude for nice in (*NICE_STEPS, 20.0) if nice * magnitude >= raw_step)
    return fixed_axis(0.0, step * ticks, step)


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class LineChart:
    chart_id: str
    title: str
    description: str
    x_labels: tuple[str, ...]  # one per point
    lines: tuple[Line, ...]
    axis: Axis
    tick_label: Callable[[float], str]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True, slots=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    axis: Axis
    tick_label: Callable[[float], str]


def series_class(index: int) -> str:
    return f"series-{index % SERIES_STYLES}"


def x_position(index: int, count: int) -> float:
    if count <= 1:
        return LEFT + PLOT_WIDTH / 2
    return LEFT + PLOT_WIDTH * index / (count - 1)


def segments(values: Sequence[float | None]) -> list[list[int]]:
    """Runs of consecutive indexes with a value: a line is drawn through each, with a gap where
    nothing was measured."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def _number(value: float) -> str:
    return f"{value:.1f}"


def _svg_open(chart_id: str, title: str, description: str) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc"'
        ' xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _grid(axis: Axis, tick_label: Callable[[float], str]) -> list[str]:
    parts = []
    for tick in axis.ticks:
        y = _number(axis.position(tick))
        parts.append(
            f'<line class="grid{" zero" if tick == 0 else ""}" x1="{LEFT}" y1="{y}"'
            f' x2="{WIDTH - RIGHT}" y2="{y}"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y}" text-anchor="end"'
            f' dominant-baseline="middle">{escape(tick_label(tick))}</text>'
        )
    return parts


def shown_x_labels(count: int) -> list[int]:
    """The indexes whose label is written under the axis: at most MAX_X_LABELS, evenly."""
    step = max(1, math.ceil(count / MAX_X_LABELS))
    return list(range(0, count, step))


def _x_labels(labels: Sequence[str]) -> list[str]:
    baseline = _number(TOP + PLOT_HEIGHT + 24)
    return [
        f'<text class="tick" x="{_number(x_position(index, len(labels)))}" y="{baseline}"'
        f' text-anchor="middle">{escape(labels[index])}</text>'
        for index in shown_x_labels(len(labels))
    ]


def _line(index: int, line: Line, axis: Axis) -> list[str]:
    count = len(line.values)
    css = series_class(index)
    dash = DASHES[index % len(DASHES)]
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    parts = []
    for run in segments(line.values):
        points = " ".join(
            f"{_number(x_position(i, count))},{_number(axis.position(_value(line, i)))}"
            for i in run
        )
        parts.append(f'<polyline class="line {css}" points="{points}"{dash_attribute}/>')
    for i, value in enumerate(line.values):
        if value is not None:
            parts.append(_marker(index, x_position(i, count), axis.position(value), css))
    return parts


def _value(line: Line, index: int) -> float:
    value = line.values[index]
    assert value is not None
    return value


def _marker(index: int, x: float, y: float, css: str) -> str:
    """A circle for even series, a square for odd ones: told apart without colour."""
    if index % 2 == 0:
        return f'<circle class="marker {css}" cx="{_number(x)}" cy="{_number(y)}" r="3.5"/>'
    return (
        f'<rect class="marker {css}" x="{_number(x - 3.5)}" y="{_number(y - 3.5)}"'
        ' width="7" height="7"/>'
    )


def line_chart(chart: LineChart) -> Markup:
    parts = _svg_open(chart.chart_id, chart.title, chart.description)
    parts += _grid(chart.axis, chart.tick_label)
    parts += _x_labels(chart.x_labels)
    for index, line in enumerate(chart.lines):
        parts += _line(index, line, chart.axis)
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704  every text in it went through escape()


def bar_chart(chart: BarChart) -> Markup:
    parts = _svg_open(chart.chart_id, chart.title, chart.description)
    parts += _grid(chart.axis, chart.tick_label)
    count = len(chart.bars)
    slot = PLOT_WIDTH / max(count, 1)
    width = slot * 0.6
    bottom = chart.axis.position(chart.axis.low)
    for index, bar in enumerate(chart.bars):
        x = LEFT + slot * index + (slot - width) / 2
        top = chart.axis.position(bar.value)
        parts.append(
            f'<rect class="bar {series_class(0)}" x="{_number(x)}" y="{_number(top)}"'
            f' width="{_number(width)}" height="{_number(bottom - top)}"/>'
        )
        centre = _number(x + width / 2)
        parts.append(
            f'<text class="value" x="{centre}" y="{_number(top - 6)}" text-anchor="middle">'
            f"{escape(chart.tick_label(bar.value))}</text>"
        )
        parts.append(
            f'<text class="tick" x="{centre}" y="{_number(TOP + PLOT_HEIGHT + 24)}"'
            f' text-anchor="middle">{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704  every text in it went through escape()
