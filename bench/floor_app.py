"""The anchor of bench/request_floor.py: a thin FastAPI + asyncpg app doing the same database work
as Aftercare's ticket routes, without authentication, idempotency, business hours or layers.

- `POST /tickets`: the customer upsert, the ticket, its first message, the SLA snapshot and its
  targets (from the first policy, calendar time), the `ticket.created` event and its webhook
  deliveries, in one statement; the ticket as JSON.
- `GET /tickets/{id}`: one SELECT by key (the ticket with its customer, order and SLA targets).
- `GET /tickets?limit=50`: one SELECT of the newest 50 with their customers and orders.
- `GET /tickets/{id}/events`: one SELECT of the ticket's events, oldest first, each event's data
  spliced into the answer as the JSON text PostgreSQL returns (as Aftercare does).

Served by bench/request_floor.py with `uvicorn bench.floor_app:app` (uvloop, httptools), on the
same database as Aftercare, with AFTERCARE_BENCH_FLOOR_DSN naming it.
"""

import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel

POOL_SIZE = 20

# customers, tickets, ticket_messages, ticket_slas, sla_targets, events, webhook_deliveries
_CREATE = """
WITH customer AS (
  INSERT INTO customers (id, external_ref, email, name, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $5)
  ON CONFLICT (external_ref) DO UPDATE
  SET email = coalesce(excluded.email, customers.email),
      name = coalesce(excluded.name, customers.name), updated_at = excluded.updated_at
  RETURNING id, external_ref, email, name),
ticket AS (
  INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, assignee, tags,
    created_at, updated_at, public_agent_reply_count, reopen_count, awaiting_reply_since)
  SELECT $6, $7, 'new', $8, $9, 1, customer.id, $10, $11, $5, $5, 0, 0, $5 FROM customer
  RETURNING *),
first_message AS (
  INSERT INTO ticket_messages (id, ticket_id, author_type, public, body, channel, created_at)
  SELECT $12, ticket.id, 'customer', true, $13, ticket.channel, $5 FROM ticket),
policy AS (
  SELECT * FROM sla_policies ORDER BY position, created_at, id LIMIT 1),
snapshot AS (
  INSERT INTO ticket_slas (ticket_id, policy_id, policy_name, policy_version, targets,
    pause_statuses, escalate_on_breach, applied_at)
  SELECT ticket.id, policy.id, policy.name, policy.version, policy.targets,
    policy.pause_statuses, policy.escalate_on_breach, $5 FROM ticket, policy),
targets AS (
  INSERT INTO sla_targets (id, ticket_id, metric, status, policy_id, policy_name, target,
    warn_before, business_hours, started_at, due_at, warn_at, paused_for, created_at)
  SELECT gen_random_uuid(), ticket.id, metric.key, 'active', policy.id, policy.name,
    make_interval(mins => (metric.value->>'target_minutes')::int),
    make_interval(mins => (metric.value->>'warn_before_minutes')::int), false, $5,
    $5 + make_interval(mins => (metric.value->>'target_minutes')::int),
    $5 + make_interval(mins => (metric.value->>'target_minutes')::int
      - (metric.value->>'warn_before_minutes')::int),
    interval '0', $5
  FROM ticket, policy, jsonb_each(policy.targets) AS metric
  WHERE metric.key IN ('first_response', 'resolution')),
event AS (
  INSERT INTO events (id, type, created_at, data, subject_type, subject_id)
  SELECT $14, 'ticket.created', $5, jsonb_build_object('ticket', to_jsonb(ticket)
    || jsonb_build_object('customer', to_jsonb(customer))), 'ticket', ticket.id
  FROM ticket, customer
  RETURNING id, type, created_at),
deliveries AS (
  INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status, attempts_made,
    next_attempt_at, created_at)
  SELECT gen_random_uuid(), endpoint.id, event.id, event.type, 'pending', 0, event.created_at,
    event.created_at
  FROM event JOIN webhook_endpoints AS endpoint ON endpoint.enabled
    AND (endpoint.event_types IS NULL OR event.type = ANY(endpoint.event_types)))
SELECT ticket.*, customer.external_ref AS customer_external_ref, customer.email AS customer_email,
  customer.name AS customer_name
FROM ticket, customer
"""

