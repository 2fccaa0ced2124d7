from app.surveys.service import invite_solved_tickets
from app.worker import JobContext

AUTO_INVITE_BATCH = 100


async def invite_customers_of_solved_tickets(context: JobContext) -> int:
    async with context.database.sessionmaker() as session, session.begin():
        return await invite_solved_tickets(
            session, now=context.clock.now(), settings=context.settings, limit=AUTO_INVITE_BATCH
        )
