import hashlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.config import Settings
from app.kit.clock import ClockDep
from app.kit.csv_export import CSV_RESPONSE, csv_response, wants_csv
from app.kit.db import SessionDep
from app.kit.errors import UnprocessableError, invalid_field
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep
from app.metrics import service
from app.metrics.formulas import Granularity
from app.metrics.schemas import (
    Calibration,
    GroupBy,
    MetricRecord,
    MetricSeries,
    RecordPart,
    Summary,
    Window,
)
from app.metrics.service import RecordQuery
from app.metrics.types import MetricName
from app.orders import service as orders
from app.orders.schemas import DeliveryCalibration

router = APIRouter(prefix="/v1/metrics", tags=["metrics"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.METRICS_READ))]
DEFAULT_PERIOD = timedelta(days=30)
MAX_PERIOD = timedelta(days=732)
CACHE_CONTROL = "private, max-age=30"
WINDOW_BOUNDS = {"period_from", "period_to", "as_of"}

# Rules across the two bounds, which a schema cannot state, are in their descriptions.
From = Annotated[
    Timestamp | None,
    Query(
        alias="from",
        description="start (inclusive); default: to - 30 d. Must be before `to`, and the period"
        f" may span at most {MAX_PERIOD.days} days (else a 422)",
    ),
]
To = Annotated[
    Timestamp | None,
    Query(
        alias="to",
        description="end (exclusive); default: now. Must be after `from`, at most"
        f" {MAX_PERIOD.days} days later (else a 422)",
    ),
]
TimeZone = Annotated[
    str,
    Query(
        max_length=64,
        description="IANA time zone of the buckets, e.g. Europe/Berlin; a name not in the IANA"
        " database is a 422",
    ),
]


