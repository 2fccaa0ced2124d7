"""`aftercare serve --workers N`: N processes share the port and the database."""

import asyncio
from pathlib import Path

import httpx
import pytest

from app.auth.scopes import Scope
from tests.factories import ticket_body
from tests.faults.conftest import create_key
from tests.support.api import bearer
from tests.support.processes import service_env, spawn, wait_ready
from tests.support.receiver import free_port


def _spawned_workers(pid: int) -> int:
    """Children started by multiprocessing's spawn (uvicorn's workers; its resource tracker
    is a child too, started otherwise)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    commands = [Path(f"/proc/{child}/cmdline").read_bytes() for child in children]
    return sum(b"spawn_main" in command for command in commands)


@pytest.mark.processes
async def test_two_server_workers_answer_on_one_port(scratch_url: str, log_dir: Path) -> None:
    key = await create_key(scratch_url, Scope.ADMIN)
    port = free_port()
    service = await spawn(
        log_dir / "api.log", service_env(scratch_url), "serve", "--host", "127.0.0.1",
        "--port", str(port), "--workers", "2",
    )
    service.base_url = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(service)
        assert _spawned_workers(service.pid) == 2
        async with httpx.AsyncClient(base_url=service.base_url, headers=bearer(key)) as http:
            created = await asyncio.gather(*(
                http.post("/v1/tickets", json=ticket_body(subject=f"Parcel {n}"))
                for n in range(40)
            ))
            assert [response.status_code for response in created] == [201] * 40
            listed = await http.get("/v1/tickets", params={"limit": 100})
        assert len(listed.json()["items"]) == 40
    finally:
        await service.stop()
