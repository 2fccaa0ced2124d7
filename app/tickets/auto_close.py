"""Tickets solved for `auto_close_solved_after_days` are closed: a reply then opens a new one."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import new_event, record_events
from app.models import Ticket
from app.worker import JobContext

AUTO_CLOSE_BATCH = 500


class SolvedTicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_solved_before(
        self, cutoff: datetime, limit: int
    ) -> Sequence[tuple[uuid.UUID, int]]:
        statement = (
            select(Ticket.id, Ticket.number)
            .where(Ticket.status == "solved", Ticket.solved_at <= cutoff)
            .order_by(Ticket.solved_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [(row.id, row.number) for row in (await self.session.execute(statement)).all()]

    async def close(self, ticket_ids: Sequence[uuid.UUID], now: datetime) -> None:
        await self.session.execute(
            update(Ticket)
            .where(Ticket.id.in_(ticket_ids))
            .values(status="closed", closed_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )


async def close_solved_tickets(
    session: AsyncSession, now: datetime, solved_for: timedelta, limit: int
) -> int:
    repository = SolvedTicketRepository(session)
    tickets = await repository.claim_solved_before(now - solved_for, limit)
    if not tickets:
        return 0
    await repository.close([ticket_id for ticket_id, _ in tickets], now)
    await record_events(session, [
        new_event(
            "ticket.status_changed",
            {
                "ticket_id": str(ticket_id),
                "ticket_number": number,
                "old_status": "solved",
                "status": "closed",
                "reason": "auto_close",
            },
            now=now, subject_type="ticket", subject_id=ticket_id,
        )
        for ticket_id, number in tickets
    ])
    return len(tickets)


async def auto_close_solved_tickets(context: JobContext) -> int:
    solved_for = timedelta(days=context.settings.auto_close_solved_after_days)
    async with context.database.sessionmaker() as session, session.begin():
        return await close_solved_tickets(
            session, context.clock.now(), solved_for, AUTO_CLOSE_BATCH
        )
