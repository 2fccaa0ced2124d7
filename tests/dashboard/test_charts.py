"""The SVG charts: well-formed, every measured value drawn where the axis puts it, gaps where
nothing was measured, every text escaped."""

import itertools
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from app.dashboard.charts import (
    HEIGHT,
    LEFT,
    PLOT_HEIGHT,
    TOP,
    WIDTH,
    Bar,
    BarChart,
    Line,
    LineChart,
    axis_from_zero,
    bar_chart,
    fixed_axis,
    line_chart,
    segments,
    shown_x_labels,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  the charts' own markup


values = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


def _chart(lines: list[list[float | None]], title: str = "CSAT") -> LineChart:
    count = len(lines[0])
    return LineChart(
        chart_id="chart-csat",
        title=title,
        description="per day",
        x_labels=tuple(f"d{i}" for i in range(count)),
        lines=tuple(Line(f"group {i}", tuple(line)) for i, line in enumerate(lines)),
        axis=fixed_axis(0, 100, 25),
        tick_label=lambda v: f"{v:.0f} %",
    )


@given(
    st.integers(min_value=1, max_value=40).flatmap(
        lambda n: st.lists(st.lists(values, min_size=n, max_size=n), min_size=1, max_size=8)
    )
)
def test_every_measured_value_has_a_marker_inside_the_plot(lines: list[list[float | None]]) -> None:
    svg = _parse(str(line_chart(_chart(lines))))
    markers = svg.findall(f"{SVG}circle") + svg.findall(f"{SVG}rect")
    assert len(markers) == sum(value is not None for line in lines for value in line)
    for circle in svg.findall(f"{SVG}circle"):
        assert LEFT <= float(circle.get("cx", -1)) <= WIDTH
        assert TOP - 0.05 <= float(circle.get("cy", -1)) <= TOP + PLOT_HEIGHT + 0.05
    polylines = svg.findall(f"{SVG}polyline")
    assert len(polylines) == sum(len(segments(line)) for line in lines)


@given(st.lists(values, min_size=1, max_size=60))
def test_a_line_breaks_where_nothing_was_measured(line: list[float | None]) -> None:
    runs = segments(line)
    assert [i for run in runs for i in run] == [i for i, v in enumerate(line) if v is not None]
    for before, after in itertools.pairwise(runs):
        assert after[0] - before[-1] >= 2, "two runs are apart by a gap"


def test_higher_values_are_drawn_higher_and_the_axis_bounds_hold() -> None:
    axis = fixed_axis(0, 100, 25)
    assert axis.position(100) == TOP
    assert axis.position(0) == TOP + PLOT_HEIGHT
    assert axis.position(75) < axis.position(25)
    assert axis.position(250) == axis.position(100), "clamped"
    assert fixed_axis(-100, 100, 50).ticks == (-100, -50, 0, 50, 100)


@given(st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1e9)), max_size=30))
def test_the_duration_axis_starts_at_zero_and_covers_every_value(
    durations: list[float | None],
) -> None:
    axis = axis_from_zero(durations)
    assert axis.low == 0
    assert axis.ticks[0] == 0
    assert axis.ticks[-1] == axis.high
    assert all(value <= axis.high for value in durations if value is not None)
    assert len(axis.ticks) == 5


def test_round_steps() -> None:
    assert axis_from_zero([7.3]).ticks == (0, 2, 4, 6, 8)  # hours, say
    assert axis_from_zero([9]).ticks == (0, 2.5, 5, 7.5, 10)
    assert axis_from_zero([130]).high == 200
    assert axis_from_zero([None, None]).ticks == (0, 1, 2, 3, 4)


def test_texts_are_escaped_and_the_chart_is_labelled() -> None:
    svg = str(line_chart(_chart([[1.0, None, 3.0]], title='<script>alert("x")</script>')))
    assert "<script>" not in svg
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-csat-title chart-csat-desc"
    assert root.findtext(f"{SVG}title") == '<script>alert("x")</script>'
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"


def test_at_most_eight_x_labels_and_the_first_always() -> None:
    assert shown_x_labels(30) == [0, 4, 8, 12, 16, 20, 24, 28]
    assert shown_x_labels(5) == [0, 1, 2, 3, 4]
    svg = _parse(str(line_chart(_chart([[1.0] * 30]))))
    labels = [t.text for t in svg.findall(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert labels == [f"d{i}" for i in shown_x_labels(30)]


def test_bars_are_as_tall_as_their_values() -> None:
    chart = BarChart(
        "chart-backlog",
        "Backlog",
        "by age",
        (Bar("under 1 day", 4), Bar("over 7 days", 8), Bar("1-3 days", 0)),
        axis_from_zero([4, 8]),
        lambda v: f"{v:.0f}",
    )
    svg = _parse(str(bar_chart(chart)))
    heights = [float(rect.get("height", 0)) for rect in svg.findall(f"{SVG}rect")]
    assert heights[1] == PLOT_HEIGHT
    assert heights[0] == PLOT_HEIGHT / 2
    assert heights[2] == 0
