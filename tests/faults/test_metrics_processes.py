"""The metrics port of real processes: `serve --workers 2` (prometheus-client's multiprocess
mode, its parent merging what both server processes count) and `aftercare worker`."""

import asyncio
from pathlib import Path

import httpx
import pytest

from app.auth.scopes import Scope
from tests.factories import ticket_body
from tests.faults.conftest import create_key
from tests.support.api import bearer
from tests.support.processes import service_env, spawn, wait_ready, worker
from tests.support.receiver import free_port
from tests.support.scrape import scrape, value
from tests.support.waiting import eventually

REQUESTS = 30


@pytest.mark.processes
async def test_two_server_processes_are_counted_together(scratch_url: str, log_dir: Path) -> None:
    key = await create_key(scratch_url, Scope.ADMIN)
    port, metrics_port = free_port(), free_port()
    env = service_env(scratch_url, metrics_port=str(metrics_port), run_worker_in_api="false")
    service = await spawn(
        log_dir / "api.log", env, "serve", "--host", "127.0.0.1", "--port", str(port),
        "--workers", "2",
    )
    service.base_url = f"http://127.0.0.1:{port}"
    metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"

    async def both_processes_started() -> bool:
        # Each process's pool (10 connections by default), summed over the live processes.
        return value(await scrape(metrics_url), "aftercare_db_pool_size") == 20

    try:
        await wait_ready(service)
        await eventually(both_processes_started, timeout=30, what="both server processes")
        async with httpx.AsyncClient(base_url=service.base_url, headers=bearer(key)) as http:
            ticket = (await http.post("/v1/tickets", json=ticket_body())).json()
            answers = await asyncio.gather(*(
                http.get(f"/v1/tickets/{ticket['id']}") for _ in range(REQUESTS)
            ))
        assert {answer.status_code for answer in answers} == {200}
        samples = await scrape(metrics_url)
        assert (await httpx.AsyncClient().get(f"{service.base_url}/metrics")).status_code == 404
    finally:
        await service.stop()

    count = "aftercare_http_request_duration_seconds_count"
    labels = {"method": "GET", "route": "/v1/tickets/{ticket_id}", "status": "200"}
    assert value(samples, count, **labels) == REQUESTS


@pytest.mark.processes
async def test_the_worker_serves_its_own_metrics(scratch_url: str, log_dir: Path) -> None:
    metrics_port = free_port()
    metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"
    settings = {"metrics_port": str(metrics_port), "metrics_sample_seconds": "0.2"}

    async def swept_and_sampled() -> bool:
        try:
            samples = await scrape(metrics_url)
        except httpx.TransportError:
            return False
        sweeps = value(samples, "aftercare_worker_job_duration_seconds_count", job="sla_sweep")
        samples_taken = value(
            samples, "aftercare_worker_job_duration_seconds_count", job="webhook_metrics"
        )
        return sweeps >= 1 and samples_taken >= 2

    async with worker(log_dir / "worker.log", scratch_url, **settings):
        await eventually(swept_and_sampled, timeout=20, what="the worker's jobs on its port")
