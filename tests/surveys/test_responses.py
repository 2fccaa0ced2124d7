from datetime import timedelta

import httpx

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import Customer
from tests.conftest import MakeKey
from tests.factories import (
    add_customer,
    add_order,
    add_ticket,
    answer_survey,
    create_invitation,
)
from tests.support.api import bearer
from tests.support.clock import MutableClock

VALID = {"satisfaction": 4, "expectations_met": True}


async def test_responses_are_filtered_by_template_customer_order_ticket_and_time(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    clock: MutableClock,
) -> None:
    await add_customer(database, "cust-2")
    ticket = await add_ticket(database, customer, status="solved")
    await add_order(database, customer, "order-7")
    early = await create_invitation(client, survey_headers, order_external_ref="order-7")
    await answer_survey(client, early["token"], VALID)
    clock.advance(timedelta(hours=1))
    boundary = clock.now()
    support = await create_invitation(
        client, survey_headers, "support-csat", ticket_id=str(ticket.id)
    )
    await answer_survey(client, support["token"], {"support_satisfaction": 5})
    clock.advance(timedelta(hours=1))
    other = await create_invitation(client, survey_headers, customer_external_ref="cust-2")
    await answer_survey(client, other["token"], VALID)

    async def invitations_listed(**params: str) -> list[str]:
        response = await client.get(
            "/v1/survey-responses", params=params, headers=survey_headers
        )
        assert response.status_code == 200, response.text
        return [item["invitation_id"] for item in response.json()["items"]]

    assert await invitations_listed() == [other["id"], support["id"], early["id"]]
    assert await invitations_listed(template="support-csat") == [support["id"]]
    assert await invitations_listed(template_id=support["template"]["id"]) == [support["id"]]
    assert await invitations_listed(customer_external_ref="cust-2") == [other["id"]]
    assert await invitations_listed(ticket_id=str(ticket.id)) == [support["id"]]
    assert await invitations_listed(order="order-7") == [early["id"]]
    assert await invitations_listed(**{"from": boundary.isoformat()}) == [
        other["id"], support["id"],
    ]
    assert await invitations_listed(**{"to": boundary.isoformat()}) == [early["id"]]
    assert await invitations_listed(customer_external_ref="nobody") == []
    assert await invitations_listed(order="no-such-order") == []


async def test_responses_are_paginated(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    clock: MutableClock,
) -> None:
    for _ in range(3):
        created = await create_invitation(client, survey_headers)
        await answer_survey(client, created["token"], VALID)
        clock.advance(timedelta(seconds=1))
    first = await client.get("/v1/survey-responses?limit=2", headers=survey_headers)
    cursor = first.json()["next_cursor"]
    second = await client.get(
        "/v1/survey-responses", params={"limit": 2, "cursor": cursor}, headers=survey_headers
    )
    assert len(first.json()["items"]) == 2
    assert len(second.json()["items"]) == 1
    assert second.json()["next_cursor"] is None


async def test_bad_filters_are_422_naming_the_parameter(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    for params, pointer in (
        ({"from": "2026-11-01T00:00:00"}, "/from"),  # no time zone: ambiguous
        ({"ticket_id": "not-a-uuid"}, "/ticket_id"),
        ({"template": "Bad Slug!"}, "/template"),
        ({"order": "bad ref!"}, "/order"),
    ):
        response = await client.get("/v1/survey-responses", params=params, headers=survey_headers)
        assert response.status_code == 422, params
        assert response.json()["errors"][0]["pointer"] == pointer


async def test_listing_responses_needs_surveys_read(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    writer = bearer(await make_key(Scope.SURVEYS_WRITE))
    assert (await client.get("/v1/survey-responses", headers=writer)).status_code == 403
