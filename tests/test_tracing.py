"""OpenTelemetry tracing with the real SDK and its in-memory exporter: a request's span and its
SQL, a webhook delivery's span linked to the request that recorded its event, trace ids in the
log lines, and the OTEL_* variables read as the specification says."""

import json
import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import standardwebhooks.webhooks
from fastapi import FastAPI
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy import select, text

from app.auth.scopes import Scope
from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.kit.logging_setup import JsonFormatter, TextFormatter
from app.kit.tracing import (
    _exporters_from_environment,
    new_tracer_provider,
    use_tracer_provider,
)
from app.main import create_app
from app.models import Event
from app.webhooks.dispatcher import WebhookDispatcher
from tests.conftest import MakeKey
from tests.factories import create_ticket, receiver_endpoint
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.receiver import clocked_datetime, running_receiver


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    use_tracer_provider(new_tracer_provider(SimpleSpanProcessor(exporter)))
    yield exporter
    use_tracer_provider(None)


@pytest.fixture
async def traced_database(
    spans: InMemorySpanExporter, database_url: str, database: Database
) -> AsyncIterator[Database]:
    """A pool of its own, built while tracing is on (`database` only for the cleanup)."""
    traced = Database(database_url, pool_size=2, max_overflow=2)
    yield traced
    await traced.dispose()


@pytest.fixture
def traced_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"tracing": True})


@pytest.fixture
async def traced_client(
    traced_settings: Settings, traced_database: Database, clock: MutableClock
) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(traced_settings, database=traced_database, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.TICKETS_READ, Scope.TICKETS_WRITE, Scope.WEBHOOKS_MANAGE))


def server_spans(exporter: InMemorySpanExporter, name: str) -> list[ReadableSpan]:
    return [
        span
        for span in exporter.get_finished_spans()
        if span.kind == SpanKind.SERVER and span.name == name
    ]


def children(exporter: InMemorySpanExporter, parent: ReadableSpan) -> list[ReadableSpan]:
    assert parent.context is not None
    return [
        span
        for span in exporter.get_finished_spans()
        if span.parent is not None and span.parent.span_id == parent.context.span_id
    ]


def _statement(span: ReadableSpan) -> str:
    attributes = span.attributes or {}
    return str(attributes.get("db.statement") or attributes.get("db.query.text") or "")


async def test_a_request_is_one_trace_with_a_span_per_statement(
    traced_client: httpx.AsyncClient, spans: InMemorySpanExporter, headers: dict[str, str]
) -> None:
    ticket = await create_ticket(traced_client, headers)
    spans.clear()
    assert (await traced_client.get(f"/v1/tickets/{ticket['id']}", headers=headers)).is_success

    [request] = server_spans(spans, "GET /v1/tickets/{ticket_id}")
    assert request.attributes is not None
    assert request.attributes["http.route"] == "/v1/tickets/{ticket_id}"
    statements = children(spans, request)
    assert statements
    assert all(span.kind == SpanKind.CLIENT for span in statements)
    assert any(span.name.startswith("SELECT") for span in statements)
    assert any("FROM tickets" in _statement(span) for span in statements)