_TICKET_COLUMNS = """
t.*, c.external_ref AS customer_external_ref, c.email AS customer_email,
c.name AS customer_name, o.external_ref AS order_external_ref"""

_BY_ID = f"""
SELECT {_TICKET_COLUMNS},
  (SELECT json_agg(s ORDER BY s.started_at, s.id) FROM sla_targets AS s
   WHERE s.ticket_id = t.id) AS targets
FROM tickets AS t JOIN customers AS c ON c.id = t.customer_id
LEFT JOIN orders AS o ON o.id = t.order_id
WHERE t.id = $1
"""

_NEWEST = f"""
SELECT {_TICKET_COLUMNS}
FROM tickets AS t JOIN customers AS c ON c.id = t.customer_id
LEFT JOIN orders AS o ON o.id = t.order_id
ORDER BY t.created_at DESC, t.id DESC LIMIT $1
"""

_TIMELINE = """
SELECT id, type, created_at, data::text AS data FROM events
WHERE subject_id = $1 ORDER BY created_at, id LIMIT $2
"""


class CustomerIn(BaseModel):
    external_ref: str
    email: str | None = None
    name: str | None = None


class TicketIn(BaseModel):
    subject: str
    description: str
    channel: str
    priority: str = "normal"
    customer: CustomerIn
    tags: list[str] = []
    assignee: str | None = None


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _json(payload: object, status_code: int = 200) -> Response:
    body = json.dumps(payload, default=_default)
    return Response(body, status_code=status_code, media_type="application/json")


def _ticket(row: asyncpg.Record) -> dict[str, Any]:
    shown = dict(row)
    shown["customer"] = {
        "id": shown["customer_id"], "external_ref": shown.pop("customer_external_ref"),
        "email": shown.pop("customer_email"), "name": shown.pop("customer_name"),
    }
    order_ref = shown.pop("order_external_ref", None)
    shown["order"] = None if order_ref is None else {"id": shown["order_id"],
                                                      "external_ref": order_ref}
    return shown


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    dsn = os.environ["AFTERCARE_BENCH_FLOOR_DSN"]
    app.state.pool = await asyncpg.create_pool(dsn, min_size=2, max_size=POOL_SIZE)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/tickets", status_code=201)
async def create_ticket(body: TicketIn) -> Response:
    now = datetime.now(UTC)
    row = await app.state.pool.fetchrow(
        _CREATE, uuid.uuid4(), body.customer.external_ref, body.customer.email,
        body.customer.name, now, uuid.uuid4(), body.subject, body.priority, body.channel,
        body.assignee, body.tags, uuid.uuid4(), body.description, uuid.uuid4(),
    )
    return _json({**_ticket(row), "order": None}, 201)


@app.get("/tickets/{ticket_id}")
async def get_ticket(ticket_id: uuid.UUID) -> Response:
    row = await app.state.pool.fetchrow(_BY_ID, ticket_id)
    if row is None:
        raise HTTPException(404)
    shown = _ticket(row)
    shown["targets"] = json.loads(shown["targets"] or "[]")
    return _json(shown)


@app.get("/tickets")
async def list_tickets(limit: int = 50) -> Response:
    rows = await app.state.pool.fetch(_NEWEST, limit)
    return _json({"items": [_ticket(row) for row in rows], "next_cursor": None})


@app.get("/tickets/{ticket_id}/events")
async def list_ticket_events(ticket_id: uuid.UUID, limit: int = 50) -> Response:
    rows = await app.state.pool.fetch(_TIMELINE, ticket_id, limit)
    # The data's JSON text spliced in as PostgreSQL wrote it, as Aftercare does.
    items = ",".join(
        json.dumps({"id": str(row["id"]), "type": row["type"],
                    "created_at": row["created_at"].isoformat()})[:-1]
        + ', "data": ' + row["data"] + "}"
        for row in rows
    )
    body = '{"items": [' + items + '], "next_cursor": null}'
    return Response(body, media_type="application/json")
