"""Reading back the SLA rows of a ticket."""

import uuid

from sqlalchemy import select

from app.kit.db import Database
from app.models import SlaTarget, TicketSla


async def targets_of(database: Database, ticket_id: uuid.UUID) -> list[SlaTarget]:
    async with database.sessionmaker() as session:
        statement = (
            select(SlaTarget)
            .where(SlaTarget.ticket_id == ticket_id)
            .order_by(SlaTarget.started_at, SlaTarget.metric)
        )
        return list((await session.scalars(statement)).all())


async def one_target(database: Database, ticket_id: uuid.UUID, metric: str) -> SlaTarget:
    matching = [t for t in await targets_of(database, ticket_id) if t.metric == metric]
    assert len(matching) == 1, matching
    return matching[0]


async def snapshot_of(database: Database, ticket_id: uuid.UUID) -> TicketSla:
    async with database.sessionmaker() as session:
        sla = await session.get(TicketSla, ticket_id)
    assert sla is not None
    return sla
