"""The SLA sweep: breaches and warnings, each emitted exactly once per target.

A target's state change and its event commit in one transaction, and a target is claimed with
FOR UPDATE SKIP LOCKED, so several workers never emit the same event twice; a worker that dies
before committing leaves its claims to the next run.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import record_events
from app.events.types import NewEvent
from app.kit.writes import defer_writes, flush_writes
from app.sla.repository import ClaimedTarget, TargetRepository
from app.sla.service import sla_event
from app.sla.types import SlaMetric
from app.tickets.schemas import SlaBreachedData, SlaWarningData
from app.tickets.service import escalate_to_tier_two, get_tickets_for_update
from app.tickets.vocabulary import Tier


async def breach_due_targets(session: AsyncSession, now: datetime, limit: int) -> int:
    """Mark up to `limit` active targets past due as breached; escalate where asked."""
    repository = TargetRepository(session)
    claimed = await repository.claim_due(now, limit)
    if not claimed:
        return 0
    # The marks and the events are read by nothing before an escalation: one statement, sent
    # with the commit (or before escalating).
    defer_writes(session)
    await repository.mark_breached([target.id for target in claimed])
    await record_events(session, await _events(session, SlaBreachedData, claimed, now))
    escalating = await repository.escalating_on_breach(list({t.ticket_id for t in claimed}))
    reasons = _to_escalate(claimed, escalating)
    if reasons:
        await flush_writes(session)
        await _escalate(session, reasons, now)
    return len(claimed)


async def warn_targets_at_risk(session: AsyncSession, now: datetime, limit: int) -> int:
    """Emit sla.warning for up to `limit` targets that entered their warning window."""
    repository = TargetRepository(session)
    claimed = await repository.claim_warnable(now, limit)
    if not claimed:
        return 0
    await repository.mark_warned([target.id for target in claimed], now)
    await record_events(session, await _events(session, SlaWarningData, claimed, now))
    return len(claimed)


async def _events(
    session: AsyncSession,
    payload: type[SlaWarningData | SlaBreachedData],
    claimed: Sequence[ClaimedTarget],
    now: datetime,
) -> list[NewEvent]:
    """The events of the claimed targets, each carrying its ticket (already locked by the
    claim: this only loads them, with their customer and order)."""
    tickets = {
        ticket.id: ticket
        for ticket in await get_tickets_for_update(session, list({t.ticket_id for t in claimed}))
    }
    return [sla_event(payload, target, tickets[target.ticket_id], now) for target in claimed]


def _to_escalate(
    claimed: Sequence[ClaimedTarget], escalating: set[uuid.UUID]
) -> dict[uuid.UUID, SlaMetric]:
    """Ticket id -> the metric whose breach escalates it (the first one, once per ticket)."""
    reasons: dict[uuid.UUID, SlaMetric] = {}
    for target in claimed:
        if target.ticket_id in escalating and target.ticket_tier < Tier.SENIOR:
            reasons.setdefault(target.ticket_id, target.metric)
    return reasons


async def _escalate(
    session: AsyncSession, reasons: dict[uuid.UUID, SlaMetric], now: datetime
) -> None:
    if not reasons:
        return
    # Already locked by the claim: this only loads them.
    for ticket in await get_tickets_for_update(session, list(reasons)):
        reason = f"SLA {reasons[ticket.id]} breached"
        await escalate_to_tier_two(session, ticket, reason, now, automatic=True)
