"""Hand-built data for metric tests: rows inserted with exact timestamps."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.ids import uuid7
from app.models import (
    Customer,
    Order,
    SlaTarget,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
    Ticket,
)

T0 = datetime(2026, 10, 1, tzinfo=UTC)


async def customer(session: AsyncSession, ref: str) -> Customer:
    row = Customer(id=uuid7(), external_ref=ref, created_at=T0, updated_at=T0)
    session.add(row)
    await session.flush()
    return row


async def ticket(
    session: AsyncSession, owner: Customer, created_at: datetime, **fields: Any
) -> Ticket:
    values: dict[str, Any] = {
        "subject": "s",
        "status": "open",
        "priority": "normal",
        "channel": "email",
        "tier": 1,
        "tags": [],
        "public_agent_reply_count": 0,
        "reopen_count": 0,
    }
    values.update(fields)
    row = Ticket(
        id=uuid7(), customer_id=owner.id, created_at=created_at, updated_at=created_at, **values
    )
    session.add(row)
    await session.flush()
    return row


async def order(
    session: AsyncSession, owner: Customer, ref: str, placed_at: datetime, **fields: Any
) -> Order:
    row = Order(
        id=uuid7(),
        external_ref=ref,
        customer_id=owner.id,
        placed_at=placed_at,
        amount=Decimal("10.00"),
        currency="EUR",
        created_at=placed_at,
        updated_at=placed_at,
        **{"status": "placed", **fields},
    )
    session.add(row)
    await session.flush()
    return row


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


async def survey_answer(
    session: AsyncSession,
    owner: Customer,
    answered_at: datetime,
    counts_as: str,
    value: int,
    *,
    ticket_id: Any = None,
) -> None:
    """One answered invitation with a single answer counted as `counts_as`."""
    template_id = await session.scalar(
        select(SurveyTemplate.id).where(SurveyTemplate.slug == "post-purchase")
    )
    invitation = SurveyInvitation(
        id=uuid7(),
        template_id=template_id,
        token_hash=uuid7().hex * 2,
        customer_id=owner.id,
        ticket_id=ticket_id,
        trigger="api",
        created_at=answered_at,
        expires_at=answered_at + timedelta(days=28),
        responded_at=answered_at,
    )
    session.add(invitation)
    await session.flush()
    response = SurveyResponse(
        id=uuid7(),
        invitation_id=invitation.id,
        template_id=template_id,
        customer_id=owner.id,
        ticket_id=ticket_id,
        created_at=answered_at,
    )
    session.add(response)
    await session.flush()
    question_type = {"csat": "csat", "nps": "nps", "expectations_met": "yes_no"}[counts_as]
    session.add(
        SurveyAnswer(
            response_id=response.id,
            question_key=counts_as,
            position=1,
            question_type=question_type,
            counts_as=counts_as,
            numeric_value=value,
            answered_at=answered_at,
        )
    )
    await session.flush()


async def unanswered_invitation(
    session: AsyncSession, owner: Customer, created_at: datetime
) -> None:
    template_id = await session.scalar(
        select(SurveyTemplate.id).where(SurveyTemplate.slug == "post-purchase")
    )
    session.add(
        SurveyInvitation(
            id=uuid7(),
            template_id=template_id,
            token_hash=uuid7().hex * 2,
            customer_id=owner.id,
            trigger="api",
            created_at=created_at,
            expires_at=created_at + timedelta(days=28),
        )
    )
    await session.flush()


async def sla_target(
    session: AsyncSession,
    owner_ticket: Ticket,
    metric: str,
    status: str,
    due_at: datetime,
    target: timedelta,
) -> None:
    session.add(
        SlaTarget(
            id=uuid7(),
            ticket_id=owner_ticket.id,
            metric=metric,
            status=status,
            policy_name="p",
            target=target,
            warn_before=timedelta(0),
            business_hours=False,
            started_at=due_at - target,
            due_at=due_at,
            warn_at=due_at,
            paused_for=timedelta(0),
            met_at=due_at - timedelta(minutes=1) if status == "met" else None,
            breached_at=due_at if status == "breached" else None,
        )
    )
    await session.flush()
