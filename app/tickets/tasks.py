"""Tickets solved for `auto_close_solved_after_days` are closed: a reply then opens a new one."""

from datetime import timedelta

from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.tickets.service import close_solved_tickets

AUTO_CLOSE_BATCH = 500


def jobs(settings: Settings) -> list[Job]:
    return [Job("auto_close_solved_tickets", auto_close_solved_tickets, 60.0, AUTO_CLOSE_BATCH)]


async def auto_close_solved_tickets(context: JobContext) -> int:
    solved_for = timedelta(days=context.settings.auto_close_solved_after_days)
    async with context.transaction() as session:
        return await close_solved_tickets(
            session, context.clock.now(), solved_for, AUTO_CLOSE_BATCH
        )
