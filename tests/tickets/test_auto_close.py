from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Ticket
from app.tickets.tasks import auto_close_solved_tickets
from tests.factories import events_of_type, open_ticket, set_status
from tests.support.clock import MutableClock

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


async def test_tickets_solved_for_the_configured_days_are_closed_once(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    assert settings.auto_close_solved_after_days == 4
    old = await open_ticket(database, START)
    recent = await open_ticket(database, START)
    still_open = await open_ticket(database, START)
    await set_status(database, old, "solved", START)
    await set_status(database, recent, "solved", START + 2 * DAY)
    clock.set(START + 4 * DAY)
    job = JobContext(database, clock, settings)

    assert await auto_close_solved_tickets(job) == 1
    assert await auto_close_solved_tickets(job) == 0

    async with database.sessionmaker() as session:
        result = await session.execute(select(Ticket.id, Ticket.status))
        rows = dict(result.all())
        closed_at = await session.scalar(select(Ticket.closed_at).where(Ticket.id == old))
    assert rows == {old: "closed", recent: "solved", still_open: "new"}
    assert closed_at == START + 4 * DAY
    [event] = await events_of_type(database, "ticket.status_changed")
    assert event.subject_id == old
    assert (event.data["from"], event.data["to"]) == ("solved", "closed")
    assert event.data["ticket"]["status"] == "closed"
    assert event.data["reason"] == "auto_close"
