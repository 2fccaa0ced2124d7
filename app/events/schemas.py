"""Events as the API and webhooks show them: the envelope `{id, type, created_at, data}`, with
`data` typed by the event type (app/events/catalogue.py)."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model
from pydantic_core import to_json

from app.events.catalogue import CATALOGUE, EventKind
from app.events.types import EventType
from app.models import Event


class EventEnvelope(BaseModel):
    """An event as stored and sent, its data as recorded (the webhook sender's body)."""

    id: uuid.UUID
    type: str
    created_at: datetime
    data: dict[str, Any]


def envelope_name(event_type: EventType) -> str:
    """`ticket.created` -> `TicketCreatedEvent`, `order.delivery_overdue` ->
    `OrderDeliveryOverdueEvent`: the component's name in the OpenAPI document."""
    words = event_type.replace(".", "_").split("_")
    return "".join(word.capitalize() for word in words) + "Event"


def _typed_envelope(kind: EventKind) -> type[BaseModel]:
    return create_model(
        envelope_name(kind.event_type),
        __doc__=kind.description,
        __config__=ConfigDict(title=envelope_name(kind.event_type)),
        id=(uuid.UUID, Field(description="the event's id; webhooks send it as webhook-id")),
        type=(Literal[kind.event_type], ...),  # type: ignore[arg-type]
        created_at=(datetime, ...),
        data=(kind.payload, ...),
    )


ENVELOPES: dict[EventType, type[BaseModel]] = {
    event_type: _typed_envelope(kind) for event_type, kind in CATALOGUE.items()
}
_AnyEvent = reduce(or_, ENVELOPES.values())


class EventOut(RootModel[Annotated[_AnyEvent, Field(discriminator="type")]]):  # type: ignore[valid-type]
    """An event, its `data` typed by its `type`."""


def as_recorded(event: Event) -> EventEnvelope:
    """An event as it was recorded. Answers serve events so rather than through `EventOut`:
    an event recorded before a payload gained a field cannot gain it now, and must not turn
    the list into a 500. What is recorded is checked against the catalogue by the tests."""
    return EventEnvelope.model_validate(event, from_attributes=True)


def recorded_page(events: Sequence[Mapping[str, Any]], next_cursor: str | None) -> bytes:
    """The JSON of a page of `EventEnvelope`s from rows of `id`, `type`, `created_at` and
    `data`, the data as PostgreSQL writes its JSON (text): spliced in as it is, never parsed
    and written again here (the bulk of a page)."""
    items = b",".join(
        to_json({"id": event["id"], "type": event["type"], "created_at": event["created_at"]})[:-1]
        + b',"data":' + event["data"].encode() + b"}"
        for event in events
    )
    return b'{"items":[' + items + b'],"next_cursor":' + to_json(next_cursor) + b"}"


class EventTypeOut(BaseModel):
    type: EventType
    description: str
    data_schema: dict[str, Any] = Field(
        description="the JSON Schema (2020-12) of this type's `data`"
    )


class EventTypeList(BaseModel):
    items: list[EventTypeOut]


def event_types() -> EventTypeList:
    return EventTypeList(items=[
        EventTypeOut(
            type=kind.event_type,
            description=kind.description,
            data_schema=kind.payload.model_json_schema(mode="serialization", by_alias=True),
        )
        for kind in CATALOGUE.values()
    ])


SIGNATURE_HEADERS = [
    ("webhook-id", "the event's id: receivers dedupe on it"),
    ("webhook-timestamp", "seconds since the epoch when this attempt was signed"),
    ("webhook-signature", "`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, space-separated"
     " during a secret rotation (Standard Webhooks)"),
]


def webhook_operations() -> dict[str, Any]:
    """The OpenAPI 3.1 `webhooks` section: one POST per event type, its body the typed
    envelope (the component the /v1/events answers use too)."""
    parameters = [
        {"name": name, "in": "header", "required": True, "description": description,
         "schema": {"type": "string"}}
        for name, description in SIGNATURE_HEADERS
    ]
    return {
        kind.event_type: {"post": {
            "operationId": _camel(envelope_name(kind.event_type)),
            "summary": kind.event_type,
            "description": kind.description,
            "tags": ["webhooks"],
            "security": [],
            "parameters": parameters,
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{envelope_name(kind.event_type)}"},
            }}},
            "responses": {
                "2XX": {"description": "received; any other answer is retried (410 disables"
                        " the endpoint)"},
            },
        }}
        for kind in CATALOGUE.values()
    }


def _camel(name: str) -> str:
    return name[0].lower() + name[1:]
