"""How the page writes figures: in the page's locale, exactly to one decimal, durations in a
readable unit, and the instant the metrics count up to when they say it."""

from datetime import UTC, datetime

import pytest
from babel import Locale

from app.dashboard.pickers import Pickers, window_of
from app.dashboard.views import Builder, Formats, duration_unit
from app.metrics.schemas import (
    Backlog,
    DurationFigure,
    FcrFigure,
    Figure,
    SlaCompliance,
    Summary,
)
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
