"""What the dashboard shows, assembled from the public face of metrics (and orders' delivery
calibration): the same service calls the JSON API answers with, so the page shows the API's
figures and gets whatever makes them faster."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime, format_skeleton
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.dashboard.charts import (
    Axis,
    Bar,
    BarChart,
    Line,
    LineChart,
    axis_from_zero,
    bar_chart,
    fixed_axis,
    line_chart,
    series_class,
)
from app.dashboard.pickers import Pickers, window_of
from app.metrics import service as metrics
from app.metrics.schemas import (
    Calibration,
    DurationFigure,
    Figure,
    MetricRecord,
    MetricSeries,
    Point,
    Series,
    Summary,
    Window,
)
from app.metrics.types import MetricName
from app.orders import service as orders
from app.orders.schemas import DeliveryCalibration
from app.web.i18n import N_, Wording

RECORDS_PATH = "/dashboard/records/"
Item = TypeVar("Item")  # what a table shows a row of
NOTHING = "\N{EN DASH}"  # in a cell with no figure
MAX_GROUPS = 8
PERCENT_AXIS = fixed_axis(0, 100, 25)
SCORE_AXIS = fixed_axis(-100, 100, 50)
# (unit, seconds): a chart's unit is the largest whose value stays readable.
DURATION_UNITS = (("day", 86400.0), ("hour", 3600.0), ("minute", 60.0))
AGE_BANDS = {
    "under_1d": N_("under 1 day"),
    "1d_to_3d": N_("1 to 3 days"),
    "3d_to_7d": N_("3 to 7 days"),
    "over_7d": N_("over 7 days"),
}
SLA_METRICS = {
    "first_response": N_("First response"),
    "next_response": N_("Next response"),
    "resolution": N_("Resolution"),
}
GROUP_BY_NAMES = {
    "channel": N_("Channel"),
    "priority": N_("Priority"),
    "assignee": N_("Assignee"),
    "team": N_("Team"),
    "tier": N_("Tier"),
}
GRANULARITY_NAMES = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


@dataclass(frozen=True, slots=True)
class ChartSpec:
    metric: MetricName
    heading: str
    explanation: str


CHARTS = (
    ChartSpec(
        MetricName.CSAT,
        N_("Customer satisfaction (CSAT)"),
        N_("Answers rating 4 or 5 of 5, in percent of all CSAT answers."),
    ),
    ChartSpec(
        MetricName.NPS,
        N_("Net Promoter Score (NPS)"),
        N_("Percent promoters (9-10) minus percent detractors (0-6), from -100 to 100."),
    ),
    ChartSpec(
        MetricName.FCR,
        N_("First contact resolution (FCR)"),
        N_(
            "Tickets solved with one public reply and not reopened within 7 days, in percent"
            " of tickets solved."
        ),
    ),
    ChartSpec(
        MetricName.SLA_COMPLIANCE,
        N_("SLA compliance"),
        N_("SLA targets met, in percent of targets met or breached."),
    ),
    ChartSpec(
        MetricName.FIRST_RESPONSE_TIME,
        N_("First response time"),
        N_("Creation to first public reply: median and 90th percentile."),
    ),
    ChartSpec(
        MetricName.RESOLUTION_TIME,
        N_("Resolution time"),
        N_("Creation to first solve: median and 90th percentile."),
    ),
)
CHART_SPECS = {spec.metric: spec for spec in CHARTS}


@dataclass(frozen=True)
class Formats:
    """Numbers, durations and dates as the page's locale writes them, in the chosen zone."""

    locale: Locale
    time_zone: str

    def percent(self, value: float | None) -> str:
        if value is None:
            return NOTHING
        # One decimal, exactly (a Decimal: 46.4 / 100 as a float prints 0.46399999...).
        exact = Decimal(str(round(value, 1))) / 100
        return format_percent(exact, locale=self.locale, decimal_quantization=False)

    def score(self, value: float | None) -> str:
        if value is None:
            return NOTHING
        return format_decimal(round(value, 1), locale=self.locale)

    def count(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def duration(
        self, seconds: float | None, unit: tuple[str, float] | None = None, length: str = "short"
    ) -> str:
        if seconds is None:
            return NOTHING
        name, size = unit or duration_unit([seconds])
        return format_unit(
            round(seconds / size, 1),
            f"duration-{name}",
            length=length,  # type: ignore[arg-type]
            locale=self.locale,
        )

    def bucket(self, start: datetime, granularity: str, *, short: bool = False) -> str:
        skeleton = (
            ("yMMM" if not short else "MMMyy")
            if granularity == "month"
            else ("MMMd" if short else "yMMMd")
        )
        return format_skeleton(skeleton, start, tzinfo=ZoneInfo(self.time_zone), locale=self.locale)

    def instant(self, instant: datetime) -> str:
        return format_datetime(
            instant, "short", tzinfo=ZoneInfo(self.time_zone), locale=self.locale
        )


def duration_unit(values: Sequence[float | None]) -> tuple[str, float]:
    largest = max((value for value in values if value is not None), default=0.0)
    return next(
        ((name, size) for name, size in DURATION_UNITS if largest >= 2 * size),
        DURATION_UNITS[-1],
    )


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    value: float | None
    url: str | None  # the records behind this figure


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    bucket_start: datetime
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    css: str
    label: str
    square: bool  # the marker of odd series
    dashed: bool


@dataclass(frozen=True, slots=True)
class ChartView:
    metric: str
    heading: str
    explanation: str
    svg: Markup
    legend: tuple[LegendEntry, ...]
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    records_url: str
    csv_url: str
    api_path: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Headline:
    metric: str
    label: str
    text: str
    value: float | None
    detail: str


@dataclass(frozen=True, slots=True)
class TableView:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DashboardView:
    window: Window
    period_text: str
    as_of_text: str | None
    headlines: tuple[Headline, ...]
    charts: tuple[ChartView, ...]
    backlog_svg: Markup
    backlog_by_age: TableView
    backlog_by_status: TableView
    sla_calibration: TableView
    delivery_calibration: TableView


Link = Callable[[str, dict[str, str]], str]  # path and query -> URL keeping the language


@dataclass(frozen=True)
class Builder:
    """Turns the metrics' answers into the page's views, in one locale."""

    wording: Wording
    formats: Formats
    pickers: Pickers
    window: Window
    link: Link

    def _(self, message: str, **values: str) -> str:
        return self.wording.gettext(message, **values)

    def period_text(self) -> str:
        return self._(
            "%(start)s to %(end)s, %(zone)s",
            start=self.formats.bucket(self.window.start, "day"),
            end=self.formats.bucket(self.window.end - timedelta(seconds=1), "day"),
            zone=self.window.timezone,
        )

    def as_of_text(self, summary: Summary) -> str | None:
        """The instant up to which the metrics count changes (their rollups' `as_of`)."""
        if summary.as_of is None:
            return None
        return self._("Figures as of %(time)s.", time=self.formats.instant(summary.as_of))

    # --- drill-down links --------------------------------------------------------------------

    def records_query(
        self, bucket: datetime | None = None, group: str | None = None
    ) -> dict[str, str]:
        query = self.pickers.query()
        if bucket is not None:
            query["bucket"] = bucket.isoformat()
        if group is not None:
            query["group"] = group
        return query

    def records_url(
        self, metric: str, bucket: datetime | None = None, group: str | None = None
    ) -> str:
        return self.link(f"{RECORDS_PATH}{metric}", self.records_query(bucket, group))

    def api_path(self, metric: str, narrowing: dict[str, str] | None = None) -> str:
        """The metrics API's records route for the same window (what a program would call)."""
        query = {
            "from": self.window.start.isoformat(),
            "to": self.window.end.isoformat(),
            "timezone": self.window.timezone,
            "granularity": self.pickers.granularity,
        }
        if self.pickers.group_by:
            query["group_by"] = self.pickers.group_by
        return f"/v1/metrics/{metric}/records?{urlencode({**query, **(narrowing or {})})}"

    # --- headline figures --------------------------------------------------------------------

    def headlines(self, summary: Summary) -> tuple[Headline, ...]:
        def ratio(
            metric: str, label: str, figure: Figure, what: str, text: Callable[[float | None], str]
        ) -> Headline:
            return Headline(
                metric,
                self._(label),
                text(figure.value),
                figure.value,
                self._(what, count=self.formats.count(figure.denominator)),
            )

        def duration(metric: str, label: str, figure: DurationFigure) -> Headline:
            return Headline(
                metric,
                self._(label),
                self.formats.duration(figure.median_seconds),
                figure.median_seconds,
                self._("median of %(count)s tickets", count=self.formats.count(figure.sample_size)),
            )

        percent, sla = self.formats.percent, summary.sla_compliance
        return (
            ratio("csat", N_("CSAT"), summary.csat, N_("%(count)s answers"), percent),
            ratio("nps", N_("NPS"), summary.nps, N_("%(count)s answers"), self.formats.score),
            ratio("fcr", N_("FCR"), summary.fcr, N_("%(count)s tickets solved"), percent),
            ratio(
                "sla_first_response",
                N_("First responses in SLA"),
                sla.first_response,
                N_("%(count)s targets"),
                percent,
            ),
            ratio(
                "sla_resolution",
                N_("Resolutions in SLA"),
                sla.resolution,
                N_("%(count)s targets"),
                percent,
            ),
            duration("first_response_time", N_("First response time"), summary.first_response_time),
            duration("resolution_time", N_("Resolution time"), summary.resolution_time),
            Headline(
                "backlog",
                self._("Open tickets"),
                self.formats.count(summary.backlog.total),
                summary.backlog.total,
                self._("now, whatever the period"),
            ),
        )

    # --- trend charts ------------------------------------------------------------------------

    def chart(self, spec: ChartSpec, answer: MetricSeries) -> ChartView:
        shown = _largest_groups(answer.series)
        starts = [point.bucket_start for point in answer.series[0].points]
        if answer.kind == "duration":
            lines, columns, rows, axis, tick = self._duration_parts(spec, shown, starts)
        else:
            lines, columns, rows, axis, tick = self._figure_parts(spec, answer, shown, starts)
        chart = LineChart(
            chart_id=f"chart-{spec.metric}",
            title=self._(spec.heading),
            description=self._(
                "%(what)s per %(bucket)s, %(period)s. The table of figures follows the chart.",
                what=self._(spec.heading),
                bucket=self._(GRANULARITY_NAMES[self.pickers.granularity]),
                period=self.period_text(),
            ),
            x_labels=tuple(
                self.formats.bucket(s, self.pickers.granularity, short=True) for s in starts
            ),
            lines=tuple(lines),
            axis=axis,
            tick_label=tick,
        )
        hidden = len(answer.series) - len(shown)
        return ChartView(
            metric=str(spec.metric),
            heading=self._(spec.heading),
            explanation=self._(spec.explanation),
            svg=line_chart(chart),
            legend=tuple(
                LegendEntry(series_class(i), line.label, i % 2 == 1, i % 4 != 0)
                for i, line in enumerate(lines)
            ),
            columns=tuple(columns),
            rows=tuple(rows),
            records_url=self.records_url(spec.metric),
            csv_url=self.link(f"{RECORDS_PATH}{spec.metric}/csv", self.records_query()),
            api_path=self.api_path(spec.metric),
            note=self._(
                "The %(shown)s largest groups are shown; %(hidden)s more are in the records.",
                shown=str(len(shown)),
                hidden=str(hidden),
            )
            if hidden
            else None,
        )

    def _group_label(self, series: Series, fallback: str) -> str:
        if self.pickers.group_by is None:
            return fallback
        return series.group if series.group is not None else self._("(none)")

    def _figure_parts(
        self, spec: ChartSpec, answer: MetricSeries, shown: list[Series], starts: list[datetime]
    ) -> tuple[list[Line], list[str], list[Row], Axis, Callable[[float], str]]:
        text = self.formats.score if answer.kind == "score" else self.formats.percent
        axis = SCORE_AXIS if answer.kind == "score" else PERCENT_AXIS
        lines = [
            Line(
                self._group_label(series, self._(spec.heading)),
                tuple(_number(point.value) for point in series.points),
            )
            for series in shown
        ]
        rows = self._rows(spec, shown, starts, lambda point: (_number(point.value),), text)
        return lines, [line.label for line in lines], rows, axis, lambda v: text(v)

    def _duration_parts(
        self, spec: ChartSpec, shown: list[Series], starts: list[datetime]
    ) -> tuple[list[Line], list[str], list[Row], Axis, Callable[[float], str]]:
        every = [p.p90_seconds for s in shown for p in s.points] + [
            p.median_seconds for s in shown for p in s.points
        ]
        unit = duration_unit(every)
        grouped = self.pickers.group_by is not None
        median, p90 = self._("median"), self._("90th percentile")
        if grouped:  # the medians are charted; the table has both
            lines = [Line(self._group_label(s, ""), _medians(s)) for s in shown]
            columns = [
                f"{self._group_label(s, '')}: {kind}" for s in shown for kind in (median, p90)
            ]
        else:
            lines = [
                Line(median, _medians(shown[0])),
                Line(p90, tuple(p.p90_seconds for p in shown[0].points)),
            ]
            columns = [median, p90]
        size = unit[1]
        axis = axis_from_zero([value / size if value else None for value in every])
        axis = Axis(axis.low * size, axis.high * size, tuple(t * size for t in axis.ticks))
        rows = self._rows(
            spec,
            shown,
            starts,
            lambda point: (point.median_seconds, point.p90_seconds),
            lambda value: self.formats.duration(value, unit),
        )
        return lines, columns, rows, axis, lambda v: self.formats.duration(v, unit, "narrow")

    def _rows(
        self,
        spec: ChartSpec,
        shown: list[Series],
        starts: list[datetime],
        values: Callable[[Point], tuple[float | None, ...]],
        text: Callable[[float | None], str],
    ) -> list[Row]:
        """A chart's table: a row per bucket, a cell per series and value of its point there,
        each linking to the point's records."""
        return [
            Row(
                self.formats.bucket(start, self.pickers.granularity),
                start,
                tuple(
                    Cell(text(value), value, self._cell_url(spec.metric, series, series.points[i]))
                    for series in shown
                    for value in values(series.points[i])
                ),
            )
            for i, start in enumerate(starts)
        ]

    def _cell_url(self, metric: str, series: Series, point: Point) -> str | None:
        if point.sample_size == 0:
            return None
        if self.pickers.group_by is not None and series.group is None:
            return None  # the records API filters on a group's value; "none" is no value
        return self.records_url(metric, point.bucket_start, series.group)

    # --- backlog and calibration -------------------------------------------------------------

    def backlog(self, summary: Summary) -> tuple[Markup, TableView, TableView]:
        by_age = summary.backlog.by_age
        bars = tuple(
            Bar(self._(label), float(by_age.get(band, 0))) for band, label in AGE_BANDS.items()
        )
        chart = BarChart(
            chart_id="chart-backlog",
            title=self._("Open tickets by age"),
            description=self._(
                "Open tickets now, by time since creation. The table of figures follows the chart."
            ),
            bars=bars,
            axis=axis_from_zero([bar.value for bar in bars]),
            tick_label=lambda v: self.formats.count(v),
        )
        ages = TableView(
            (self._("Age"), self._("Open tickets")),
            tuple((bar.label, self.formats.count(bar.value)) for bar in bars),
        )
        statuses = TableView(
            (self._("Status"), self._("Open tickets")),
            tuple(
                (status, self.formats.count(count))
                for status, count in sorted(summary.backlog.by_status.items())
            ),
        )
        return bar_chart(chart), ages, statuses

    def sla_calibration(self, calibration: Calibration) -> TableView:
        d = self.formats.duration
        return self._table(
            calibration.rows,
            {
                N_("Priority"): lambda row: row.priority,
                N_("Target"): lambda row: self._(SLA_METRICS.get(str(row.metric), str(row.metric))),
                N_("Promised"): lambda row: d(row.target_seconds)
                + (" " + self._("(business hours)") if row.target_business_hours else ""),
                N_("Met"): lambda row: self._met(row.met),
                N_("Observed median"): lambda row: d(
                    row.observed.median_seconds if row.observed else None
                ),
                N_("Observed p90"): lambda row: d(
                    row.observed.p90_seconds if row.observed else None
                ),
                N_("Observed p95"): lambda row: d(
                    row.observed.p95_seconds if row.observed else None
                ),
                N_("Would meet 90 %"): lambda row: d(row.suggested_target_p90_seconds),
                N_("Would meet 95 %"): lambda row: d(row.suggested_target_p95_seconds),
            },
        )

    def delivery_calibration(self, calibration: DeliveryCalibration) -> TableView:
        d = self.formats.duration
        return self._table(
            calibration.rows,
            {
                N_("Carrier"): lambda lane: lane.carrier or NOTHING,
                N_("Service level"): lambda lane: lane.service_level or NOTHING,
                N_("Destination"): lambda lane: lane.destination_country or NOTHING,
                N_("Promises kept"): lambda lane: self._met(lane.kept),
                N_("Observed p50"): lambda lane: d(lane.observed.p50_seconds),
                N_("Observed p90"): lambda lane: d(lane.observed.p90_seconds),
                N_("Deliveries"): lambda lane: self.formats.count(lane.observed.sample_size),
                N_("Promise for 90 %"): lambda lane: d(
                    _confidence(lane.promise_for_confidence, 0.9)
                ),
                N_("Promise for 95 %"): lambda lane: d(
                    _confidence(lane.promise_for_confidence, 0.95)
                ),
            },
        )

    def _table(self, items: Iterable[Item], columns: dict[str, Callable[[Item], str]]) -> TableView:
        """A row per item; a column per heading (translated), with the cell it shows of an item."""
        return TableView(
            tuple(self._(heading) for heading in columns),
            tuple(tuple(cell(item) for cell in columns.values()) for item in items),
        )

    def _met(self, figure: Figure) -> str:
        return self._(
            "%(percent)s of %(count)s",
            percent=self.formats.percent(figure.value),
            count=self.formats.count(figure.denominator),
        )


def _confidence(promises: dict[str, float | None], level: float) -> float | None:
    for key, value in promises.items():
        if float(key) == level:
            return value
    return None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _medians(series: Series) -> tuple[float | None, ...]:
    return tuple(point.median_seconds for point in series.points)


def _largest_groups(series: list[Series]) -> list[Series]:
    """At most MAX_GROUPS series, those with the most measurements, in the API's order."""
    if len(series) <= MAX_GROUPS:
        return series
    sizes = sorted(series, key=lambda s: -sum(p.sample_size for p in s.points))[:MAX_GROUPS]
    kept = {id(s) for s in sizes}
    return [s for s in series if id(s) in kept]


async def dashboard_view(
    session: AsyncSession,
    settings: Settings,
    pickers: Pickers,
    now: datetime,
    wording: Wording,
    link: Link,
) -> DashboardView:
    window = window_of(pickers, now)
    builder = Builder(wording, Formats(wording.locale, pickers.timezone), pickers, window, link)
    whole = Window(window.start, window.end)
    rollups = settings.metrics_rollups  # as the metrics API: false, raw rows answer
    summary = await metrics.summary(session, whole, now, rollups=rollups)
    charts = [
        builder.chart(
            spec, await metrics.series(session, spec.metric, window, now, rollups=rollups)
        )
        for spec in CHARTS
    ]
    backlog_svg, by_age, by_status = builder.backlog(summary)
    return DashboardView(
        window=window,
        period_text=builder.period_text(),
        as_of_text=builder.as_of_text(summary),
        headlines=builder.headlines(summary),
        charts=tuple(charts),
        backlog_svg=backlog_svg,
        backlog_by_age=by_age,
        backlog_by_status=by_status,
        sla_calibration=builder.sla_calibration(
            await metrics.calibration(session, whole, rollups=rollups)
        ),
        delivery_calibration=builder.delivery_calibration(
            await orders.delivery_calibration(session, window.start, window.end, settings, now)
        ),
    )


RECORD_COLUMNS = (
    N_("Ticket"),
    N_("Measured at"),
    N_("Value"),
    N_("Detail"),
    N_("Channel"),
    N_("Priority"),
    N_("Assignee"),
    N_("Team"),
    N_("Counts in numerator"),
)


def records_table(wording: Wording, formats: Formats, records: Sequence[MetricRecord]) -> TableView:
    """The records behind a figure, with the fields a person checks."""
    yes, no = wording.gettext("yes"), wording.gettext("no")

    def cells(record: MetricRecord) -> tuple[str, ...]:
        return (
            f"#{record.ticket_number}" if record.ticket_number is not None else NOTHING,
            formats.instant(record.measured_at),
            NOTHING
            if record.value is None
            else format_decimal(record.value, locale=formats.locale),
            record.detail or NOTHING,
            record.channel or NOTHING,
            record.priority or NOTHING,
            record.assignee or NOTHING,
            record.team or NOTHING,
            yes if record.in_numerator else no,
        )

    return TableView(
        tuple(wording.gettext(column) for column in RECORD_COLUMNS),
        tuple(cells(record) for record in records),
    )
