"""A key revoked through one API replica stops working on the other within a second, although
each authenticates from its own in-process cache (app.kit.cache): the revocation's NOTIFY
empties the other's cache."""

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from app.auth.scopes import Scope
from app.kit.cache import LISTENER_APPLICATION_NAME
from app.kit.db import Database
from tests.faults.conftest import create_key
from tests.faults.support import scalar
from tests.support.api import bearer
from tests.support.processes import served
from tests.support.receiver import free_port

WITHIN = 1.0
SETTINGS = {"run_worker_in_api": "false", "db_pool_size": "2", "db_max_overflow": "2"}


@pytest.mark.processes
async def test_a_key_revoked_on_one_replica_stops_working_on_the_other_within_a_second(
    scratch_url: str, log_dir: Path
) -> None:
    admin = await create_key(scratch_url, Scope.ADMIN)
    doomed = await create_key(scratch_url, Scope.TICKETS_READ)
    database = Database(scratch_url, pool_size=1, max_overflow=0)
    try:
        async with (
            served(log_dir / "api1.log", scratch_url, free_port(), **SETTINGS) as one,
            served(log_dir / "api2.log", scratch_url, free_port(), **SETTINGS) as two,
            httpx.AsyncClient(base_url=one.base_url or "") as first,
            httpx.AsyncClient(base_url=two.base_url or "") as second,
        ):
            listeners = (
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE application_name = :name AND datname = current_database()"
            )
            assert await scalar(database, listeners, name=LISTENER_APPLICATION_NAME) == 2
            for client in (first, second):  # cached on both
                listed = await client.get("/v1/tickets", headers=bearer(doomed))
                assert listed.status_code == 200, listed.text
            keys = (await first.get("/v1/api-keys", headers=bearer(admin))).json()["items"]
            doomed_id = next(key["id"] for key in keys if "tickets:read" in key["scopes"])
            revoked = await first.delete(f"/v1/api-keys/{doomed_id}", headers=bearer(admin))
            assert revoked.status_code == 204
            started = time.monotonic()
            while (await second.get("/v1/tickets", headers=bearer(doomed))).status_code != 401:
                assert time.monotonic() - started < WITHIN, "still accepted on the other replica"
                await asyncio.sleep(0.01)
            print(f"refused by the other replica after {time.monotonic() - started:.3f} s")
            assert (await first.get("/v1/tickets", headers=bearer(doomed))).status_code == 401
    finally:
        await database.dispose()