def _period(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    end = end or now
    start = start or end - DEFAULT_PERIOD
    if start >= end:
        raise _invalid("/from", "from must be before to")
    if end - start > MAX_PERIOD:
        raise _invalid("/from", f"the period may span at most {MAX_PERIOD.days} days")
    return start, end


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _invalid("/timezone", f"unknown time zone {name!r}") from None
    return name


def _invalid(pointer: str, detail: str) -> UnprocessableError:
    return invalid_field(pointer, detail, location="query")


def _cached(request: Request, body: BaseModel) -> Response:
    """JSON with an ETag: a poll that sends If-None-Match gets 304 while the figures are the same.

    The tag is weak and leaves out the window's bounds and `as_of`: the default window ends now,
    so they move with every request while the figures may well stay the same.
    """
    payload = body.model_dump_json(by_alias=True).encode()
    figures = body.model_dump_json(exclude=WINDOW_BOUNDS).encode()
    etag = 'W/"' + hashlib.sha256(figures).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    return Response(payload, media_type="application/json", headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110's weak comparison of If-None-Match against the current tag."""
    opaque = etag.removeprefix("W/")
    tags = (tag.strip() for tag in if_none_match.split(","))
    return any(tag == "*" or tag.removeprefix("W/") == opaque for tag in tags)


@router.get(
    "/summary", response_model=Summary, responses={304: {"description": "not modified"}}
)
async def get_metrics_summary(
    _: ReadKey, request: Request, session: SessionDep, clock: ClockDep,
    period_from: From = None, period_to: To = None,
) -> Response:
    """Every headline figure for the period, each with numerator, denominator, sample size."""
    now = clock.now()
    start, end = _period(period_from, period_to, now)
    settings: Settings = request.app.state.settings
    answer = await service.summary(
        session, Window(start, end), now, rollups=settings.metrics_rollups
    )
    return _cached(request, answer)


@router.get(
    "/sla-calibration", response_model=Calibration,
    responses={304: {"description": "not modified"}},
)
async def get_sla_calibration(
    _: ReadKey, request: Request, session: SessionDep, clock: ClockDep,
    period_from: From = None, period_to: To = None,
) -> Response:
    """Per priority and metric: the target promised, the share met, the observed median, p90
    and p95, and the targets that would have been met 90 % and 95 % of the time."""
    start, end = _period(period_from, period_to, clock.now())
    settings: Settings = request.app.state.settings
    answer = await service.calibration(
        session, Window(start, end), rollups=settings.metrics_rollups
    )
    return _cached(request, answer)


GroupByQuery = Annotated[
    GroupBy | None, Query(description="metrics of tickets, answers and SLA targets only")
]


def series_window(
    clock: ClockDep,
    period_from: From = None,
    period_to: To = None,
    granularity: Granularity = "day",
    timezone: TimeZone = "UTC",
    group_by: GroupByQuery = None,
) -> Window:
    """The window of a series and of its records: period, buckets, zone and grouping."""
    start, end = _period(period_from, period_to, clock.now())
    return Window(start, end, _zone(timezone), granularity, group_by)


SeriesWindow = Annotated[Window, Depends(series_window)]
SERIES_COLUMNS = (
    "group", "bucket_start", "value", "numerator", "denominator", "median_seconds",
    "p90_seconds", "sample_size",
)
RECORD_COLUMNS = tuple(MetricRecord.model_fields)


@router.get(
    "/delivery-calibration", response_model=DeliveryCalibration,
    responses={304: {"description": "not modified"}},
)
async def get_delivery_calibration(
    _: ReadKey, request: Request, session: SessionDep, clock: ClockDep,
    period_from: From = None, period_to: To = None,
) -> Response:
    """Per carrier, service level and destination: the share of promises kept, the observed
    p50/p90/p95 transit times, and the promise that would have kept each confidence level."""
    now = clock.now()
    start, end = _period(period_from, period_to, now)
    settings: Settings = request.app.state.settings
    return _cached(
        request, await orders.delivery_calibration(session, start, end, settings, now)
    )


@router.get(
    "/{name}", response_model=MetricSeries,
    responses={200: CSV_RESPONSE, 304: {"description": "not modified"}},
)
async def get_metric_series(
    _: ReadKey,
    name: MetricName,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    window: SeriesWindow,
) -> Response:
    """A time series to chart: one point per bucket (empty buckets included, with nulls),
    one series per group. `Accept: text/csv`: one CSV row per point."""
    now = clock.now()
    settings: Settings = request.app.state.settings
    answer = await service.series(session, name, window, now, rollups=settings.metrics_rollups)
    if wants_csv(request):
        return csv_response(SERIES_COLUMNS, _series_rows(answer), f"{name}.csv")
    return _cached(request, answer)


async def _series_rows(answer: MetricSeries) -> AsyncIterator[list[object]]:
    for series in answer.series:
        for point in series.points:
            yield [series.group, *(getattr(point, column) for column in SERIES_COLUMNS[1:])]


@router.get(
    "/{name}/records", response_model=Page[MetricRecord], responses={200: CSV_RESPONSE}
)
async def list_metric_records(
    _: ReadKey,
    name: MetricName,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    page: PageParamsDep,
    window: SeriesWindow,
    bucket: Annotated[
        Timestamp | None,
        Query(
            description="only this bucket: a point's bucket_start (the start of a bucket of"
            " the window at this granularity and time zone, else a 422)"
        ),
    ] = None,
    group: Annotated[
        str | None,
        Query(max_length=128, description="only this group's records (needs group_by)"),
    ] = None,
    part: Annotated[
        RecordPart | None,
        Query(
            description="numerator: only the records counted in it (not for durations);"
            " denominator: every record (each counts in it)"
        ),
    ] = None,
) -> Response:
    """The records behind a figure: the tickets, survey answers, invitations, SLA targets or
    orders the series counts for the same window, zone, bucket and group, newest first,
    each marked as counted in the numerator and the denominator. `Accept: text/csv`: every
    record from the cursor on, streamed as CSV (`limit` does not apply)."""
    now = clock.now()
    measure, filters = service.records_of(name, window, RecordQuery(bucket, group, part), now)
    if wants_csv(request):
        records = service.export_records(
            request.app.state.database, measure, window, filters, page
        )
        return csv_response(RECORD_COLUMNS, _record_rows(records), f"{name}-records.csv")
    answer = await service.list_records(session, measure, window, filters, page)
    return Response(answer.model_dump_json(), media_type="application/json")


async def _record_rows(records: AsyncIterator[MetricRecord]) -> AsyncIterator[list[object]]:
    async for record in records:
        yield [getattr(record, column) for column in RECORD_COLUMNS]
