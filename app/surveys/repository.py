import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.kit.ids import uuid7
from app.kit.pagination import PageParams, fetch_page
from app.models import (
    Customer,
    Order,
    SurveyAutoInviteSkip,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
    Ticket,
)
from app.surveys.schemas import InvitationFilters, ResponseFilters
from app.surveys.types import InvitationTrigger, SkipReason
from app.tickets.vocabulary import DONE_STATUSES


class SurveyTemplateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_slug(self, slug: str) -> None:
        """Serialise publishing per slug until commit, so two publishes get versions N+1, N+2."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"),
            {"name": f"survey-template:{slug}"},
        )

    async def latest_version(self, slug: str) -> int | None:
        statement = select(func.max(SurveyTemplate.version)).where(SurveyTemplate.slug == slug)
        return await self.session.scalar(statement)

    async def add(self, template: SurveyTemplate) -> SurveyTemplate:
        self.session.add(template)
        await self.session.flush()
        return template

    async def by_id(self, template_id: uuid.UUID) -> SurveyTemplate | None:
        return await self.session.get(SurveyTemplate, template_id)

    async def by_slug(self, slug: str, version: int | None = None) -> SurveyTemplate | None:
        """The given version of a slug, or its latest one."""
        statement = select(SurveyTemplate).where(SurveyTemplate.slug == slug)
        if version is not None:
            statement = statement.where(SurveyTemplate.version == version)
        return await self.session.scalar(statement.order_by(SurveyTemplate.version.desc()).limit(1))

    async def page(
        self, params: PageParams, *, slug: str | None
    ) -> tuple[Sequence[SurveyTemplate], str | None]:
        statement = select(SurveyTemplate)
        if slug is not None:
            statement = statement.where(SurveyTemplate.slug == slug)
        return await fetch_page(
            self.session, statement, SurveyTemplate.created_at, SurveyTemplate.id, params
        )


@dataclass(frozen=True, slots=True)
class SolvedTicket:
    id: uuid.UUID
    customer_id: uuid.UUID
    order_id: uuid.UUID | None


def _invitation_with_links(
    statement: Select[SurveyInvitation],
) -> Select[SurveyInvitation]:
    return statement.options(
        selectinload(SurveyInvitation.template),
        selectinload(SurveyInvitation.customer),
        selectinload(SurveyInvitation.order),
    )


class SurveyInvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, invitation: SurveyInvitation) -> SurveyInvitation:
        self.session.add(invitation)
        await self.session.flush()
        return invitation

    async def by_token_hash(
        self, token_hash: str, *, for_update: bool = False
    ) -> SurveyInvitation | None:
        statement = _invitation_with_links(
            select(SurveyInvitation).where(
                or_(
                    SurveyInvitation.token_hash == token_hash,
                    SurveyInvitation.reminder_token_hash == token_hash,
                )
            )
        )
        if for_update:
            statement = statement.with_for_update(of=SurveyInvitation)
        return await self.session.scalar(statement)

    async def by_ids(self, invitation_ids: Sequence[uuid.UUID]) -> Sequence[SurveyInvitation]:
        statement = _invitation_with_links(
            select(SurveyInvitation).where(SurveyInvitation.id.in_(invitation_ids))
        )
        return (await self.session.scalars(statement)).all()

    async def page(
        self, params: PageParams, filters: InvitationFilters
    ) -> tuple[Sequence[SurveyInvitation], str | None]:
        statement = _invitation_with_links(select(SurveyInvitation)).where(
            *_link_conditions(SurveyInvitation, filters)
        )
        return await fetch_page(
            self.session, statement, SurveyInvitation.created_at, SurveyInvitation.id, params
        )

    async def lock_customer(self, customer_id: uuid.UUID) -> None:
        """Serialise inviting one customer until commit, so two invitations made at once cannot
        both pass the fatigue check (an advisory lock: the customer row itself stays free)."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"),
            {"name": f"survey-invitations:{customer_id}"},
        )

    async def last_invited_at(self, customer_id: uuid.UUID) -> datetime | None:
        """When the customer was last invited to any survey (ix_..._customer_id_created_at)."""
        statement = select(func.max(SurveyInvitation.created_at)).where(
            SurveyInvitation.customer_id == customer_id
        )
        return await self.session.scalar(statement)

    async def claim_due_reminders(self, now: datetime, limit: int) -> Sequence[SurveyInvitation]:
        """Invitations whose reminder is due, oldest first, through the partial index on
        reminder_due_at; claimed rows stay locked until commit and other workers skip them."""
        statement = _invitation_with_links(
            select(SurveyInvitation)
            .where(SurveyInvitation.reminder_due_at <= now)
            .order_by(SurveyInvitation.reminder_due_at)
            .limit(limit)
            .with_for_update(of=SurveyInvitation, skip_locked=True)
        )
        return (await self.session.scalars(statement)).all()

    async def claim_solved_tickets_to_invite(
        self,
        *,
        solved_from: datetime,
        solved_until: datetime,
        template_slug: str,
        limit: int,
    ) -> Sequence[SolvedTicket]:
        """Tickets solved in [solved_from, solved_until] with no invitation to `template_slug`.

        The range is on tickets.solved_at (ix_tickets_solved_at), so a run reads recently
        solved tickets only. Claimed rows stay locked until commit and other workers skip them.
        """
        already_invited = exists().where(
            SurveyInvitation.ticket_id == Ticket.id,
            SurveyInvitation.template_id == SurveyTemplate.id,
            SurveyTemplate.slug == template_slug,
        )
        passed_over = exists().where(SurveyAutoInviteSkip.ticket_id == Ticket.id)
        statement = (
            select(Ticket.id, Ticket.customer_id, Ticket.order_id)
            .where(Ticket.solved_at >= solved_from, Ticket.solved_at <= solved_until)
            .where(Ticket.status.in_(DONE_STATUSES))
            .where(~already_invited, ~passed_over)
            .order_by(Ticket.solved_at)
            .limit(limit)
            .with_for_update(of=Ticket, skip_locked=True)
        )
        rows = (await self.session.execute(statement)).all()
        return [SolvedTicket(row.id, row.customer_id, row.order_id) for row in rows]

    async def insert_ticket_solved_invitation(
        self,
        *,
        template_id: uuid.UUID,
        token_hash: str,
        ticket: SolvedTicket,
        created_at: datetime,
        expires_at: datetime,
        reminder_due_at: datetime | None = None,
    ) -> uuid.UUID | None:
        """Insert the ticket's automatic invitation; None when it already has one."""
        statement = (
            insert(SurveyInvitation)
            .values(
                id=uuid7(),
                template_id=template_id,
                token_hash=token_hash,
                customer_id=ticket.customer_id,
                order_id=ticket.order_id,
                ticket_id=ticket.id,
                trigger=InvitationTrigger.TICKET_SOLVED,
                created_at=created_at,
                expires_at=expires_at,
                reminder_due_at=reminder_due_at,
            )
            .on_conflict_do_nothing(
                index_elements=[SurveyInvitation.ticket_id],
                # A literal, not a parameter: PostgreSQL must match it to the partial index's
                # predicate when planning, and a generic plan would not know a parameter's value.
                index_where=text(f"trigger = '{InvitationTrigger.TICKET_SOLVED}'"),
            )
            .returning(SurveyInvitation.id)
        )
        return await self.session.scalar(statement)

    async def pass_over_ticket(
        self, ticket_id: uuid.UUID, template_id: uuid.UUID, reason: SkipReason, now: datetime
    ) -> None:
        """Record that the automatic invitation skipped this ticket, so it is not looked at
        again."""
        statement = (
            insert(SurveyAutoInviteSkip)
            .values(ticket_id=ticket_id, template_id=template_id, reason=reason, decided_at=now)
            .on_conflict_do_nothing(index_elements=[SurveyAutoInviteSkip.ticket_id])
        )
        await self.session.execute(statement)


