import uuid
from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.feedback.schemas import FeedbackFilters
from app.kit.pagination import PageParams, fetch_page
from app.models import Customer, Feedback, Order


def _with_links(statement: Select[Feedback]) -> Select[Feedback]:
    return statement.options(selectinload(Feedback.customer), selectinload(Feedback.order))


class FeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, feedback: Feedback) -> Feedback:
        self.session.add(feedback)
        await self.session.flush()
        return feedback

    async def by_id(self, feedback_id: uuid.UUID, *, for_update: bool = False) -> Feedback | None:
        statement = _with_links(select(Feedback).where(Feedback.id == feedback_id))
        if for_update:
            statement = statement.with_for_update(of=Feedback)
        return await self.session.scalar(statement)

    async def page(
        self, params: PageParams, filters: FeedbackFilters
    ) -> tuple[Sequence[Feedback], str | None]:
        statement = _with_links(select(Feedback))
        for column, value in (
            (Feedback.source, filters.source),
            (Feedback.status, filters.status),
            (Feedback.area, filters.area),
            (Feedback.sentiment, filters.sentiment),
            (Feedback.ticket_id, filters.ticket_id),
        ):
            if value is not None:
                statement = statement.where(column == value)
        if filters.customer_external_ref is not None:
            customer_id = select(Customer.id).where(
                Customer.external_ref == filters.customer_external_ref
            )
            statement = statement.where(Feedback.customer_id == customer_id.scalar_subquery())
        if filters.order_external_ref is not None:
            order_id = select(Order.id).where(Order.external_ref == filters.order_external_ref)
            statement = statement.where(Feedback.order_id == order_id.scalar_subquery())
        if filters.created_from is not None:
            statement = statement.where(Feedback.created_at >= filters.created_from)
        if filters.created_to is not None:
            statement = statement.where(Feedback.created_at < filters.created_to)
        return await fetch_page(self.session, statement, Feedback.created_at, Feedback.id, params)
