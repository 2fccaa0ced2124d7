"""The dashboard: HTML pages over the metrics API for a person with metrics:read. They have no
JSON twin (the API is that), so they are left out of the OpenAPI document.

A browser gets in by signing in with an API key (checked once, never kept) or by opening a
dashboard link; either opens a session whose token is an HttpOnly, SameSite=Strict cookie on
/dashboard (Secure over https). Forms that change the session (sign-in, sign-out) are
protected from cross-site requests by SameSite=Strict and by checking that the request's
`Origin` (or, when a browser sends none or `null`, as it does under the pages'
`Referrer-Policy: no-referrer`, its `Sec-Fetch-Site: same-origin`) is this service: else 403
cross-site-form. Reading pages changes nothing, so it needs no such check.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import URL

from app.auth.errors import InvalidApiKey, MissingScope, RevokedApiKey
from app.config import Settings
from app.dashboard import service, views
from app.dashboard.errors import CrossSiteForm
from app.dashboard.pickers import (
    GRANULARITIES,
    GROUP_BYS,
    PERIOD_DAYS,
    Pickers,
    parse_pickers,
    time_zones,
    window_of,
)
from app.kit.clock import ClockDep
from app.kit.csv_export import csv_response
from app.kit.db import SessionDep
from app.kit.errors import RequestInvalid
from app.kit.inputs import DASHBOARD_PATH, QueryCheckedRoute, Timestamp
from app.kit.pagination import PageParamsDep
from app.kit.rate_limit import PublicRateLimit
from app.metrics import service as metrics
from app.metrics.schemas import MetricRecord, RecordPart
from app.metrics.service import RecordQuery
from app.metrics.types import MetricName
from app.web.i18n import N_
from app.web.pages import PageDep, PageRequest

router = APIRouter(prefix=DASHBOARD_PATH, include_in_schema=False, route_class=QueryCheckedRoute)
COOKIE = "aftercare_dashboard"
SIGN_IN_PATH = f"{DASHBOARD_PATH}/sign-in"
FORM = "application/x-www-form-urlencoded"
MAX_KEY_LENGTH = 200
PICKER_ERRORS = {
    "/period": N_("Choose a period from the list."),
    "/granularity": N_("Choose day, week or month."),
    "/timezone": N_("Choose a time zone from the list."),
    "/group_by": N_("Choose a grouping from the list."),
}
SIGN_IN_ERRORS = {
    MissingScope: N_("This key lacks the metrics:read scope."),
    RevokedApiKey: N_("This key has been revoked."),
    InvalidApiKey: N_("This is not a valid API key."),
}
Picker = Annotated[str | None, Query(max_length=64)]


@dataclass(frozen=True, slots=True)
class RecordsParams:
    """The query of a records page and of its CSV: the pickers as sent (parsed only once the
    browser is known to be signed in) and what narrows the records."""

    period: str | None
    granularity: str | None
    timezone: str | None
    group_by: str | None
    narrowing: RecordQuery

    def pickers(self) -> Pickers:
        return parse_pickers(self.period, self.granularity, self.timezone, self.group_by)


def _records_params(
    period: Picker = None,
    granularity: Picker = None,
    timezone: Picker = None,
    group_by: Picker = None,
    bucket: Annotated[Timestamp | None, Query()] = None,
    group: Annotated[str | None, Query(max_length=128)] = None,
    part: Annotated[RecordPart | None, Query()] = None,
) -> RecordsParams:
    return RecordsParams(period, granularity, timezone, group_by, RecordQuery(bucket, group, part))


RecordsParamsDep = Annotated[RecordsParams, Depends(_records_params)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or _settings(request).public_base_url.scheme == "https"


def _with_session(response: Response, request: Request, token: str) -> Response:
    # No Max-Age: the browser forgets the cookie when its session ends; the server-side
    # session expires after dashboard_session_hours anyway.
    response.set_cookie(
        COOKIE,
        token,
        path=DASHBOARD_PATH,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        # Under `Referrer-Policy: no-referrer` browsers post forms with `Origin: null`; they
        # say where the request comes from in Sec-Fetch-Site (a forger cannot set it).
        return request.headers.get("sec-fetch-site") == "same-origin"
    own = {_origin(request.url), _origin(URL(str(_settings(request).public_base_url)))}
    return origin in own


def _origin(url: URL) -> str:
    return f"{url.scheme}://{url.netloc}"


def _check_form_origin(request: Request) -> None:
    if not _same_origin(request):
        raise CrossSiteForm("This form was posted from another site.")


async def _signed_in(request: Request, session: SessionDep, clock: ClockDep) -> bool:
    return await service.session_is_live(session, request.cookies.get(COOKIE), clock.now())


def _to_sign_in(page: PageRequest) -> Response:
    return RedirectResponse(page.url(SIGN_IN_PATH), status_code=303)


def _link(page: PageRequest) -> views.Link:
    return lambda path, query: page.url(path, **query)


def _picker_context(page: PageRequest, pickers: Pickers) -> dict[str, object]:
    return {
        "pickers": pickers,
        "periods": PERIOD_DAYS,
        "granularities": [(g, page.gettext(views.GRANULARITY_NAMES[g])) for g in GRANULARITIES],
        "group_bys": [(g, page.gettext(views.GROUP_BY_NAMES[g])) for g in GROUP_BYS],
        "time_zones": time_zones(),
        "form_action": DASHBOARD_PATH,
        "explicit_lang": page.explicit,
        "sign_out_action": page.url(f"{DASHBOARD_PATH}/sign-out"),
    }


@router.get("")
async def show_dashboard(
    page: PageDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    period: Picker = None,
    granularity: Picker = None,
    timezone: Picker = None,
    group_by: Picker = None,
) -> Response:
    if not await _signed_in(request, session, clock):
        return _to_sign_in(page)
    try:
        pickers = parse_pickers(period, granularity, timezone, group_by)
    except RequestInvalid as invalid:
        errors = [
            (error["pointer"].lstrip("/"), page.gettext(PICKER_ERRORS[error["pointer"]]))
            for error in invalid.errors or []
        ]
        context = {**_picker_context(page, Pickers()), "view": None, "errors": errors}
        return page.render("dashboard.html", context, status_code=invalid.status)
    view = await views.dashboard_view(
        session, _settings(request), pickers, clock.now(), page.wording, _link(page)
    )
    context = {**_picker_context(page, pickers), "view": view, "errors": []}
    return page.render("dashboard.html", context)


@router.get("/records/{name}")
async def show_metric_records(
    page: PageDep,
    request: Request,
    name: MetricName,
    session: SessionDep,
    clock: ClockDep,
    page_params: PageParamsDep,
    asked: RecordsParamsDep,
) -> Response:
    """A page of the records behind a chart (or one of its points): the records the metrics
    API lists for the same window, zone, bucket and group."""
    if not await _signed_in(request, session, clock):
        return _to_sign_in(page)
    now = clock.now()
    pickers = asked.pickers()
    window = window_of(pickers, now)
    measure, filters = metrics.records_of(name, window, asked.narrowing, now)
    records = await metrics.list_records(session, measure, window, filters, page_params)
    builder = views.Builder(
        page.wording, views.Formats(page.locale, pickers.timezone), pickers, window, _link(page)
    )
    bucket, group, part = asked.narrowing.bucket, asked.narrowing.group, asked.narrowing.part
    query = {**builder.records_query(bucket, group), **({"part": part} if part else {})}
    narrowing: dict[str, str] = {
        key: query[key] for key in ("bucket", "group", "part") if key in query
    }
    chart = views.CHART_SPECS.get(name)
    return page.render(
        "dashboard_records.html",
        {
            "metric": name,
            "heading": page.gettext(chart.heading) if chart else str(name),
            "period_text": builder.period_text(),
            "bucket_text": builder.formats.bucket(bucket, pickers.granularity) if bucket else None,
            "group": group,
            "table": views.records_table(page.wording, builder.formats, records.items),
            "next_url": page.url(
                f"{views.RECORDS_PATH}{name}",
                **query,
                limit=str(page_params.limit),
                cursor=records.next_cursor,
            )
            if records.next_cursor
            else None,
            "csv_url": page.url(f"{views.RECORDS_PATH}{name}/csv", **query),
            "back_url": page.url(DASHBOARD_PATH, **pickers.query()),
            "api_path": builder.api_path(name, narrowing),
            "sign_out_action": page.url(f"{DASHBOARD_PATH}/sign-out"),
        },
    )


@router.get("/records/{name}/csv")
async def export_metric_records(
    page: PageDep,
    request: Request,
    name: MetricName,
    session: SessionDep,
    clock: ClockDep,
    page_params: PageParamsDep,
    asked: RecordsParamsDep,
) -> Response:
    """The same records as CSV, every one from the cursor on (as the API's `Accept: text/csv`)."""
    if not await _signed_in(request, session, clock):
        return _to_sign_in(page)
    now = clock.now()
    window = window_of(asked.pickers(), now)
    measure, filters = metrics.records_of(name, window, asked.narrowing, now)
    records = metrics.export_records(
        request.app.state.database, measure, window, filters, page_params
    )
    columns = tuple(MetricRecord.model_fields)

    async def rows() -> AsyncIterator[list[object]]:
        async for record in records:
            yield [getattr(record, column) for column in columns]

    return csv_response(columns, rows(), f"{name}-records.csv")


@router.get("/sign-in")
async def show_sign_in(
    page: PageDep, request: Request, session: SessionDep, clock: ClockDep
) -> Response:
    if await _signed_in(request, session, clock):
        return RedirectResponse(page.url(DASHBOARD_PATH), status_code=303)
    return _sign_in_page(page)


def _sign_in_page(page: PageRequest, error: str | None = None, status_code: int = 200) -> Response:
    return page.render(
        "dashboard_sign_in.html",
        {"form_action": page.url(SIGN_IN_PATH), "error": error},
        status_code=status_code,
    )


@router.post("/sign-in")
async def sign_in(
    _: PublicRateLimit, page: PageDep, request: Request, session: SessionDep, clock: ClockDep
) -> Response:
    """Checks the key once (active, with metrics:read) and opens a session; the key itself is
    neither kept nor put in the cookie."""
    _check_form_origin(request)
    form = await request.form() if request.headers.get("content-type", "").startswith(FORM) else {}
    api_key = str(form.get("api_key", ""))[:MAX_KEY_LENGTH]
    settings = _settings(request)
    try:
        token = await service.sign_in(
            request.app.state.database,
            session,
            api_key,
            clock.now(),
            timedelta(hours=settings.dashboard_session_hours),
        )
    except (InvalidApiKey, RevokedApiKey, MissingScope) as refused:
        return _sign_in_page(page, page.gettext(SIGN_IN_ERRORS[type(refused)]), 422)
    redirect = RedirectResponse(page.url(DASHBOARD_PATH), status_code=303)
    return _with_session(redirect, request, token)


@router.post("/sign-out")
async def sign_out(page: PageDep, request: Request, session: SessionDep) -> Response:
    _check_form_origin(request)
    await service.sign_out(session, request.cookies.get(COOKIE))
    redirect = RedirectResponse(page.url(SIGN_IN_PATH), status_code=303)
    redirect.delete_cookie(
        COOKIE, path=DASHBOARD_PATH, httponly=True, samesite="strict", secure=_secure(request)
    )
    return redirect


@router.get("/open/{token}")
async def open_dashboard_link(
    _: PublicRateLimit,
    page: PageDep,
    token: str,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
) -> Response:
    """A dashboard link: opens a session and moves to /dashboard, so the token leaves the
    address bar and the history."""
    settings = _settings(request)
    session_token = await service.open_link(
        session, token, clock.now(), timedelta(hours=settings.dashboard_session_hours)
    )
    redirect = RedirectResponse(page.url(DASHBOARD_PATH), status_code=303)
    return _with_session(redirect, request, session_token)
