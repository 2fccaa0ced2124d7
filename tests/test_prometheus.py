"""Prometheus metrics: real requests, a real delivery to a real receiver, the real sweep, and
the series read back from the metrics port as a scraper reads them."""

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import httpx
import pytest
import standardwebhooks.webhooks
from fastapi import FastAPI
from pydantic import ValidationError
from sqlalchemy import text

from app.auth.scopes import Scope
from app.config import Settings
from app.events.service import record_events
from app.events.types import EventType
from app.kit.db import Database
from app.kit.jobs import Job, JobContext, Worker
from app.kit.prometheus import serve_metrics, stop_metrics
from app.main import create_app
from app.sla.tasks import sample_sweep_lag, sweep_sla_targets
from app.webhooks.dispatcher import WebhookDispatcher
from app.webhooks.tasks import sample_queue
from tests.conftest import MakeKey
from tests.factories import create_ticket, raw_event, receiver_endpoint, seed_due_targets
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.receiver import Reply, clocked_datetime, free_port, running_receiver
from tests.support.scrape import Samples, scrape, value

DURATION_COUNT = "aftercare_http_request_duration_seconds_count"


@pytest.fixture
def metrics_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"metrics_port": free_port()})


@pytest.fixture
def metrics_url(metrics_settings: Settings) -> Iterator[str]:
    assert metrics_settings.metrics_port is not None
    server = serve_metrics("127.0.0.1", metrics_settings.metrics_port)
    yield f"http://127.0.0.1:{metrics_settings.metrics_port}/metrics"
    stop_metrics(server)


@pytest.fixture
def metrics_app(metrics_settings: Settings, database: Database, clock: MutableClock) -> FastAPI:
    return create_app(metrics_settings, database=database, clock=clock)