def _link_conditions(
    model: type[SurveyInvitation] | type[SurveyResponse], filters: InvitationFilters
) -> list[ColumnElement[bool]]:
    """Template (slug), customer, order, ticket and creation range: invitations and responses
    are filtered alike."""
    conditions: list[ColumnElement[bool]] = []
    if filters.template_slug is not None:
        conditions.append(model.template_id.in_(
            select(SurveyTemplate.id).where(SurveyTemplate.slug == filters.template_slug)
        ))
    if filters.customer_external_ref is not None:
        conditions.append(model.customer_id.in_(
            select(Customer.id).where(Customer.external_ref == filters.customer_external_ref)
        ))
    if filters.order_external_ref is not None:
        order_id = select(Order.id).where(Order.external_ref == filters.order_external_ref)
        conditions.append(model.order_id == order_id.scalar_subquery())
    if filters.ticket_id is not None:
        conditions.append(model.ticket_id == filters.ticket_id)
    if filters.created_from is not None:
        conditions.append(model.created_at >= filters.created_from)
    if filters.created_to is not None:
        conditions.append(model.created_at < filters.created_to)
    return conditions


class SurveyResponseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, response: SurveyResponse) -> None:
        """Insert the response with its answers (response.answers)."""
        self.session.add(response)
        await self.session.flush()

    async def page(
        self, params: PageParams, filters: ResponseFilters
    ) -> tuple[Sequence[SurveyResponse], str | None]:
        statement = select(SurveyResponse).options(
            selectinload(SurveyResponse.template),
            selectinload(SurveyResponse.customer),
            selectinload(SurveyResponse.order),
            selectinload(SurveyResponse.answers),
        )
        statement = statement.where(*_link_conditions(SurveyResponse, filters))
        if filters.template_id is not None:
            statement = statement.where(SurveyResponse.template_id == filters.template_id)
        return await fetch_page(
            self.session, statement, SurveyResponse.created_at, SurveyResponse.id, params
        )
