"""`aftercare healthcheck api|worker`, the container health checks, against real processes."""

import asyncio
import sys
from pathlib import Path

import pytest

from app.kit.migrations import PROJECT_ROOT
from tests.support.processes import served, service_env, spawn
from tests.support.receiver import free_port
from tests.support.waiting import eventually


async def healthcheck(database_url: str, *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "healthcheck", *args,
        cwd=PROJECT_ROOT, env=service_env(database_url),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


@pytest.mark.processes
async def test_api_check_passes_while_the_server_is_ready_and_fails_once_it_stopped(
    scratch_url: str, log_dir: Path
) -> None:
    port = free_port()
    async with served(log_dir / "serve.log", scratch_url, port, run_worker_in_api="false"):
        assert await healthcheck(scratch_url, "api", "--port", str(port)) == (0, "")
    code, stderr = await healthcheck(scratch_url, "api", "--port", str(port))
    assert code == 1
    assert f"http://127.0.0.1:{port}/readyz" in stderr


@pytest.mark.processes
async def test_worker_check_follows_the_heartbeat_the_worker_writes(
    scratch_url: str, log_dir: Path, tmp_path: Path
) -> None:
    beat = tmp_path / "heartbeat"
    assert (await healthcheck(scratch_url, "worker", "--heartbeat-file", str(beat)))[0] == 1
    service = await spawn(
        log_dir / "worker.log", service_env(scratch_url), "worker", "--heartbeat-file", str(beat)
    )
    try:
        await eventually(beat.exists, timeout=30, what="the first heartbeat")
        assert await healthcheck(scratch_url, "worker", "--heartbeat-file", str(beat)) == (0, "")
    finally:
        await service.stop()
    code, stderr = await healthcheck(
        scratch_url, "worker", "--heartbeat-file", str(beat), "--max-age", "0"
    )
    assert code == 1
    assert "last heartbeat" in stderr
