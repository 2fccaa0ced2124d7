from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.sla.sweep import breach_due_targets, warn_targets_at_risk


def jobs(settings: Settings) -> list[Job]:
    return [
        Job(
            "sla_sweep", sweep_sla_targets, settings.worker_tick_seconds,
            settings.sla_sweep_batch_size,
        ),
    ]


async def sweep_sla_targets(context: JobContext) -> int:
    """One tick: breaches first (a target past due gets no late warning), then warnings.

    Each kind commits on its own transaction, so row locks are held only briefly.
    """
    now = context.clock.now()
    batch = context.settings.sla_sweep_batch_size
    async with context.transaction() as session:
        breached = await breach_due_targets(session, now, batch)
    async with context.transaction() as session:
        warned = await warn_targets_at_risk(session, now, batch)
    return max(breached, warned)
