"""GET /v1/metrics/{name}/records lists the records behind a figure; their counts are the
figure's numerator and denominator, for the whole window, a bucket and a group. Series and
records also come as CSV."""

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.kit.db import Database
from app.metrics import repository
from app.metrics.errors import (
    BucketNotInWindow,
    GroupWithoutGroupBy,
    MetricNotGroupable,
    MetricWithoutRecords,
    PartNotApplicable,
)
from app.metrics.schemas import MetricRecord
from app.models import SurveyAnswer
from tests.factories import (
    add_customer,
    add_invitation,
    add_order,
    add_sla_target,
    add_survey_answer,
    add_ticket,
)
from tests.support.api import assert_problem
from tests.support.clock import MutableClock

Headers = dict[str, str]
T0 = datetime(2026, 10, 1, tzinfo=UTC)
H, DAY = timedelta(hours=1), timedelta(days=1)
PERIOD = {"from": "2026-10-01T00:00:00Z", "to": "2026-10-15T00:00:00Z"}
TRICKY_ASSIGNEE = 'Doe, "Jane"\nsecond line'
TRICKY_TEAM = "Équipe Zürich; ünïcødé ✓"


@pytest.fixture
async def seeded(database: Database, clock: MutableClock) -> None:
    """Tickets, answers, invitations, targets and orders over two weeks, in several teams,
    assignees and channels, some of them outside the period."""
    clock.set(datetime(2026, 11, 15, tzinfo=UTC))
    people = [(TRICKY_ASSIGNEE, TRICKY_TEAM), ("kim", "Billing"), (None, None)]
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for n in range(18):
            assignee, team = people[n % 3]
            created = T0 + n * 17 * H
            solved = created + (n % 4 + 1) * 5 * H
            ticket = await add_ticket(
                session, ada, created, channel=("email", "chat")[n % 2], assignee=assignee,
                team=team, status="solved", first_solved_at=solved,
                replies_at_first_solve=n % 3, first_responded_at=created + (n % 5) * H,
                first_reopened_at=solved + DAY if n % 4 == 0 else None,
            )
            await add_survey_answer(session, ada, solved, "csat", n % 5 + 1, ticket_id=ticket.id)
            await add_survey_answer(session, ada, solved, "nps", n % 11, ticket_id=ticket.id)
            await add_survey_answer(session, ada, solved, "expectations_met", n % 2)
            await add_invitation(
                session, ada, created, responded_at=created + H if n % 3 else None
            )
            await add_sla_target(
                session, ticket, "first_response", ("met", "breached")[n % 3 == 0],
                created + 2 * H, 2 * H,
            )
            await add_order(
                session, ada, f"ord-{n}", created - 3 * DAY, promised_delivery_at=created,
                delivered_at=created + (n % 3 - 1) * DAY,
            )
        await add_ticket(session, ada, T0 - DAY, team="Billing")  # before the period
        # in the period but not counted: an active target, a cancelled order
        open_ticket = await add_ticket(session, ada, T0 + DAY, team="Billing")
        await add_sla_target(session, open_ticket, "resolution", "active", T0 + 2 * DAY, DAY)
        await add_order(
            session, ada, "cancelled", T0, status="cancelled", promised_delivery_at=T0 + DAY
        )


