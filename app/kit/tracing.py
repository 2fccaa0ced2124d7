"""OpenTelemetry tracing: off unless AFTERCARE_TRACING=true, then configured by the standard
OTEL_* variables (OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, OTEL_TRACES_EXPORTER,
OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_TRACES_SAMPLER, OTEL_BSP_*, ...) and exported over OTLP/HTTP.

Requests (FastAPI), SQL statements (SQLAlchemy) and webhook calls (httpx) are traced. An event
recorded while a span is active keeps that span's W3C `traceparent` in the outbox, and the span
of the event's webhook delivery links to it: the delivery belongs to a trace of its own (it may
happen hours later, retried), one click away from the request that caused it.
"""

import contextlib
import logging
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.types import Attributes
from sqlalchemy import Engine

from app.kit.inputs import PUBLIC_LINK_PREFIX

logger = logging.getLogger("aftercare.tracing")
DEFAULT_SERVICE_NAME = "aftercare"
_propagator = TraceContextTextMapPropagator()
_provider: TracerProvider | None = None  # None: tracing is off


def tracing_enabled() -> bool:
    return _provider is not None


def configure_tracing(enabled: bool) -> None:
    """Once per process, before the app and the database are built: the provider the OTEL_*
    variables describe, unless tracing is off (or a provider is in use already)."""
    if not enabled or _provider is not None:
        return
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        logger.info("tracing is on, but OTEL_SDK_DISABLED=true: nothing is traced")
        return
    provider = new_tracer_provider()
    for exporter in _exporters_from_environment():
        provider.add_span_processor(BatchSpanProcessor(exporter))
    use_tracer_provider(provider)
    trace.set_tracer_provider(provider)  # for any library that looks there


def new_tracer_provider(*processors: SpanProcessor) -> TracerProvider:
    """A provider with the resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES; `aftercare`
    by default) and the sampler (OTEL_TRACES_SAMPLER) of the environment."""
    resource = Resource.create()
    if str(resource.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        resource = resource.merge(Resource({SERVICE_NAME: DEFAULT_SERVICE_NAME}))
    provider = TracerProvider(resource=resource)
    provider.sampler = UnparentedClientSpansDropped(provider.sampler)
    for processor in processors:
        provider.add_span_processor(processor)
    return provider


def use_tracer_provider(provider: TracerProvider | None) -> None:
    """Trace with this provider from now on (None: stop tracing); tests use their own."""
    global _provider
    _provider = provider


_LINK_TOKEN = re.compile(rf"({re.escape(PUBLIC_LINK_PREFIX)}[^/?#]+/)[^/?#]+")


def redact_link_tokens(span: Any, scope: dict[str, Any]) -> None:
    """A customer link's token is its only credential: the URL attributes a request's span
    records (http.target, url.path, http.url, ...) keep the route, never the token."""
    for name, value in dict(getattr(span, "attributes", None) or {}).items():
        if isinstance(value, str) and PUBLIC_LINK_PREFIX in value:
            span.set_attribute(name, _LINK_TOKEN.sub(r"\1{token}", value))


class UnparentedClientSpansDropped(Sampler):
    """The environment's sampler, except that a client span with no parent is dropped: the
    worker's polling queries (a few a second, each its own trace) say nothing, while the same
    statements inside a request or a delivery are kept with it."""

    def __init__(self, delegate: Sampler) -> None:
        self.delegate = delegate

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: Any = None,
    ) -> SamplingResult:
        parent = trace.get_current_span(parent_context).get_span_context()
        if kind == SpanKind.CLIENT and not parent.is_valid:
            return SamplingResult(Decision.DROP)
        return self.delegate.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"UnparentedClientSpansDropped{{{self.delegate.get_description()}}}"


def _exporters_from_environment() -> list[SpanExporter]:
    """OTEL_TRACES_EXPORTER: `otlp` (the default; OTLP over HTTP/protobuf, configured by the
    OTEL_EXPORTER_OTLP_* variables), `console`, `none`, or a comma-separated list."""
    names = os.environ.get("OTEL_TRACES_EXPORTER", "otlp").lower().split(",")
    exporters: list[SpanExporter] = []
    for name in (name.strip() for name in names):
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporters.append(OTLPSpanExporter())
        elif name == "console":
            exporters.append(ConsoleSpanExporter())
        elif name not in ("none", ""):
            logger.warning("unknown OTEL_TRACES_EXPORTER ignored", extra={"exporter": name})
    return exporters


def instrument_app(app: FastAPI) -> None:
    """A server span per request, named by its route template."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    # No span for each ASGI message sent or received: two or three more per request, no news.
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=_provider,
        exclude_spans=["receive", "send"],
        server_request_hook=redact_link_tokens,
    )


def instrument_engine(engine: Engine) -> None:
    """A client span per SQL statement."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.instrumentation.sqlalchemy.version import __version__
    from opentelemetry.metrics import get_meter

    tracer = _provider.get_tracer("opentelemetry.instrumentation.sqlalchemy", __version__)
    usage = get_meter(__name__).create_up_down_counter("db.client.connections.usage")
    EngineTracer(tracer, engine, usage)  # type: ignore[no-untyped-call]


def instrument_http_client(client: httpx.AsyncClient) -> None:
    """A client span per outgoing request (webhook deliveries)."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor.instrument_client(client, tracer_provider=_provider)


def current_traceparent() -> str | None:
    """The W3C traceparent of the active span, to store with what it causes; None without one."""
    if _provider is None or not trace.get_current_span().get_span_context().is_valid:
        return None
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier.get("traceparent")


@contextlib.contextmanager
def linked_span(name: str, traceparent: str | None, attributes: dict[str, str]) -> Iterator[None]:
    """A new trace's root span, linked to the span `traceparent` names (when there is one)."""
    if _provider is None:
        yield
        return
    links = []
    if traceparent:
        cause = trace.get_current_span(_propagator.extract({"traceparent": traceparent}))
        if cause.get_span_context().is_valid:
            links.append(Link(cause.get_span_context()))
    tracer = _provider.get_tracer("aftercare")
    # A context of its own: never a child of whatever span happens to be active.
    with tracer.start_as_current_span(
        name, context=Context(), kind=SpanKind.PRODUCER, links=links, attributes=attributes
    ):
        yield


@contextlib.contextmanager
def statement_span(statement: str) -> Iterator[None]:
    """A client span for a statement asyncpg runs directly (`Database.fetch_row`), like the
    ones SQLAlchemy's statements get from `instrument_engine`."""
    if _provider is None:
        yield
        return
    tracer = _provider.get_tracer("aftercare.db")
    attributes = {"db.system": "postgresql", "db.statement": statement}
    verb = statement.split(None, 1)[0].upper()
    with tracer.start_as_current_span(verb, kind=SpanKind.CLIENT, attributes=attributes):
        yield
