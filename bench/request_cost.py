"""Per-request cost in-process: requests sent one at a time through the ASGI app (no network,
no concurrency), so the figure is the Python and database work of one request.

    .venv/bin/python -m bench.request_cost --requests 300
"""

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from app.config import Settings
from app.kit.db import Database
from app.main import create_app
from bench._common import DEFAULT_SERVER_URL, scratch_database_with_key

TICKET = {
    "subject": "Parcel late",
    "description": "Nothing arrived.",
    "channel": "email",
    "customer": {"external_ref": "cost-1", "email": "a@example.com"},
}


async def _per_request_ms(send: Callable[[], Awaitable[httpx.Response]], requests: int) -> float:
    for _ in range(20):  # warm-up: connections, statement caches
        await send()
    started = time.perf_counter()
    for _ in range(requests):
        response = await send()
        assert response.status_code < 300, response.text
    return (time.perf_counter() - started) / requests * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    url, key = await scratch_database_with_key(
        args.server_url, "aftercare_bench_cost", key_name="cost"
    )
    database = Database(url)
    settings = Settings(database_url=url, run_worker_in_api=False, log_level="WARNING")
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers) as c:
        cases = {
            "GET /healthz": lambda: c.get("/healthz"),
            "GET /v1/api-keys (authenticated)": lambda: c.get("/v1/api-keys?limit=1"),
            "POST /v1/tickets": lambda: c.post("/v1/tickets", json=TICKET),
        }
        for name, send in cases.items():
            print(f"{name:<34} {await _per_request_ms(send, args.requests):7.2f} ms")
    await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