async def _get(
    client: httpx.AsyncClient, headers: Headers, path: str, **params: str
) -> dict[str, Any]:
    response = await client.get(path, params={**PERIOD, **params}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _records(
    client: httpx.AsyncClient, headers: Headers, name: str, **params: str
) -> list[dict[str, Any]]:
    """Every page, 7 records at a time."""
    items: list[dict[str, Any]] = []
    cursor: str | None = ""
    while cursor is not None:
        extra = {"cursor": cursor} if cursor else {}
        page = await _get(
            client, headers, f"/v1/metrics/{name}/records", limit="7", **params, **extra
        )
        items.extend(page["items"])
        cursor = page["next_cursor"]
    assert len({(item["id"], item["detail"]) for item in items}) == len(items), "pages overlap"
    return items


def _numerator(records: list[dict[str, Any]]) -> int:
    return sum(record["numerator_weight"] for record in records)


RATIOS = ["csat", "nps", "expectations_met", "sla_compliance", "survey_response_rate", "fcr",
          "delivery_on_time", "tickets_created", "tickets_solved"]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("name", RATIOS)
@pytest.mark.parametrize("timezone", ["UTC", "America/Los_Angeles"])
async def test_records_add_up_to_every_point_of_the_series(
    client: httpx.AsyncClient, admin_headers: Headers, name: str, timezone: str
) -> None:
    params = {"granularity": "week", "timezone": timezone}
    series = await _get(client, admin_headers, f"/v1/metrics/{name}", **params)
    records = await _records(client, admin_headers, name, **params)
    points = series["series"][0]["points"]
    assert len(records) == sum(p["denominator"] for p in points) > 0
    assert _numerator(records) == sum(p["numerator"] for p in points)
    assert all(record["in_denominator"] for record in records)
    for point in points:
        in_bucket = await _records(
            client, admin_headers, name, bucket=point["bucket_start"], **params
        )
        assert (len(in_bucket), _numerator(in_bucket)) == (
            point["denominator"], point["numerator"]
        )
    if name != "nps":  # a detractor is in the numerator with weight -1
        numerator = await _records(client, admin_headers, name, part="numerator", **params)
        assert len(numerator) == sum(p["numerator"] for p in points)
        assert all(record["in_numerator"] for record in numerator)


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("name", ["csat", "nps", "fcr", "sla_compliance", "tickets_solved"])
@pytest.mark.parametrize("group_by", ["team", "assignee", "channel"])
async def test_records_add_up_per_group_and_bucket(
    client: httpx.AsyncClient, admin_headers: Headers, name: str, group_by: str
) -> None:
    params = {"granularity": "week", "group_by": group_by}
    series = await _get(client, admin_headers, f"/v1/metrics/{name}", **params)
    named_groups = [s for s in series["series"] if s["group"] is not None]
    assert len(named_groups) >= 2
    assert all(sum(p["denominator"] for p in s["points"]) > 0 for s in named_groups)
    for group in named_groups:
        for point in group["points"]:
            records = await _records(
                client, admin_headers, name, group=group["group"],
                bucket=point["bucket_start"], **params,
            )
            assert (len(records), _numerator(records)) == (
                point["denominator"], point["numerator"]
            )
            assert {record[group_by] for record in records} <= {group["group"]}


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("name", ["first_response_time", "resolution_time"])
async def test_duration_records_are_the_sample(
    client: httpx.AsyncClient, admin_headers: Headers, name: str
) -> None:
    series = await _get(client, admin_headers, f"/v1/metrics/{name}", granularity="month")
    records = await _records(client, admin_headers, name, granularity="month")
    assert len(records) == sum(p["sample_size"] for p in series["series"][0]["points"])
    assert not any(record["in_numerator"] for record in records)
    seconds = sorted(record["value"] for record in records)
    assert series["series"][0]["points"][0]["median_seconds"] == pytest.approx(
        (seconds[len(seconds) // 2 - 1] + seconds[len(seconds) // 2]) / 2
        if len(seconds) % 2 == 0 else seconds[len(seconds) // 2]
    )


@pytest.mark.usefixtures("seeded")
async def test_a_record_has_the_fields_a_person_checks(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    records = await _records(client, admin_headers, "csat", group_by="team", group="Billing")
    assert records
    assert all(record["team"] == "Billing" for record in records)
    first = records[0]
    assert first["record_type"] == "survey_answer"
    assert first["ticket_number"] is not None
    assert first["channel"] in {"email", "chat"}
    assert first["in_numerator"] == (first["value"] >= 4)
    assert [r["measured_at"] for r in records] == sorted(
        (r["measured_at"] for r in records), reverse=True
    )


def _parse_csv(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


@pytest.mark.usefixtures("seeded")
async def test_records_as_csv_round_trip_tricky_values(
    client: httpx.AsyncClient, admin_headers: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "STREAM_BATCH", 4)  # several round trips of the cursor
    as_json = await _records(client, admin_headers, "fcr")
    response = await client.get(
        "/v1/metrics/fcr/records", params={**PERIOD, "limit": "2"},
        headers={**admin_headers, "Accept": "text/csv"},
    )
    rows = _parse_csv(response)
    assert 'filename="fcr-records.csv"' in response.headers["content-disposition"]
    assert list(rows[0]) == list(MetricRecord.model_fields)
    assert len(rows) == len(as_json) == 18  # every record, not one page
    assert [row["id"] for row in rows] == [record["id"] for record in as_json]
    assert {row["assignee"] for row in rows} == {TRICKY_ASSIGNEE, "kim", ""}
    assert {row["team"] for row in rows} == {TRICKY_TEAM, "Billing", ""}
    assert sum(row["in_numerator"] == "true" for row in rows) == sum(
        record["in_numerator"] for record in as_json
    )


@pytest.mark.usefixtures("seeded")
async def test_a_series_as_csv_has_one_row_per_point(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    params = {**PERIOD, "granularity": "week", "group_by": "team"}
    as_json = await _get(client, admin_headers, "/v1/metrics/csat", **params)
    response = await client.get(
        "/v1/metrics/csat", params=params,
        headers={**admin_headers, "Accept": "text/csv, application/json;q=0.5"},
    )
    rows = _parse_csv(response)
    expected = [
        (s["group"] or "", p["bucket_start"], p["numerator"], p["denominator"])
        for s in as_json["series"] for p in s["points"]
    ]
    assert [
        (row["group"], datetime.fromisoformat(row["bucket_start"]), int(row["numerator"]),
         int(row["denominator"]))
        for row in rows
    ] == [(g, datetime.fromisoformat(b), n, d) for g, b, n, d in expected]
    assert TRICKY_TEAM in {row["group"] for row in rows}


@pytest.mark.parametrize(
    ("path", "params", "pointer", "problem"),
    [
        ("/v1/metrics/happiness/records", {}, "/name", None),
        ("/v1/metrics/retention/records", {}, "/name", MetricWithoutRecords),
        ("/v1/metrics/expectations_met/records", {"group_by": "team"}, "/group_by",
         MetricNotGroupable),
        ("/v1/metrics/csat/records", {"group": "Billing"}, "/group", GroupWithoutGroupBy),
        ("/v1/metrics/csat/records", {"bucket": "2026-10-01T05:00:00Z"}, "/bucket",
         BucketNotInWindow),
        ("/v1/metrics/csat/records", {"bucket": "2026-12-01T00:00:00Z"}, "/bucket",
         BucketNotInWindow),
        ("/v1/metrics/first_response_time/records", {"part": "numerator"}, "/part",
         PartNotApplicable),
        ("/v1/metrics/csat/records", {"part": "both"}, "/part", None),
        ("/v1/metrics/csat/records", {"group_by": "weather"}, "/group_by", None),
        ("/v1/metrics/csat/records", {"cursor": "nope"}, None, None),
        ("/v1/metrics/happiness", {}, "/name", None),
        ("/v1/metrics/retention", {"group_by": "team"}, "/group_by", MetricNotGroupable),
    ],
)
async def test_bad_record_requests_name_the_parameter(
    client: httpx.AsyncClient, admin_headers: Headers, path: str, params: dict[str, str],
    pointer: str | None, problem: type[Any] | None,
) -> None:
    response = await client.get(path, params={**PERIOD, **params}, headers=admin_headers)
    assert_problem(response, 400 if "cursor" in params else 422, pointer, problem=problem)


async def test_records_need_metrics_read(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    assert_problem(await client.get("/v1/metrics/csat/records"), 401)


async def test_two_answers_of_one_response_are_two_records_across_pages(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    """A template may count two questions as CSAT: each answer is a record of its own."""
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for _ in range(3):
            await add_survey_answer(session, ada, T0 + DAY, "csat", 5)
        response_ids = (await session.scalars(select(SurveyAnswer.response_id))).all()
        session.add(SurveyAnswer(
            response_id=response_ids[0], question_key="csat_again", position=2,
            question_type="csat", counts_as="csat", numeric_value=2, answered_at=T0 + DAY,
        ))
    series = await _get(client, admin_headers, "/v1/metrics/csat", granularity="month")
    records = await _records(client, admin_headers, "csat")  # 7 a page
    one_by_one: list[dict[str, Any]] = []
    cursor: str | None = ""
    while cursor is not None:
        page = await _get(
            client, admin_headers, "/v1/metrics/csat/records", limit="1",
            **({"cursor": cursor} if cursor else {}),
        )
        one_by_one.extend(page["items"])
        cursor = page["next_cursor"]
    assert series["series"][0]["points"][0]["denominator"] == 4
    assert len(records) == len(one_by_one) == 4
    assert sorted(r["detail"] for r in one_by_one) == ["csat", "csat", "csat", "csat_again"]
