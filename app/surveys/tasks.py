from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.surveys.service import invite_solved_tickets

AUTO_INVITE_BATCH = 100


def jobs(settings: Settings) -> list[Job]:
    if not settings.survey_auto_invite_on_solve:
        return []
    return [
        Job("invite_solved_tickets", invite_customers_of_solved_tickets, 30.0, AUTO_INVITE_BATCH)
    ]


async def invite_customers_of_solved_tickets(context: JobContext) -> int:
    async with context.transaction() as session:
        return await invite_solved_tickets(
            session, now=context.clock.now(), settings=context.settings, limit=AUTO_INVITE_BATCH
        )
