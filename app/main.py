"""The application factory: routers, middleware, error handlers and lifespan."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig

from app.auth.router import router as api_keys_router
from app.config import Settings, get_settings
from app.customers.router import router as customers_router
from app.dashboard.page_router import router as dashboard_pages_router
from app.dashboard.router import router as dashboard_links_router
from app.events.router import router as events_router
from app.events.router import types_router as event_types_router
from app.events.schemas import webhook_operations
from app.feedback.router import router as feedback_router
from app.health.router import router as health_router
from app.idempotency.service import REPLAYED_HEADER, IdempotentReplay
from app.kb.metrics_router import router as kb_metrics_router
from app.kb.public_router import router as public_articles_router
from app.kb.router import router as articles_router
from app.kit.cache import CacheListener
from app.kit.clock import Clock, SystemClock
from app.kit.db import Database, asyncpg_dsn, ensure_database_url
from app.kit.errors import register_error_handlers
from app.kit.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from app.kit.openapi import build_openapi, operation_id
from app.kit.rate_limit import SlidingWindowRateLimiter
from app.kit.server import freeze_startup_heap
from app.kit.tracing import configure_tracing, instrument_app
from app.metrics.router import router as metrics_router
from app.orders.router import delivery_router
from app.orders.router import router as orders_router
from app.sla.router import calendars_router, policies_router
from app.surveys.public_router import router as public_surveys_router
from app.surveys.router import router as surveys_router
from app.tickets.public_router import router as public_tickets_router
from app.tickets.router import router as tickets_router
from app.web.middleware import CustomerPageMiddleware
from app.web.pages import STATIC_DIR, STATIC_PATH, Pages
from app.webhooks.router import deliveries_router as webhook_deliveries_router
from app.webhooks.router import endpoints_router as webhook_endpoints_router
from app.webhooks.ssrf import system_resolver
from app.worker import new_worker

API_DESCRIPTION = """Post-purchase support: orders, tickets, SLAs, signed webhooks, surveys,
feedback and metrics. Authenticate with `Authorization: Bearer <api key>`; errors are RFC 9457
`application/problem+json`."""


_NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    configure_tracing(settings.tracing)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owns_database = database is None
        if owns_database:
            configured = await asyncio.to_thread(ensure_database_url, settings)
            app.state.database = Database.from_settings(configured)
        stop_worker = asyncio.Event()
        worker_task = None
        if settings.run_worker_in_api:
            worker = new_worker(app.state.database, app.state.clock, settings)
            worker_task = asyncio.create_task(worker.run(stop_worker), name="worker")
        app.state.cache_listener = CacheListener(
            asyncpg_dsn(app.state.database.url), app.state.database.caches
        )
        listener_task = asyncio.create_task(
            app.state.cache_listener.run(stop_worker), name="cache-listener"
        )
        try:
            yield
        finally:
            stop_worker.set()
            await listener_task
            if worker_task is not None:
                await worker_task
            if owns_database:
                await app.state.database.dispose()

    app = FastAPI(
        title="Aftercare",
        version="0.1.0",
        description=API_DESCRIPTION,
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
        # Relative: the API is wherever this document was fetched from.
        servers=[{"url": "/", "description": "this Aftercare service"}],
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        # FastAPI's own OpenTelemetry middleware, asked on every request whether a provider is
        # configured; tracing is ours (app.kit.tracing), so off unless tracing is on.
        telemetry=None if settings.tracing else _NO_NATIVE_TELEMETRY,
    )
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    app.state.public_rate_limiter = SlidingWindowRateLimiter(
        settings.public_rate_limit_requests,
        timedelta(seconds=settings.public_rate_limit_window_seconds),
    )
    app.state.webhook_resolver = system_resolver
    app.state.pages = Pages()
    if database is not None:
        app.state.database = database
    register_error_handlers(app)
    app.add_exception_handler(IdempotentReplay, _replay_stored_answer)
    # Tickets first: a request is matched against each router's routes in turn (a microsecond
    # or two each, router by router), and ticket routes are the most requested.
    for router in (
        tickets_router, health_router, api_keys_router,
        orders_router, delivery_router, customers_router, policies_router, calendars_router,
        surveys_router, public_surveys_router, public_tickets_router, feedback_router,
        kb_metrics_router, metrics_router, articles_router, public_articles_router,
        dashboard_links_router, dashboard_pages_router,
        webhook_endpoints_router, webhook_deliveries_router, events_router, event_types_router,
    ):
        app.include_router(router)
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC_DIR), name="static")
    _add_middleware(app, settings)
    instrument_app(app)
    app.openapi = lambda: build_openapi(  # type: ignore[method-assign]
        app, webhooks=webhook_operations()
    )
    return app


def create_served_app() -> FastAPI:
    """The app of one server process of `aftercare serve --workers N`, its heap frozen."""
    app = create_app()
    freeze_startup_heap()
    return app


async def _replay_stored_answer(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, IdempotentReplay)
    return exc.response()


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # Added innermost first: the request context wraps everything, so every line has its id.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", REPLAYED_HEADER, "ETag"],
        )
    app.add_middleware(CustomerPageMiddleware)
    app.add_middleware(
        RequestContextMiddleware, observe_metrics=settings.metrics_port is not None
    )