@pytest.fixture
async def metrics_client(metrics_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=metrics_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def context(database: Database, clock: MutableClock, metrics_settings: Settings) -> JobContext:
    return JobContext(database, clock, metrics_settings)


def request_count(samples: Samples, route: str, status: str, method: str = "GET") -> float:
    return value(samples, DURATION_COUNT, method=method, route=route, status=status)


async def test_requests_are_counted_by_route_template_and_status(
    metrics_client: httpx.AsyncClient, metrics_url: str, make_key: MakeKey
) -> None:
    headers = bearer(await make_key(Scope.TICKETS_READ, Scope.TICKETS_WRITE))
    before = await scrape(metrics_url)
    ticket = await create_ticket(metrics_client, headers)
    for _ in range(2):
        assert (await metrics_client.get(f"/v1/tickets/{ticket['id']}", headers=headers)).is_success
    assert (await metrics_client.get("/v1/no-such-thing", headers=headers)).status_code == 404
    after = await scrape(metrics_url)

    template = "/v1/tickets/{ticket_id}"
    assert request_count(after, template, "200") - request_count(before, template, "200") == 2
    created = request_count(after, "/v1/tickets", "201", "POST")
    assert created - request_count(before, "/v1/tickets", "201", "POST") == 1
    assert request_count(after, "unmatched", "404") - request_count(before, "unmatched", "404") == 1
    assert not any(ticket["id"] in str(labels) for _, labels in after)  # never the raw path


async def test_without_a_metrics_port_requests_are_not_observed(
    client: httpx.AsyncClient, metrics_url: str
) -> None:
    before = await scrape(metrics_url)
    assert (await client.get("/healthz")).is_success
    after = await scrape(metrics_url)
    assert request_count(after, "/healthz", "200") == request_count(before, "/healthz", "200")


async def test_deliveries_are_counted_by_outcome_and_the_queue_is_sampled(
    metrics_client: httpx.AsyncClient,
    metrics_url: str,
    make_key: MakeKey,
    context: JobContext,
    clock: MutableClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", clocked_datetime(clock))
    manage = bearer(await make_key(Scope.WEBHOOKS_MANAGE))
    dispatcher = WebhookDispatcher(context.settings)
    before = await scrape(metrics_url)
    async with running_receiver() as receiver:
        await receiver_endpoint(metrics_client, manage, receiver, "/ok")
        await receiver_endpoint(metrics_client, manage, receiver, "/down")
        receiver.route("/down").default = Reply(status=503)
        async with context.transaction() as session:
            await record_events(
                session, [raw_event(EventType.FEEDBACK_CREATED, {"n": 1}, now=clock.now())]
            )
        clock.advance(timedelta(seconds=90))
        await sample_queue(context)
        waiting = await scrape(metrics_url)
        assert await dispatcher.deliver_due(context) == 2
        await dispatcher.close(grace_seconds=0)
    [delivered] = receiver.requests("/ok")
    assert delivered.verified_by
    await sample_queue(context)
    after = await scrape(metrics_url)

    assert value(waiting, "aftercare_webhook_queue_depth") == 2
    assert value(waiting, "aftercare_webhook_oldest_due_age_seconds") == 90
    for outcome, expected in (("succeeded", 1), ("retrying", 1), ("failed", 0)):
        counted = "aftercare_webhook_deliveries_total"
        delta = value(after, counted, outcome=outcome) - value(before, counted, outcome=outcome)
        assert delta == expected, outcome
    # The failed one waits for its retry: not due, so not in the queue.
    assert value(after, "aftercare_webhook_queue_depth") == 0
    assert value(after, "aftercare_webhook_oldest_due_age_seconds") == 0


async def test_the_sweep_lag_and_the_breaches_it_emits(
    metrics_url: str, database: Database, context: JobContext, clock: MutableClock
) -> None:
    await seed_due_targets(database, 3, due_at=clock.now() - timedelta(minutes=10))
    before = await scrape(metrics_url)
    await sample_sweep_lag(context)
    lagging = await scrape(metrics_url)
    await sweep_sla_targets(context)
    await sample_sweep_lag(context)
    after = await scrape(metrics_url)

    assert value(lagging, "aftercare_sla_sweep_lag_seconds") == 600
    assert value(after, "aftercare_sla_sweep_lag_seconds") == 0
    breached = "aftercare_events_recorded_total"
    assert value(after, breached, type="sla.breached") - value(
        before, breached, type="sla.breached"
    ) == 3


async def test_a_rolled_back_event_is_not_counted(
    metrics_url: str, context: JobContext, clock: MutableClock
) -> None:
    counted = "aftercare_events_recorded_total"
    before = await scrape(metrics_url)

    async def record_then_fail() -> None:
        async with context.transaction() as session:
            await record_events(
                session, [raw_event(EventType.FEEDBACK_UPDATED, {"n": 1}, now=clock.now())]
            )
            raise RuntimeError("the change fails after its event was written")

    with pytest.raises(RuntimeError):
        await record_then_fail()
    after = await scrape(metrics_url)
    assert value(after, counted, type="feedback.updated") == value(
        before, counted, type="feedback.updated"
    )


async def test_worker_jobs_are_timed_and_their_failures_counted(
    metrics_url: str, context: JobContext
) -> None:
    async def fails(_: JobContext) -> int:
        raise RuntimeError("job bug")

    async def works(_: JobContext) -> int:
        return 1

    worker = Worker(context, [])
    before = await scrape(metrics_url)
    await worker.run_once(Job("metrics_test_fails", fails, 1, 1))
    await worker.run_once(Job("metrics_test_works", works, 1, 1))
    after = await scrape(metrics_url)

    timed = "aftercare_worker_job_duration_seconds_count"
    failures = "aftercare_worker_job_failures_total"
    for job, runs, failed in (("metrics_test_fails", 1, 1), ("metrics_test_works", 1, 0)):
        assert value(after, timed, job=job) - value(before, timed, job=job) == runs
        assert value(after, failures, job=job) - value(before, failures, job=job) == failed


async def test_pool_use_is_a_gauge(metrics_url: str, database_url: str) -> None:
    pooled = Database(database_url, pool_size=2, max_overflow=3, pool_metrics=True)
    try:
        async with pooled.engine.connect() as first, pooled.engine.connect() as second:
            async with pooled.engine.connect() as third:
                await third.execute(text("SELECT 1"))
                busy = await scrape(metrics_url)
            await first.execute(text("SELECT 1"))
            await second.execute(text("SELECT 1"))
        idle = await scrape(metrics_url)
    finally:
        await pooled.dispose()
    assert value(busy, "aftercare_db_pool_size") == 2
    assert value(busy, "aftercare_db_pool_checked_out") == 3
    assert value(busy, "aftercare_db_pool_overflow") == 1
    assert value(idle, "aftercare_db_pool_checked_out") == 0


def test_the_metrics_port_is_never_the_api_port() -> None:
    with pytest.raises(ValidationError, match="AFTERCARE_METRICS_PORT must differ"):
        Settings(environment="test", port=8000, metrics_port=8000)
