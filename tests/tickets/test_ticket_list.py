from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.factories import create_order, create_ticket
from tests.support.api import assert_problem
from tests.support.clock import MutableClock

Headers = dict[str, str]


@pytest.fixture
async def tickets(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> dict[str, dict[str, Any]]:
    clock.set(datetime(2026, 11, 2, 9, tzinfo=UTC))
    await create_order(client, admin_headers, "ord-1")
    made = {
        "email-normal": await create_ticket(client, admin_headers, tags=["delivery"]),
        "chat-urgent": await create_ticket(
            client,
            admin_headers,
            channel="chat",
            priority="urgent",
            assignee="agent-1",
            team="  Returns ",
            tags=["delivery", "vip"],
        ),
    }
    clock.advance(timedelta(days=1))
    made["phone-order"] = await create_ticket(
        client,
        admin_headers,
        channel="phone",
        order_external_ref="ord-1",
        customer={"external_ref": "cust-1"},
    )
    made["other-customer"] = await create_ticket(
        client, admin_headers, customer={"external_ref": "cust-2"}
    )
    await client.patch(
        f"/v1/tickets/{made['phone-order']['id']}",
        json={"status": "pending"},
        headers=admin_headers,
    )
    await client.post(
        f"/v1/tickets/{made['other-customer']['id']}/escalate",
        json={"reason": "x"},
        headers=admin_headers,
    )
    return made


async def _subjects_by_id(
    client: httpx.AsyncClient, headers: Headers, query: str, tickets: dict[str, dict[str, Any]]
) -> list[str]:
    response = await client.get(f"/v1/tickets?{query}", headers=headers)
    assert response.status_code == 200, response.text
    names = {ticket["id"]: name for name, ticket in tickets.items()}
    return [names[item["id"]] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["other-customer", "phone-order", "chat-urgent", "email-normal"]),
        ("status=pending", ["phone-order"]),
        (
            "status=pending&status=new",
            ["other-customer", "phone-order", "chat-urgent", "email-normal"],
        ),
        ("priority=urgent", ["chat-urgent"]),
        ("channel=chat&channel=phone", ["phone-order", "chat-urgent"]),
        ("tier=2", ["other-customer"]),
        ("assignee=agent-1", ["chat-urgent"]),
        ("team=Returns", ["chat-urgent"]),
        ("team=returns", []),
        ("customer=cust-2", ["other-customer"]),
        ("order=ord-1", ["phone-order"]),
        ("tag=delivery", ["chat-urgent", "email-normal"]),
        ("tag=delivery&tag=VIP", ["chat-urgent"]),
        ("created_from=2026-11-03T00:00:00Z", ["other-customer", "phone-order"]),
        ("created_to=2026-11-03T00:00:00Z", ["chat-urgent", "email-normal"]),
        ("customer=nobody", []),
    ],
)
async def test_list_filters(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    tickets: dict[str, dict[str, Any]],
    query: str,
    expected: list[str],
) -> None:
    assert await _subjects_by_id(client, admin_headers, query, tickets) == expected


async def test_list_pages_do_not_overlap(
    client: httpx.AsyncClient, admin_headers: Headers, tickets: dict[str, dict[str, Any]]
) -> None:
    first = (await client.get("/v1/tickets?limit=3", headers=admin_headers)).json()
    second = (
        await client.get(
            f"/v1/tickets?limit=3&cursor={first['next_cursor']}", headers=admin_headers
        )
    ).json()
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "pointer"),
    [
        ("status=lost", "/status/0"),
        ("tier=3", "/tier"),
        ("created_from=yesterday", "/created_from"),
        ("created_from=2026-11-01T00:00:00", "/created_from"),
    ],
)
async def test_bad_filters_are_422(
    client: httpx.AsyncClient, admin_headers: Headers, query: str, pointer: str
) -> None:
    assert_problem(await client.get(f"/v1/tickets?{query}", headers=admin_headers), 422, pointer)
