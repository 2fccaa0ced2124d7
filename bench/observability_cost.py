"""What metrics and tracing cost an authenticated GET, side by side in one process: the same
request (`GET /v1/tickets/{ticket_id}`, the key checked, the ticket read) through four apps on
one database, each with its own pool: no instrumentation (the anchor), Prometheus metrics on,
tracing on (the real SDK and a batch processor whose exporter discards what it gets: the cost
in this process, not the network's), and both. The requests alternate between the four so that
drifting load hits each alike. Printed: each one's median wall time, and its mean CPU time in
this process (client and server both run here; PostgreSQL's work is not counted), which a
loaded machine inflates less.

    .venv/bin/python -m bench.observability_cost --requests 2000
"""

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence

import httpx
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from app.config import Settings
from app.kit.db import Database
from app.kit.tracing import new_tracer_provider, use_tracer_provider
from app.main import create_app
from bench._common import DEFAULT_SERVER_URL, scratch_database_with_key

TICKET = {
    "subject": "Parcel late",
    "description": "Nothing arrived.",
    "channel": "email",
    "customer": {"external_ref": "obs-1", "email": "a@example.com"},
}
CONFIGURATIONS = {  # name: (metrics, tracing)
    "off (anchor)": (False, False),
    "metrics": (True, False),
    "tracing": (False, True),
    "metrics + tracing": (True, True),
}


class Discarding(SpanExporter):
    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return SpanExportResult.SUCCESS


async def _request_ms(client: httpx.AsyncClient, path: str) -> tuple[float, float]:
    """Wall time and this process's CPU time (which waiting for a loaded machine's cores or for
    PostgreSQL does not inflate), in ms."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = await client.get(path)
    elapsed = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200, response.text
    return elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--requests", type=int, default=2000, help="per configuration")
    args = parser.parse_args()
    url, key = await scratch_database_with_key(
        args.server_url, "aftercare_bench_observability", key_name="obs",
        scopes="tickets:read,tickets:write",
    )
    provider = new_tracer_provider(BatchSpanProcessor(Discarding()))
    clients: dict[str, httpx.AsyncClient] = {}
    databases = []
    for name, (metrics, tracing) in CONFIGURATIONS.items():
        use_tracer_provider(provider if tracing else None)
        settings = Settings(
            database_url=url, run_worker_in_api=False, log_level="WARNING",
            metrics_port=9999 if metrics else None, tracing=tracing,
        )
        database = Database.from_settings(settings)
        databases.append(database)
        clients[name] = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(settings, database=database)),
            base_url="http://t", headers={"Authorization": f"Bearer {key}"},
        )
    ticket = (await clients["off (anchor)"].post("/v1/tickets", json=TICKET)).json()
    path = f"/v1/tickets/{ticket['id']}"
    names = list(clients)
    for _ in range(50):  # warm-up: connections, statement caches
        for client in clients.values():
            await _request_ms(client, path)
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for turn in range(args.requests):
        # Request by request, each configuration in turn, starting with another one each time:
        # load that drifts during the run falls on all four alike.
        for name in names[turn % len(names):] + names[:turn % len(names)]:
            timings[name].append(await _request_ms(clients[name], path))
    walls = {name: statistics.median(t[0] for t in results) for name, results in timings.items()}
    cpus = {name: statistics.mean(t[1] for t in results) for name, results in timings.items()}
    print(f"GET /v1/tickets/{{ticket_id}}: {args.requests} requests each, interleaved")
    print(f"  {'':<18}  median wall  ratio   mean CPU  ratio  CPU added")
    anchor = "off (anchor)"
    for name in names:
        print(
            f"  {name:<18} {walls[name]:9.3f} ms {walls[name] / walls[anchor]:6.3f}"
            f" {cpus[name]:7.3f} ms {cpus[name] / cpus[anchor]:6.3f}"
            f" {(cpus[name] - cpus[anchor]) * 1000:+7.0f} µs"
        )
    for client in clients.values():
        await client.aclose()
    for database in databases:
        await database.dispose()
    provider.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
