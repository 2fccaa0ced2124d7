import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.auth.scopes import Scope
from app.feedback.errors import (
    FeedbackActionBeforeActioned,
    FeedbackClosed,
    FeedbackTransitionNotAllowed,
)
from app.kit.db import Database
from app.models import Customer, Event
from tests.conftest import MakeKey
from tests.factories import add_customer, add_order, add_ticket, create_feedback
from tests.support.api import PROBLEM, bearer
from tests.support.clock import MutableClock


@pytest.fixture
async def feedback_headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.FEEDBACK_READ, Scope.FEEDBACK_WRITE, name="support lead"))


async def patch(
    client: httpx.AsyncClient, headers: dict[str, str], feedback_id: str, **fields: Any
) -> httpx.Response:
    return await client.patch(f"/v1/feedback/{feedback_id}", json=fields, headers=headers)


async def feedback_events(database: Database) -> list[Event]:
    async with database.sessionmaker() as session:
        statement = select(Event).where(Event.type.like("feedback.%")).order_by(Event.created_at)
        return list((await session.scalars(statement)).all())


async def test_feedback_links_customer_order_and_ticket_and_derives_sentiment(
    client: httpx.AsyncClient,
    feedback_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    order = await add_order(database, customer, "order-7")
    ticket = await add_ticket(database, customer, order=order)

    created = await create_feedback(
        client, feedback_headers, rating=2, area="delivery",
        customer_external_ref="cust-1", order_external_ref="order-7", ticket_id=str(ticket.id),
    )

    assert created["status"] == "new"
    assert created["sentiment"] == "negative"
    assert (created["customer_external_ref"], created["order_external_ref"]) == (
        "cust-1", "order-7",
    )
    assert created["ticket_id"] == str(ticket.id)
    read = await client.get(f"/v1/feedback/{created['id']}", headers=feedback_headers)
    assert read.json() == created
    [event] = await feedback_events(database)
    assert event.type == "feedback.created"
    assert event.data["feedback"]["id"] == created["id"]
    assert event.data["created_by"]["name"] == "support lead"


async def test_a_given_sentiment_wins_and_the_customer_comes_from_the_order(
    client: httpx.AsyncClient,
    feedback_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    await add_order(database, customer, "order-7")
    created = await create_feedback(
        client, feedback_headers, rating=5, sentiment="neutral", order_external_ref="order-7"
    )
    assert created["sentiment"] == "neutral"
    assert created["customer_external_ref"] == "cust-1"
    bare = await create_feedback(client, feedback_headers, source="social_media")
    assert (bare["sentiment"], bare["rating"], bare["customer_external_ref"]) == (
        None, None, None,
    )


@pytest.mark.parametrize(
    ("fields", "pointer"),
    [
        ({"source": "carrier_pigeon"}, "/source"),
        ({"text": "   "}, "/text"),
        ({"text": "x" * 5001}, "/text"),
        ({"rating": 0}, "/rating"),
        ({"rating": 6}, "/rating"),
        ({"sentiment": "angry"}, "/sentiment"),
        ({"area": "weather"}, "/area"),
        ({"customer_external_ref": "nobody"}, "/customer_external_ref"),
        ({"order_external_ref": "no-order"}, "/order_external_ref"),
        ({"ticket_id": "00000000-0000-0000-0000-000000000000"}, "/ticket_id"),
        ({"status": "closed"}, "/status"),
    ],
)
async def test_bad_feedback_is_422_naming_the_field(
    client: httpx.AsyncClient,
    feedback_headers: dict[str, str],
    customer: Customer,
    fields: dict[str, Any],
    pointer: str,
) -> None:
    body = {"source": "email", "text": "Hello", **fields}
    response = await client.post("/v1/feedback", json=body, headers=feedback_headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]


async def test_the_workflow_runs_new_acknowledged_actioned_closed_with_events(
    client: httpx.AsyncClient,
    feedback_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
) -> None:
    created = await create_feedback(client, feedback_headers)
    feedback_id = created["id"]

    clock.advance(timedelta(minutes=5))
    acknowledged = await patch(client, feedback_headers, feedback_id, status="acknowledged")
    missing_action = await patch(client, feedback_headers, feedback_id, status="actioned")
    clock.advance(timedelta(minutes=5))
    actioned = await patch(
        client, feedback_headers, feedback_id,
        status="actioned", action_taken="Refunded the shipping cost.",
    )
    clock.advance(timedelta(minutes=5))
    closed = await patch(client, feedback_headers, feedback_id, status="closed")

    assert acknowledged.status_code == 200
    assert missing_action.status_code == 422
    assert missing_action.json()["errors"][0]["pointer"] == "/action_taken"
    assert actioned.json()["action_taken"] == "Refunded the shipping cost."
    final = closed.json()
    assert final["status"] == "closed"
    assert final["acknowledged_at"] < final["actioned_at"] < final["closed_at"]
    assert final["updated_at"] == final["closed_at"]

    events = await feedback_events(database)
    assert [event.type for event in events] == [
        "feedback.created", "feedback.updated", "feedback.updated", "feedback.updated",
    ]
    actioned_event = events[2]
    assert actioned_event.data["changes"] == {
        "status": {"from": "acknowledged", "to": "actioned"},
        "action_taken": {"from": None, "to": "Refunded the shipping cost."},
        "area": None, "sentiment": None,
    }
    assert actioned_event.data["changed_by"]["name"] == "support lead"
    assert actioned_event.actor_api_key_id is not None
    assert actioned_event.created_at == clock.now() - timedelta(minutes=5)


async def test_illegal_transitions_and_changes_to_closed_feedback_are_409(
    client: httpx.AsyncClient, feedback_headers: dict[str, str], database: Database
) -> None:
    created = await create_feedback(client, feedback_headers)
    skipped = await patch(client, feedback_headers, created["id"], status="closed")
    assert skipped.status_code == 409
    assert skipped.json()["type"] == FeedbackTransitionNotAllowed.type_uri()

    await patch(client, feedback_headers, created["id"], status="acknowledged")
    await patch(client, feedback_headers, created["id"], status="actioned", action_taken="Called")
    await patch(client, feedback_headers, created["id"], status="closed")
    reopened = await patch(client, feedback_headers, created["id"], status="new")
    edited = await patch(client, feedback_headers, created["id"], area="pricing")

    assert (reopened.status_code, edited.status_code) == (409, 409)
    assert {reopened.json()["type"], edited.json()["type"]} == {FeedbackClosed.type_uri()}
    assert reopened.headers["content-type"] == PROBLEM


async def test_action_taken_is_recorded_with_the_move_to_actioned_or_while_actioned(
    client: httpx.AsyncClient, feedback_headers: dict[str, str], database: Database
) -> None:
    created = await create_feedback(client, feedback_headers)
    feedback_id = created["id"]

    on_new = await patch(client, feedback_headers, feedback_id, action_taken="Called")
    with_acknowledge = await patch(
        client, feedback_headers, feedback_id, status="acknowledged", action_taken="Called"
    )
    await patch(client, feedback_headers, feedback_id, status="acknowledged")
    on_acknowledged = await patch(client, feedback_headers, feedback_id, action_taken="Called")

    for refused, instead in (
        (on_new, "send status 'acknowledged' without action_taken first"),
        (with_acknowledge, "send status 'acknowledged' without action_taken first"),
        (on_acknowledged, "send status 'actioned' together with action_taken"),
    ):
        assert refused.status_code == 409
        problem = refused.json()
        assert problem["type"] == FeedbackActionBeforeActioned.type_uri()
        assert [error["pointer"] for error in problem["errors"]] == ["/action_taken"]
        assert instead in problem["detail"]
    read = (await client.get(f"/v1/feedback/{feedback_id}", headers=feedback_headers)).json()
    assert (read["status"], read["action_taken"]) == ("acknowledged", None)

    actioned = await patch(
        client, feedback_headers, feedback_id, status="actioned", action_taken="Called"
    )
    corrected = await patch(
        client, feedback_headers, feedback_id, action_taken="Called and refunded"
    )
    closed = await patch(
        client, feedback_headers, feedback_id, status="closed", action_taken="Refunded in full"
    )
    assert [r.status_code for r in (actioned, corrected, closed)] == [200, 200, 200]
    assert (corrected.json()["status"], corrected.json()["action_taken"]) == (
        "actioned", "Called and refunded",
    )
    assert (closed.json()["status"], closed.json()["action_taken"]) == (
        "closed", "Refunded in full",
    )
    updates = [event.data["changes"] for event in await feedback_events(database)
               if event.type == "feedback.updated"]
    changed = [sorted(name for name, change in changes.items() if change) for changes in updates]
    assert changed == [
        ["status"], ["action_taken", "status"], ["action_taken"], ["action_taken", "status"],
    ]


async def test_a_patch_that_changes_nothing_records_no_event(
    client: httpx.AsyncClient, feedback_headers: dict[str, str], database: Database
) -> None:
    created = await create_feedback(client, feedback_headers, area="delivery")
    response = await patch(client, feedback_headers, created["id"], status="new", area="delivery")
    assert response.status_code == 200
    assert [event.type for event in await feedback_events(database)] == ["feedback.created"]


async def test_bad_patches_are_422_or_404(
    client: httpx.AsyncClient, feedback_headers: dict[str, str]
) -> None:
    created = await create_feedback(client, feedback_headers)
    for body, pointer in (
        ({"status": None}, "/status"),
        ({"area": None}, "/area"),
        ({"status": "done"}, "/status"),
        ({"text": "rewritten"}, "/text"),
        ({"action_taken": ""}, "/action_taken"),
    ):
        response = await patch(client, feedback_headers, created["id"], **body)
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["pointer"] == pointer
    missing = await patch(
        client, feedback_headers, "00000000-0000-0000-0000-000000000000", status="acknowledged"
    )
    assert missing.status_code == 404


async def test_feedback_is_filtered_by_source_status_area_sentiment_and_time(
    client: httpx.AsyncClient, feedback_headers: dict[str, str], clock: MutableClock
) -> None:
    review = await create_feedback(client, feedback_headers, source="review", rating=5,
                                 area="product_quality")
    clock.advance(timedelta(hours=1))
    boundary = clock.now()
    email = await create_feedback(client, feedback_headers, source="email", rating=1,
                                area="delivery")
    await patch(client, feedback_headers, email["id"], status="acknowledged")

    async def listed(**params: str) -> list[str]:
        response = await client.get("/v1/feedback", params=params, headers=feedback_headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await listed() == [email["id"], review["id"]]
    assert await listed(source="review") == [review["id"]]
    assert await listed(status="acknowledged") == [email["id"]]
    assert await listed(area="delivery") == [email["id"]]
    assert await listed(sentiment="positive") == [review["id"]]
    assert await listed(**{"from": boundary.isoformat()}) == [email["id"]]
    assert await listed(**{"to": boundary.isoformat()}) == [review["id"]]
    bad = await client.get("/v1/feedback", params={"status": "open"}, headers=feedback_headers)
    assert bad.status_code == 422


async def test_feedback_is_filtered_by_customer_order_and_ticket(
    client: httpx.AsyncClient,
    feedback_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    other_customer = await add_customer(database, "cust-2")
    order = await add_order(database, customer, "order-7")
    await add_order(database, other_customer, "order-8")
    ticket = await add_ticket(database, customer, order=order)
    on_ticket = await create_feedback(client, feedback_headers, ticket_id=str(ticket.id))
    on_order = await create_feedback(client, feedback_headers, order_external_ref="order-7")
    on_other_order = await create_feedback(client, feedback_headers, order_external_ref="order-8")
    await create_feedback(client, feedback_headers)

    async def listed(**params: str) -> list[str]:
        response = await client.get("/v1/feedback", params=params, headers=feedback_headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await listed(customer="cust-1") == [on_order["id"], on_ticket["id"]]
    assert await listed(customer="cust-2") == [on_other_order["id"]]
    assert await listed(order="order-7") == [on_order["id"]]
    assert await listed(ticket=str(ticket.id)) == [on_ticket["id"]]
    assert await listed(customer="cust-1", order="order-8") == []
    assert await listed(customer="nobody") == []
    assert await listed(order="no-such-order") == []
    assert await listed(ticket="00000000-0000-0000-0000-000000000000") == []
    for params, pointer in (
        ({"customer": "bad ref!"}, "/customer"),
        ({"order": "x" * 129}, "/order"),
        ({"ticket": "not-a-uuid"}, "/ticket"),
    ):
        bad = await client.get("/v1/feedback", params=params, headers=feedback_headers)
        assert bad.status_code == 422, params
        assert bad.json()["errors"][0]["pointer"] == pointer


async def test_feedback_routes_need_their_scopes(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    reader = bearer(await make_key(Scope.FEEDBACK_READ))
    writer = bearer(await make_key(Scope.FEEDBACK_WRITE))
    body = {"source": "other", "text": "Hi"}
    assert (await client.post("/v1/feedback", json=body, headers=reader)).status_code == 403
    assert (await client.get("/v1/feedback", headers=writer)).status_code == 403
    assert (await client.post("/v1/feedback", json=body, headers=writer)).status_code == 201


async def test_two_simultaneous_transitions_do_not_both_apply(
    client: httpx.AsyncClient, feedback_headers: dict[str, str], database: Database
) -> None:
    created = await create_feedback(client, feedback_headers)
    responses = await asyncio.gather(*(
        patch(client, feedback_headers, created["id"], status="acknowledged") for _ in range(3)
    ))
    assert all(response.status_code == 200 for response in responses)
    updates = [event for event in await feedback_events(database)
               if event.type == "feedback.updated"]
    assert len(updates) == 1
