"""One command: start the service, seed data, run a mixed workload with locust (headless) at a
chosen concurrency for a chosen time, then print throughput, p50/p99 per operation and errors.

    uv run --group bench python -m bench.mixed_load --users 16 --time 60s

It creates a scratch database on --server-url (default: the local PostgreSQL; pass --embedded
to use the embedded server instead), migrates it, seeds it with `aftercare demo` when that
command exists, and serves it with `aftercare serve` (worker included, as in production).
"""

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bench._common import DEFAULT_SERVER_URL, run_cli, scratch_database_with_key, served_app
from tests.support.receiver import free_port

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


async def main() -> None:
    args = _parse_args()
    server_url = _embedded_url() if args.embedded else args.server_url
    database_url, api_key = await scratch_database_with_key(
        server_url, "aftercare_bench_mixed", key_name="load"
    )
    _seed(database_url, args.seed_tickets)
    workers = {"AFTERCARE_SERVER_WORKERS": str(args.workers)}
    async with served_app(
        database_url, free_port(), worker=True, environment=workers
    ) as base_url:
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "locust"),
            "--headless",
            "--only-summary",
            "-f",
            str(LOCUSTFILE),
            "--host",
            base_url,
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            args.time,
            "--stop-timeout",
            "5",
            env={**os.environ, "AFTERCARE_BENCH_API_KEY": api_key},
        )
        await process.wait()
    print(
        f"users={args.users} time={args.time} seeded_tickets={args.seed_tickets}"
        f" server workers={args.workers}"
    )


def _seed(database_url: str, tickets: int) -> None:
    try:
        run_cli(database_url, "demo", "--scale", str(tickets))
    except Exception as error:
        print(f"not seeded ({error}); the workload creates its own tickets")


def _embedded_url() -> str:
    from app.kit.db import start_embedded_postgres

    return start_embedded_postgres(Path(".aftercare") / "bench")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=16, help="concurrent simulated clients")
    parser.add_argument("--time", default="60s", help="how long, e.g. 60s or 5m")
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--embedded", action="store_true", help="use the embedded PostgreSQL")
    parser.add_argument("--seed-tickets", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main())
