"""A worker process killed with SIGKILL in the middle of SLA sweeps and webhook deliveries.

A real `aftercare worker` sweeps 300 past-due targets in small batches (25 per transaction) and
delivers each `sla.breached` event to a real receiver that answers slowly, so at the moment of
the kill a sweep transaction is open and deliveries are in flight. A second worker is started;
afterwards every target has exactly one breach event and every event is delivered (the
receiver, deduplicating on `webhook-id`, saw each event id) and recorded as succeeded.

Deliveries the dead worker had leased are only retried after their lease (2 x timeout + 30 s);
the test checks the new worker leaves them alone while the lease holds, then moves their
`locked_until` to now instead of sleeping half a minute.
"""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from app.kit.db import Database
from tests.factories import receiver_endpoint, seed_due_targets
from tests.faults.support import execute, rows, scalar
from tests.support.processes import worker
from tests.support.receiver import Reply, running_receiver
from tests.support.waiting import eventually

TARGETS = 300
WORKER_SETTINGS = {
    "worker_tick_seconds": "0.2",
    "sla_sweep_batch_size": "25",
    "webhook_delivery_poll_seconds": "0.1",
    "webhook_allow_private_targets": "true",
    "webhook_timeout_seconds": "5",
    "webhook_per_endpoint_concurrency": "50",
    "survey_auto_invite_on_solve": "false",
}
BREACHES = "SELECT count(*) FROM events WHERE type = 'sla.breached'"
LEASED = (
    "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND locked_until > now()"
)


@pytest.mark.processes
async def test_a_worker_killed_mid_sweep_and_mid_delivery_loses_and_doubles_nothing(
    database: Database,
    database_url: str,
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    log_dir: Path,
) -> None:
    async with running_receiver() as receiver:
        await receiver_endpoint(
            client, admin_headers, receiver, "/hooks", event_types=["sla.breached"]
        )
        route = receiver.route("/hooks")
        route.default = Reply(delay=0.5)  # attempts stay in flight for half a second
        await seed_due_targets(database, TARGETS, datetime.now(UTC) - timedelta(minutes=5))

        async with worker(log_dir / "doomed.log", database_url, **WORKER_SETTINGS) as doomed:

            async def mid_sweep_and_mid_delivery() -> bool:
                breached = await scalar(database, BREACHES)
                return bool(route.requests) and TARGETS // 5 <= breached < TARGETS

            await eventually(
                mid_sweep_and_mid_delivery, timeout=15, interval=0.01,
                what="the worker sweeping while deliveries are in flight",
            )
            doomed.kill()
            await doomed.process.wait()
        breached_before_kill = await scalar(database, BREACHES)
        leased = {row.id for row in await rows(database, LEASED)}
        received_before_kill = len(route.requests)
        assert 0 < breached_before_kill < TARGETS  # killed in the middle of the sweep
        assert leased  # ... and with deliveries in flight

        route.default = Reply()  # the receiver answers at once from now on
        async with worker(log_dir / "successor.log", database_url, **WORKER_SETTINGS):
            swept_in = await eventually(
                lambda: _count_is(database, BREACHES, TARGETS), timeout=15,
                what="every due target breached",
            )
            others = "SELECT count(*) FROM webhook_deliveries WHERE status = 'succeeded'"
            await eventually(
                lambda: _count_is(database, others, TARGETS - len(leased)), timeout=15,
                what="every delivery not leased by the dead worker delivered",
            )
            # While their lease holds, the dead worker's deliveries are left alone...
            still_leased = {row.id for row in await rows(database, LEASED)}
            assert still_leased == leased
            # ... and once it has run out (moved to now, not waited for), they are sent.
            await execute(
                database, "UPDATE webhook_deliveries SET locked_until = now()"
                " WHERE id = ANY(:ids)", ids=list(leased),
            )
            delivered_in = await eventually(
                lambda: _count_is(database, others, TARGETS), timeout=15,
                what="every delivery succeeded",
            )

        events = await rows(database, "SELECT id, data->>'target_id' AS target_id FROM events"
                            " WHERE type = 'sla.breached'")
        assert len(events) == TARGETS  # one breach event per target: none lost, none doubled
        assert len({event.target_id for event in events}) == TARGETS
        assert await scalar(database, "SELECT count(*) FROM sla_targets"
                            " WHERE status = 'breached'") == TARGETS
        deliveries = await rows(database, "SELECT event_id, status FROM webhook_deliveries")
        assert len(deliveries) == TARGETS
        assert {delivery.status for delivery in deliveries} == {"succeeded"}
        assert all(request.verified_by for request in route.requests)
        received_ids = {uuid.UUID(request.headers["webhook-id"]) for request in route.requests}
        assert received_ids == {event.id for event in events}  # every event at least once
        print(
            f"killed after {breached_before_kill}/{TARGETS} breaches with {len(leased)} "
            f"deliveries leased ({received_before_kill} received); successor swept the rest in "
            f"{swept_in:.2f} s, delivered the leased ones {delivered_in:.2f} s after expiry; "
            f"{len(route.requests) - len(received_ids)} repeated deliveries"
        )


async def _count_is(database: Database, sql: str, expected: int) -> bool:
    return bool(await scalar(database, sql) == expected)
