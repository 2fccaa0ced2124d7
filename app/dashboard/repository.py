import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, fetch_page
from app.models import DashboardLink, DashboardSession

LiveSession = Row[uuid.UUID, uuid.UUID]  # (session id, api key id)


class DashboardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_link(self, link: DashboardLink) -> DashboardLink:
        self.session.add(link)
        await self.session.flush()
        return link

    async def links(
        self, params: PageParams, api_key_id: uuid.UUID | None
    ) -> tuple[Sequence[DashboardLink], str | None]:
        """A page of links, newest first; only `api_key_id`'s unless it is None."""
        statement = select(DashboardLink)
        if api_key_id is not None:
            statement = statement.where(DashboardLink.api_key_id == api_key_id)
        return await fetch_page(
            self.session, statement, DashboardLink.created_at, DashboardLink.id, params
        )

    async def link(self, link_id: uuid.UUID, api_key_id: uuid.UUID | None) -> DashboardLink | None:
        statement = select(DashboardLink).where(DashboardLink.id == link_id)
        if api_key_id is not None:
            statement = statement.where(DashboardLink.api_key_id == api_key_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def live_link(self, token_hash: str, now: datetime) -> DashboardLink | None:
        statement = select(DashboardLink).where(
            DashboardLink.token_hash == token_hash,
            DashboardLink.revoked_at.is_(None),
            DashboardLink.expires_at > now,
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def revoke_link(self, link: DashboardLink, now: datetime) -> None:
        """The link stops working and the sessions it opened end."""
        await self.session.execute(
            update(DashboardLink)
            .where(DashboardLink.id == link.id, DashboardLink.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            delete(DashboardSession).where(DashboardSession.link_id == link.id)
        )

    async def add_session(self, session_row: DashboardSession, now: datetime) -> None:
        # Expired sessions are cleared here, where new ones are made: no job needed for them.
        await self.session.execute(
            delete(DashboardSession).where(DashboardSession.expires_at <= now)
        )
        self.session.add(session_row)
        await self.session.flush()

    async def live_session(self, token_hash: str, now: datetime) -> LiveSession | None:
        """The session of the token, unless it expired or its link was revoked or expired."""
        statement = (
            select(DashboardSession.id, DashboardSession.api_key_id)
            .outerjoin(DashboardLink, DashboardLink.id == DashboardSession.link_id)
            .where(
                DashboardSession.token_hash == token_hash,
                DashboardSession.expires_at > now,
                or_(
                    DashboardSession.link_id.is_(None),
                    (DashboardLink.revoked_at.is_(None)) & (DashboardLink.expires_at > now),
                ),
            )
        )
        return (await self.session.execute(statement)).one_or_none()

    async def end_session(self, token_hash: str) -> None:
        await self.session.execute(
            delete(DashboardSession).where(DashboardSession.token_hash == token_hash)
        )
