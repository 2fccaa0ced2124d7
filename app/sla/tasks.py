from app.sla.sweep import breach_due_targets, warn_targets_at_risk
from app.worker import JobContext


async def sweep_sla_targets(context: JobContext) -> int:
    """One tick: breaches first (a target past due gets no late warning), then warnings.

    Each kind commits on its own transaction, so row locks are held only briefly.
    """
    now = context.clock.now()
    batch = context.settings.sla_sweep_batch_size
    async with context.database.sessionmaker() as session, session.begin():
        breached = await breach_due_targets(session, now, batch)
    async with context.database.sessionmaker() as session, session.begin():
        warned = await warn_targets_at_risk(session, now, batch)
    return max(breached, warned)
