"""How the page writes figures: in the page's locale, exactly to one decimal, durations in a
readable unit, and the instant the metrics count up to when they say it."""

from datetime import UTC, datetime

import pytest
from babel import Locale

from app.dashboard.pickers import Pickers, window_of
from app.dashboard.views import Builder, Formats, duration_unit
from app.metrics.schemas import (
    Backlog,
    Calibration,
    CalibrationRow,
    DurationFigure,
    FcrFigure,
    Figure,
    Observed,
    SlaCompliance,
    Summary,
)
from app.orders.schemas import CalibrationLane, DeliveryCalibration, TransitQuantiles
from app.sla.types import SlaMetric
from app.web.i18n import wording_for

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tag", "value", "written"),
    [
        ("en", 46.4, "46.4%"),
        ("en", 46.39999, "46.4%"),
        ("de", 88.46, "88,5\N{NO-BREAK SPACE}%"),
        ("fr", 100.0, "100\N{NO-BREAK SPACE}%"),
        ("en", None, "\N{EN DASH}"),
    ],
)
def test_percentages_have_one_exact_decimal_in_the_locale(
    tag: str, value: float | None, written: str
) -> None:
    assert Formats(Locale.parse(tag), "UTC").percent(value) == written


def test_durations_take_the_largest_readable_unit() -> None:
    assert duration_unit([90.0]) == ("minute", 60.0)
    assert duration_unit([3 * 3600.0, None]) == ("hour", 3600.0)
    assert duration_unit([5 * 86400.0]) == ("day", 86400.0)
    assert Formats(Locale.parse("en"), "UTC").duration(5400.0) == "90 min"
    assert Formats(Locale.parse("de"), "UTC").duration(9000.0, ("hour", 3600.0)) == "2,5 Std."


def _summary() -> Summary:
    figure = Figure(value=None, numerator=0, denominator=0, sample_size=0)
    duration = DurationFigure(median_seconds=None, p90_seconds=None, sample_size=0)
    return Summary(
        period_from=NOW,
        period_to=NOW,
        csat=figure,
        nps=figure,
        expectations_met=figure,
        survey_response_rate=figure,
        sla_compliance=SlaCompliance(
            first_response=figure, next_response=figure, resolution=figure
        ),
        fcr=FcrFigure(**figure.model_dump(), zero_reply_resolutions=0),
        retention=figure,
        delivery_on_time=figure,
        first_response_time=duration,
        resolution_time=duration,
        tickets_created=0,
        tickets_solved=0,
        backlog=Backlog(total=0, by_status={}, by_age={}),
    )


def test_the_instant_the_figures_count_up_to_is_shown_when_the_metrics_give_it() -> None:
    pickers = Pickers(timezone="Europe/Berlin")
    builder = Builder(
        wording_for(["de"]),
        Formats(Locale.parse("de"), pickers.timezone),
        pickers,
        window_of(pickers, NOW),
        lambda path, query: path,
    )
    assert builder.as_of_text(_summary()) is None
    with_as_of = _summary().model_copy(
        update={"as_of": datetime(2026, 11, 20, 15, 29, 58, tzinfo=UTC)}
    )
    assert builder.as_of_text(with_as_of) == "Werte mit Stand 20.11.26, 16:29."


def _builder(tag: str) -> Builder:
    pickers = Pickers()
    return Builder(
        wording_for([tag]),
        Formats(Locale.parse(tag), pickers.timezone),
        pickers,
        window_of(pickers, NOW),
        lambda path, query: path,
    )


def test_the_sla_calibration_table_puts_each_figure_under_its_heading() -> None:
    met = Figure(value=75.0, numerator=3, denominator=4, sample_size=4)
    rows = [
        CalibrationRow(
            priority="urgent",
            metric=SlaMetric.FIRST_RESPONSE,
            target_seconds=3600.0,
            target_business_hours=True,
            met=met,
            observed=Observed(
                median_seconds=1800.0, p90_seconds=3000.0, p95_seconds=5400.0, sample_size=4
            ),
            suggested_target_p90_seconds=3000.0,
            suggested_target_p95_seconds=5400.0,
        ),
        CalibrationRow(
            priority="low",
            metric=SlaMetric.NEXT_RESPONSE,
            target_seconds=7200.0,
            target_business_hours=False,
            met=met,
            observed=None,
            suggested_target_p90_seconds=None,
            suggested_target_p95_seconds=None,
        ),
    ]
    table = _builder("de").sla_calibration(Calibration(period_from=NOW, period_to=NOW, rows=rows))
    assert table.columns[:4] == ("Priorität", "Ziel", "Versprochen", "Eingehalten")
    assert len(table.columns) == 9
    assert table.rows == (
        (
            "urgent", "Erste Antwort", "60 Min. (Geschäftszeiten)", "75\N{NO-BREAK SPACE}% von 4",
            "30 Min.", "50 Min.", "90 Min.", "50 Min.", "90 Min.",
        ),
        ("low", "Nächste Antwort", "2 Std.", "75\N{NO-BREAK SPACE}% von 4", *["\N{EN DASH}"] * 5),
    )  # fmt: skip


def test_the_delivery_calibration_table_puts_each_figure_under_its_heading() -> None:
    lane = CalibrationLane(
        carrier="dhl",
        service_level=None,
        destination_country="DE",
        kept=Figure(value=50.0, numerator=1, denominator=2, sample_size=2),
        observed=TransitQuantiles(
            sample_size=2,
            min_seconds=86400.0,
            p50_seconds=86400.0,
            p90_seconds=172800.0,
            p95_seconds=172800.0,
            max_seconds=172800.0,
        ),
        promise_for_confidence={"0.5": 86400.0, "0.9": 172800.0, "0.95": None},
    )
    calibration = DeliveryCalibration(period_from=NOW, period_to=NOW, rows=[lane])
    table = _builder("en").delivery_calibration(calibration)
    assert table.columns == (
        "Carrier", "Service level", "Destination", "Promises kept", "Observed p50",
        "Observed p90", "Deliveries", "Promise for 90 %", "Promise for 95 %",
    )  # fmt: skip
    assert table.rows == (
        ("dhl", "\N{EN DASH}", "DE", "50% of 2", "24 hr", "2 days", "2", "2 days", "\N{EN DASH}"),
    )
