from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.kit.prometheus import SLA_SWEEP_LAG
from app.sla.repository import TargetRepository
from app.sla.sweep import breach_due_targets, warn_targets_at_risk


def jobs(settings: Settings) -> list[Job]:
    sweep = Job(
        "sla_sweep", sweep_sla_targets, settings.worker_tick_seconds,
        settings.sla_sweep_batch_size,
    )
    if settings.metrics_port is None:
        return [sweep]
    return [sweep, Job("sla_metrics", sample_sweep_lag, settings.metrics_sample_seconds, 1)]


async def sample_sweep_lag(context: JobContext) -> int:
    """aftercare_sla_sweep_lag_seconds: how far behind its deadlines the sweep runs."""
    now = context.clock.now()
    async with context.transaction() as session:
        oldest = await TargetRepository(session).oldest_overdue(now)
    SLA_SWEEP_LAG.set(0.0 if oldest is None else (now - oldest).total_seconds())
    return 0


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
