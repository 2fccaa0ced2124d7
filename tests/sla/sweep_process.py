"""The SLA sweep in an OS process of its own, for the multi-worker and crash tests.

    python -m tests.sla.sweep_process DATABASE_URL NOW          sweep until nothing is due
    python -m tests.sla.sweep_process DATABASE_URL NOW --hold   claim one batch, never commit

Prints how many targets it handled (or `claimed N` when holding).
"""

import asyncio
import sys
from datetime import datetime

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.sla.sweep import breach_due_targets
from app.sla.tasks import sweep_sla_targets


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now


async def main(url: str, now: datetime, hold: bool) -> None:
    settings = Settings(environment="test", database_url=url, run_worker_in_api=False)
    database = Database(url, pool_size=2, max_overflow=0)
    try:
        if hold:
            await _claim_and_hang(database, now, settings.sla_sweep_batch_size)
        total = 0
        context = JobContext(database, FixedClock(now), settings)
        while handled := await sweep_sla_targets(context):
            total += handled
        print(total, flush=True)
    finally:
        await database.dispose()


async def _claim_and_hang(database: Database, now: datetime, batch: int) -> None:
    async with database.sessionmaker() as session, session.begin():
        claimed = await breach_due_targets(session, now, batch)
        print(f"claimed {claimed}", flush=True)
        await asyncio.sleep(3600)  # killed here, mid-tick: events written, nothing committed


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], datetime.fromisoformat(sys.argv[2]), "--hold" in sys.argv))
