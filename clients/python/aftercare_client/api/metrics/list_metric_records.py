import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.granularity import Granularity
from ...models.group_by import GroupBy
from ...models.metric_name import MetricName
from ...models.page_metric_record import PageMetricRecord
from ...models.problem import Problem
from ...models.record_part import RecordPart
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: MetricName,
    *,
    bucket: datetime.datetime | None | Unset = UNSET,
    group: None | str | Unset = UNSET,
    part: None | RecordPart | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_bucket: None | str | Unset
    if isinstance(bucket, Unset):
        json_bucket = UNSET
    elif isinstance(bucket, datetime.datetime):
        json_bucket = bucket.isoformat()
    else:
        json_bucket = bucket
    params["bucket"] = json_bucket

    json_group: None | str | Unset
    if isinstance(group, Unset):
        json_group = UNSET
    else:
        json_group = group
    params["group"] = json_group

    json_part: None | str | Unset
    if isinstance(part, Unset):
        json_part = UNSET
    elif isinstance(part, RecordPart):
        json_part = part.value
    else:
        json_part = part
    params["part"] = json_part

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

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
        "url": "/v1/metrics/{name}/records".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageMetricRecord | Problem | None:
    if response.status_code == 200:
        response_200 = PageMetricRecord.from_dict(response.json())

        return response_200

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
) -> Response[PageMetricRecord | Problem]:
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
    bucket: datetime.datetime | None | Unset = UNSET,
    group: None | str | Unset = UNSET,
    part: None | RecordPart | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
) -> Response[PageMetricRecord | Problem]:
    """List Metric Records

     The records behind a figure: the tickets, survey answers, invitations, SLA targets or
    orders the series counts for the same window, zone, bucket and group, newest first,
    each marked as counted in the numerator and the denominator. `Accept: text/csv`: every
    record from the cursor on, streamed as CSV (`limit` does not apply).

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        bucket (datetime.datetime | None | Unset): only this bucket: a point's bucket_start (the
            start of a bucket of the window at this granularity and time zone, else a 422)
        group (None | str | Unset): only this group's records (needs group_by)
        part (None | RecordPart | Unset): numerator: only the records counted in it (not for
            durations); denominator: every record (each counts in it)
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageMetricRecord | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        bucket=bucket,
        group=group,
        part=part,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    bucket: datetime.datetime | None | Unset = UNSET,
    group: None | str | Unset = UNSET,
    part: None | RecordPart | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
) -> PageMetricRecord | Problem | None:
    """List Metric Records

     The records behind a figure: the tickets, survey answers, invitations, SLA targets or
    orders the series counts for the same window, zone, bucket and group, newest first,
    each marked as counted in the numerator and the denominator. `Accept: text/csv`: every
    record from the cursor on, streamed as CSV (`limit` does not apply).

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        bucket (datetime.datetime | None | Unset): only this bucket: a point's bucket_start (the
            start of a bucket of the window at this granularity and time zone, else a 422)
        group (None | str | Unset): only this group's records (needs group_by)
        part (None | RecordPart | Unset): numerator: only the records counted in it (not for
            durations); denominator: every record (each counts in it)
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageMetricRecord | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        bucket=bucket,
        group=group,
        part=part,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
    ).parsed


async def asyncio_detailed(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    bucket: datetime.datetime | None | Unset = UNSET,
    group: None | str | Unset = UNSET,
    part: None | RecordPart | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
) -> Response[PageMetricRecord | Problem]:
    """List Metric Records

     The records behind a figure: the tickets, survey answers, invitations, SLA targets or
    orders the series counts for the same window, zone, bucket and group, newest first,
    each marked as counted in the numerator and the denominator. `Accept: text/csv`: every
    record from the cursor on, streamed as CSV (`limit` does not apply).

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        bucket (datetime.datetime | None | Unset): only this bucket: a point's bucket_start (the
            start of a bucket of the window at this granularity and time zone, else a 422)
        group (None | str | Unset): only this group's records (needs group_by)
        part (None | RecordPart | Unset): numerator: only the records counted in it (not for
            durations); denominator: every record (each counts in it)
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageMetricRecord | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        bucket=bucket,
        group=group,
        part=part,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        granularity=granularity,
        timezone=timezone,
        group_by=group_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: MetricName,
    *,
    client: AuthenticatedClient,
    bucket: datetime.datetime | None | Unset = UNSET,
    group: None | str | Unset = UNSET,
    part: None | RecordPart | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    timezone: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
) -> PageMetricRecord | Problem | None:
    """List Metric Records

     The records behind a figure: the tickets, survey answers, invitations, SLA targets or
    orders the series counts for the same window, zone, bucket and group, newest first,
    each marked as counted in the numerator and the denominator. `Accept: text/csv`: every
    record from the cursor on, streamed as CSV (`limit` does not apply).

    Args:
        name (MetricName): A metric `GET /v1/metrics/{name}` charts.
        bucket (datetime.datetime | None | Unset): only this bucket: a point's bucket_start (the
            start of a bucket of the window at this granularity and time zone, else a 422)
        group (None | str | Unset): only this group's records (needs group_by)
        part (None | RecordPart | Unset): numerator: only the records counted in it (not for
            durations); denominator: every record (each counts in it)
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)
        from_ (datetime.datetime | None | Unset): start (inclusive); default: to - 30 d. Must be
            before `to`, and the period may span at most 732 days (else a 422)
        to (datetime.datetime | None | Unset): end (exclusive); default: now. Must be after
            `from`, at most 732 days later (else a 422)
        granularity (Granularity | Unset):
        timezone (str | Unset): IANA time zone of the buckets, e.g. Europe/Berlin; a name not in
            the IANA database is a 422 Default: 'UTC'.
        group_by (GroupBy | None | Unset): metrics of tickets, answers and SLA targets only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageMetricRecord | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            bucket=bucket,
            group=group,
            part=part,
            limit=limit,
            cursor=cursor,
            from_=from_,
            to=to,
            granularity=granularity,
            timezone=timezone,
            group_by=group_by,
        )
    ).parsed
