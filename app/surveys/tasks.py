from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.surveys.service import invite_solved_tickets, record_due_reminders

AUTO_INVITE_BATCH = 100
REMINDER_BATCH = 500


def jobs(settings: Settings) -> list[Job]:
    declared = []
    if settings.survey_auto_invite_on_solve:
        declared.append(
            Job("invite_solved_tickets", invite_customers_of_solved_tickets, 30.0,
                AUTO_INVITE_BATCH)
        )
    if settings.survey_reminder_after_days:
        declared.append(Job("survey_reminders", remind_unanswered_invitations, 60.0,
                            REMINDER_BATCH))
    return declared


async def invite_customers_of_solved_tickets(context: JobContext) -> int:
    async with context.transaction() as session:
        return await invite_solved_tickets(
            session, now=context.clock.now(), settings=context.settings, limit=AUTO_INVITE_BATCH
        )


async def remind_unanswered_invitations(context: JobContext) -> int:
    async with context.transaction() as session:
        return await record_due_reminders(
            session, now=context.clock.now(), settings=context.settings, limit=REMINDER_BATCH
        )