async def test_a_delivery_span_links_to_the_request_that_recorded_its_event(
    traced_client: httpx.AsyncClient,
    traced_settings: Settings,
    traced_database: Database,
    spans: InMemorySpanExporter,
    headers: dict[str, str],
    clock: MutableClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", clocked_datetime(clock))
    dispatcher = WebhookDispatcher(traced_settings)
    async with running_receiver() as receiver:
        await receiver_endpoint(
            traced_client, headers, receiver, "/hooks", event_types=["ticket.created"]
        )
        spans.clear()
        await create_ticket(traced_client, headers)
        context = JobContext(traced_database, clock, traced_settings)
        assert await dispatcher.deliver_due(context) == 1
        await dispatcher.close(grace_seconds=0)
    [received] = receiver.requests("/hooks")
    assert received.verified_by

    [request] = server_spans(spans, "POST /v1/tickets")
    [delivery] = [span for span in spans.get_finished_spans() if span.name == "webhook delivery"]
    assert request.context is not None
    assert delivery.context is not None
    assert [(link.context.trace_id, link.context.span_id) for link in delivery.links] == [
        (request.context.trace_id, request.context.span_id)
    ]
    assert delivery.parent is None  # a trace of its own, one link away from its cause
    assert delivery.context.trace_id != request.context.trace_id
    assert delivery.attributes is not None
    assert delivery.attributes["aftercare.webhook.message_id"] == received.headers["webhook-id"]
    under_delivery = children(spans, delivery)
    [http_call] = [span for span in under_delivery if span.name == "POST"]
    assert http_call.kind == SpanKind.CLIENT
    # The outcome recorded: one statement (WITH ... UPDATE ... INSERT) for the attempts that
    # ended together, written under the span of the first of them (here the only one).
    assert any(span.name.startswith("WITH") for span in under_delivery)

    async with traced_database.sessionmaker() as session:
        stored = await session.scalar(
            select(Event.traceparent).where(Event.type == "ticket.created")
        )
    assert stored is not None
    assert stored.startswith(f"00-{request.context.trace_id:032x}-{request.context.span_id:016x}-")


async def test_log_lines_carry_the_trace_and_span_ids(
    traced_client: httpx.AsyncClient,
    spans: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="aftercare.http")
    lines: list[tuple[str, str]] = []

    class BothFormats(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append((JsonFormatter().format(record), TextFormatter().format(record)))

    handler = BothFormats()
    http_logger = logging.getLogger("aftercare.http")
    http_logger.addHandler(handler)
    try:
        assert (await traced_client.get("/healthz")).is_success
    finally:
        http_logger.removeHandler(handler)

    [request] = server_spans(spans, "GET /healthz")
    assert request.context is not None
    [(json_line, text_line)] = lines
    entry = json.loads(json_line)
    assert entry["trace_id"] == f"{request.context.trace_id:032x}"
    assert len(entry["span_id"]) == 16
    assert f"trace_id={entry['trace_id']} span_id={entry['span_id']}]" in text_line


async def test_statements_outside_any_span_are_not_traced(
    traced_database: Database, spans: InMemorySpanExporter
) -> None:
    """The worker's polling: a query a second, a trace each, would drown what matters."""
    async with traced_database.sessionmaker() as session:
        await session.execute(text("SELECT 1"))
    assert spans.get_finished_spans() == ()


def test_exporters_and_service_name_come_from_the_otel_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.delenv("OTEL_RESOURCE_ATTRIBUTES", raising=False)
    assert new_tracer_provider().resource.attributes["service.name"] == "aftercare"
    monkeypatch.setenv("OTEL_SERVICE_NAME", "aftercare-eu")
    assert new_tracer_provider().resource.attributes["service.name"] == "aftercare-eu"

    monkeypatch.delenv("OTEL_TRACES_EXPORTER", raising=False)
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    [otlp] = _exporters_from_environment()
    assert isinstance(otlp, OTLPSpanExporter)
    assert otlp._endpoint == "http://collector:4318/v1/traces"
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    assert [type(exporter) for exporter in _exporters_from_environment()] == [ConsoleSpanExporter]
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "none")
    assert _exporters_from_environment() == []


async def test_a_customer_links_token_never_reaches_a_span(
    spans: InMemorySpanExporter, traced_client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    ticket = await create_ticket(traced_client, headers)
    created = await traced_client.post(f"/v1/tickets/{ticket['id']}/status-link", headers=headers)
    assert created.status_code == 201, created.text
    path = httpx.URL(created.json()["url"]).path
    token = path.rsplit("/", 1)[-1]

    page = await traced_client.get(
        f"{path}?utm_source=mail", headers={"Accept": "application/json"}
    )

    assert page.status_code == 200, page.text
    recorded = [
        str(value)
        for span in spans.get_finished_spans()
        for value in (span.attributes or {}).values()
    ]
    assert any("/v1/public/tickets/{token}" in value for value in recorded)
    leaks = [
        (s.name, k)
        for s in spans.get_finished_spans()
        for k, v in (s.attributes or {}).items()
        if token in str(v)
    ]
    assert not leaks
