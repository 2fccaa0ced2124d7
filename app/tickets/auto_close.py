"""Tickets solved for `auto_close_solved_after_days` are closed: a reply then opens a new one."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Ticket
from app.tickets.repository import with_links
from app.tickets.service import close_solved
from app.tickets.vocabulary import TicketStatus
from app.worker import JobContext

AUTO_CLOSE_BATCH = 500


class SolvedTicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_solved_before(self, cutoff: datetime, limit: int) -> Sequence[Ticket]:
        statement = (
            with_links(select(Ticket))
            .where(Ticket.status == TicketStatus.SOLVED, Ticket.solved_at <= cutoff)
            .order_by(Ticket.solved_at)
            .limit(limit)
            .with_for_update(of=Ticket, skip_locked=True)
        )
        return (await self.session.scalars(statement)).unique().all()


async def close_solved_tickets(
    session: AsyncSession, now: datetime, solved_for: timedelta, limit: int
) -> int:
    tickets = await SolvedTicketRepository(session).claim_solved_before(now - solved_for, limit)
    await close_solved(session, tickets, now)
    return len(tickets)


async def auto_close_solved_tickets(context: JobContext) -> int:
    solved_for = timedelta(days=context.settings.auto_close_solved_after_days)
    async with context.database.sessionmaker() as session, session.begin():
        return await close_solved_tickets(
            session, context.clock.now(), solved_for, AUTO_CLOSE_BATCH
        )
