"""Real `aftercare serve` and `aftercare worker` processes for the fault tests.

Each process writes its log to a file (never a pipe that could fill up and block it) and is
always ended in the context manager's exit, by its own process id.
"""

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.kit.migrations import PROJECT_ROOT

READY_TIMEOUT = 60.0


@dataclass(slots=True)
class ServiceProcess:
    process: asyncio.subprocess.Process
    log_path: Path
    base_url: str | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine or a container dies."""
        if self.running:
            self.process.send_signal(signal.SIGKILL)

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        if self.running:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.process.send_signal(signal.SIGKILL)
        await self.process.wait()


def service_env(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a child: this one without AFTERCARE_* settings, plus `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFTERCARE_")}
    env.update({
        "AFTERCARE_ENVIRONMENT": "test",
        "AFTERCARE_DATABASE_URL": database_url,
        "AFTERCARE_LOG_FORMAT": "json",
    })
    env.update({f"AFTERCARE_{key.upper()}": value for key, value in settings.items()})
    return env


async def spawn(log_path: Path, env: dict[str, str], *args: str) -> ServiceProcess:
    with open(log_path, "ab") as log:  # noqa: ASYNC230 - a local file, opened once
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app.cli", *args,
            cwd=PROJECT_ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
        )
    return ServiceProcess(process, log_path)


async def wait_ready(service: ServiceProcess, timeout: float = READY_TIMEOUT) -> None:  # noqa: ASYNC109
    assert service.base_url is not None
    async with httpx.AsyncClient(base_url=service.base_url, timeout=2) as http:
        async with asyncio.timeout(timeout):
            while True:
                if not service.running:
                    raise AssertionError(f"the server exited:\n{service.logs()[-4000:]}")
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)


@asynccontextmanager
async def served(
    log_path: Path, database_url: str, port: int, **settings: str
) -> AsyncIterator[ServiceProcess]:
    """`aftercare serve` on 127.0.0.1:port; yields once /readyz answers 200."""
    env = service_env(database_url, **settings)
    service = await spawn(log_path, env, "serve", "--host", "127.0.0.1", "--port", str(port))
    service.base_url = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(service)
        yield service
    finally:
        await service.stop()


@asynccontextmanager
async def worker(
    log_path: Path, database_url: str, **settings: str
) -> AsyncIterator[ServiceProcess]:
    """`aftercare worker`; yields at once (it has no readiness endpoint)."""
    service = await spawn(log_path, service_env(database_url, **settings), "worker")
    try:
        yield service
    finally:
        await service.stop()
