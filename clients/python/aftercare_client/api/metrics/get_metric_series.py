import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.granularity import Granularity
from ...models.group_by import GroupBy
from ...models.metric_name import MetricName
from ...models.metric_series import MetricSeries
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: MetricName,
    *,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_granularity: str | Unset = UNSET
    if not isinstance(granularity, Unset):
        json_granularity = granularity.value

    params["granularity"] = json_granularity

    params["timezone"] = timezone

    json_group_by: None | str | Unset
    if isinstance(group_by, Unset):
        json_group_by = UNSET
    elif isinstance(group_by, GroupBy):
        json_group_by = group_by.value
    else:
        json_group_by = group_by
    params["group_by"] = json_group_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/{name}".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | MetricSeries | Problem | None:
    if response.status_code == 200:
        response_200 = MetricSeries.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | MetricSeries | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | MetricSeries | Problem]:
    """Get Metric Series

     A time series to chart: one point per bucket (empty buckets included, with nulls),
    one series per group. `Accept: text/csv`: one CSV row per point.

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MetricSeries | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | MetricSeries | Problem | None:
    """Get Metric Series

     A time series to chart: one point per bucket (empty buckets included, with nulls),
    one series per group. `Accept: text/csv`: one CSV row per point.

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MetricSeries | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | MetricSeries | Problem]:
    """Get Metric Series

     A time series to chart: one point per bucket (empty buckets included, with nulls),
    one series per group. `Accept: text/csv`: one CSV row per point.

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MetricSeries | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | MetricSeries | Problem | None:
    """Get Metric Series

     A time series to chart: one point per bucket (empty buckets included, with nulls),
    one series per group. `Accept: text/csv`: one CSV row per point.

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MetricSeries | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            from_=from_,
            to=to,
            granularity=granularity,
            timezone=timezone,
            group_by=group_by,
            if_none_match=if_none_match,
        )
    ).parsed
