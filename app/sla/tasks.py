"""The SLA sweep's job. It sleeps until the next warning or deadline falls due, or until a nearer
one is written (a NOTIFY from the triggers on sla_targets), and at most `sla_sweep_poll_seconds`,
which bounds what a missed notification can cost. After a restart it sweeps at once."""

from datetime import UTC, datetime

from app.config import Settings
from app.kit.jobs import Job, JobContext, Ran
from app.kit.prometheus import SLA_SWEEP_LAG
from app.sla.repository import TargetRepository
from app.sla.sweep import breach_due_targets, warn_targets_at_risk
from app.sla.types import DEADLINES_CHANNEL

# Past the instant: timers may fire a hair early, and a target is due only once due_at <= now.
PAST_DUE_MARGIN_SECONDS = 0.002
# An instant already past after a sweep belongs to a target someone holds locked (a request
# changing its ticket, another worker sweeping it): looked at again this soon.
LOCKED_RETRY_SECONDS = 0.25


def jobs(settings: Settings) -> list[Job]:
    sweep = sweep_job(settings, SlaSweep())
    if settings.metrics_port is None:
        return [sweep]
    return [sweep, Job("sla_metrics", sample_sweep_lag, settings.metrics_sample_seconds, 1)]


def sweep_job(settings: Settings, sweep: "SlaSweep") -> Job:
    return Job(
        "sla_sweep", sweep.run, settings.sla_sweep_poll_seconds, settings.sla_sweep_batch_size,
        wake_on=(DEADLINES_CHANNEL,), wake_if=sweep.wakes_for,
    )


async def sample_sweep_lag(context: JobContext) -> int:
    """aftercare_sla_sweep_lag_seconds: how far behind its deadlines the sweep runs."""
    now = context.clock.now()
    async with context.transaction() as session:
        oldest = await TargetRepository(session).oldest_overdue(now)
    SLA_SWEEP_LAG.set(0.0 if oldest is None else (now - oldest).total_seconds())
    return 0


async def sweep_sla_targets(context: JobContext) -> int:
    """One sweep: breaches first (a target past due gets no late warning), then warnings.

    Each kind commits on its own transaction, so row locks are held only briefly.
    """
    now = context.clock.now()
    batch = context.settings.sla_sweep_batch_size
    async with context.transaction() as session:
        breached = await breach_due_targets(session, now, batch)
    async with context.transaction() as session:
        warned = await warn_targets_at_risk(session, now, batch)
    return max(breached, warned)


class SlaSweep:
    """The sweep and the instant it next has work: a notification of an earlier instant wakes it,
    a later one does not."""

    def __init__(self) -> None:
        self.next_instant: datetime | None = None
        # Instants notified since the sweep began: one written after its read of the next
        # instant is not in that read, and must not be lost.
        self._notified: datetime | None = None

    async def run(self, context: JobContext) -> Ran:
        """`sweep_sla_targets`, reading the next instant after the breaches: only if it is
        already past (a warning, or a target someone held) does a warnings' transaction
        follow, which reads it again. Most sweeps have no warning to give: one statement
        instead of a transaction of four round trips."""
        self._notified = None
        now = context.clock.now()
        batch = context.settings.sla_sweep_batch_size
        async with context.transaction() as session:
            breached = await breach_due_targets(session, now, batch)
        async with context.database.single_statements() as session:
            upcoming = await TargetRepository(session).next_instant(now)
        warned = 0
        if upcoming is not None and upcoming <= now:
            async with context.transaction() as session:
                warned = await warn_targets_at_risk(session, now, batch)
                upcoming = await TargetRepository(session).next_instant(now)
        handled = max(breached, warned)
        if handled >= batch:
            return Ran(handled)  # more is due: the runner sweeps again at once
        now = context.clock.now()
        self.next_instant = _earliest(upcoming, self._notified)
        if self.next_instant is None:
            return Ran(handled)
        wait = (self.next_instant - now).total_seconds()
        return Ran(handled, wait + PAST_DUE_MARGIN_SECONDS if wait > 0 else LOCKED_RETRY_SECONDS)

    def wakes_for(self, payload: str) -> bool:
        """Whether a notified instant (Unix seconds) comes before the one the sweep waits for."""
        try:
            instant = datetime.fromtimestamp(float(payload), UTC)
        except (ValueError, OverflowError):
            return True
        self._notified = _earliest(self._notified, instant)
        return self.next_instant is None or instant < self.next_instant


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)
