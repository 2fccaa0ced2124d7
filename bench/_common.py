"""Shared by the benchmarks: scratch databases, a served app, latency summaries."""

import asyncio
import os
import signal
import statistics
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Select

from app.kit.db import Database
from tests.support.database import recreate_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
READY_TIMEOUT_SECONDS = 120  # a loaded machine imports the app slowly


def run_cli(database_url: str, *args: str) -> str:
    env = {**os.environ, "AFTERCARE_DATABASE_URL": database_url, "AFTERCARE_LOG_LEVEL": "WARNING"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


async def scratch_database_with_key(
    server_url: str, name: str, *, key_name: str, scopes: str = "admin"
) -> tuple[str, str]:
    """A fresh, migrated database on the server and an API key in it: (url, plaintext key)."""
    url = await recreate_database(server_url, name)
    run_cli(url, "migrate")
    return url, run_cli(url, "keys", "create", "--name", key_name, "--scopes", scopes)


@asynccontextmanager
async def served_app(
    database_url: str, port: int, *, worker: bool, environment: dict[str, str] | None = None
) -> AsyncIterator[str]:
    """`aftercare serve` in a child process; yields its base URL once /readyz answers."""
    async with served_process(database_url, port, worker=worker, environment=environment) as (
        base_url, _,
    ):
        yield base_url


@asynccontextmanager
async def served_process(
    database_url: str, port: int, *, worker: bool, environment: dict[str, str] | None = None
) -> AsyncIterator[tuple[str, int]]:
    """`aftercare serve` in a child process: (base URL, process id) once /readyz answers."""
    env = {
        **os.environ,
        "AFTERCARE_DATABASE_URL": database_url,
        "AFTERCARE_LOG_LEVEL": "WARNING",
        "AFTERCARE_RUN_WORKER_IN_API": "true" if worker else "false",
        "AFTERCARE_DB_POOL_SIZE": "20",
        **(environment or {}),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "serve", "--port", str(port), cwd=PROJECT_ROOT, env=env
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await wait_ready(base_url)
        yield base_url, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()


async def wait_ready(base_url: str, path: str = "/readyz") -> None:
    """Until GET `path` answers 200."""
    async with httpx.AsyncClient() as client:
        while True:
            try:
                if (await client.get(f"{base_url}{path}")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Summary:
    name: str
    count: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.count:>7} ops  {self.per_second:>9.1f}/s  "
            f"p50 {self.p50_ms:>7.2f} ms  p99 {self.p99_ms:>7.2f} ms"
        )


def summarise(name: str, latencies: Sequence[float], seconds: float) -> Summary:
    ordered = sorted(latencies)
    quantiles = (
        statistics.quantiles(ordered, n=100, method="inclusive")
        if len(ordered) > 1
        else [ordered[0] if ordered else 0.0] * 99
    )
    return Summary(name, len(ordered), seconds, quantiles[49] * 1000, quantiles[98] * 1000)


async def explain_analyze(database: Database, statement: Select[*tuple[Any, ...]]) -> str:
    """EXPLAIN ANALYZE of one statement as the app compiles it (rolled back)."""
    compiled = statement.compile(dialect=database.engine.dialect)
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    async with database.engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        rows = await driver.fetch(f"EXPLAIN (ANALYZE, COSTS OFF) {compiled}", *params)
        await connection.rollback()
    return "\n".join(row[0] for row in rows)


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load averages, printed beside every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
