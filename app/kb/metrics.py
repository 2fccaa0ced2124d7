"""The knowledge base's figures: readings, helpful votes, and whether tickets resolved with a
cited article were resolved at first contact more often than the others.

Each ratio is a percentage with its numerator, denominator and sample size (the metrics'
Figure); a ticket counts as resolved in the window when it was first solved in it, and as
resolved with a cited article when a reply cited one by then.
"""

import uuid
from datetime import datetime
from typing import Final

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.kb.repository import KnowledgeBaseMetricsRepository, ResolvedCounts
from app.kb.schemas import public_path
from app.metrics.schemas import Figure

MOST_READ: Final = 10


class ArticleFigures(BaseModel):
    id: uuid.UUID
    locale: str
    title: str
    url: str
    views: int
    helpful_votes: Figure = Field(description="helpful votes / votes on it in the period x 100")


class FcrComparison(BaseModel):
    with_cited_article: Figure = Field(
        description="first-contact resolutions / tickets resolved with a cited article x 100"
    )
    without_cited_article: Figure = Field(
        description="first-contact resolutions / tickets resolved without one x 100"
    )
    difference_points: float | None = Field(
        description="with minus without, in percentage points; null when either has no tickets"
    )


class KnowledgeBaseMetrics(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period_from: datetime = Field(alias="from")
    period_to: datetime = Field(alias="to")
    views: int = Field(description="readings of published articles (pages and public JSON)")
    articles_viewed: int = Field(description="distinct articles read")
    helpful_votes: Figure = Field(description="helpful votes / all votes x 100")
    tickets_resolved_with_cited_article: Figure = Field(
        description="tickets first solved in the period with an article cited by then /"
        " tickets first solved in the period x 100"
    )
    first_contact_resolution: FcrComparison = Field(
        description="first-contact resolution (one public agent reply at first solve, no"
        " reopening within 7 days: the metrics' FCR) with and without a cited article"
    )
    most_read: list[ArticleFigures] = Field(description=f"the {MOST_READ} articles read most")


def ratio(numerator: int, denominator: int) -> Figure:
    value = round(100 * numerator / denominator, 2) if denominator else None
    return Figure(
        value=value, numerator=numerator, denominator=denominator, sample_size=denominator
    )


async def knowledge_base_metrics(
    session: AsyncSession, start: datetime, end: datetime
) -> KnowledgeBaseMetrics:
    repository = KnowledgeBaseMetricsRepository(session)
    views, articles_viewed = await repository.views(start, end)
    votes, helpful = await repository.votes(start, end)
    resolved = await repository.resolved_by_citation(start, end)
    cited = resolved.get(True, ResolvedCounts(0, 0))
    uncited = resolved.get(False, ResolvedCounts(0, 0))
    with_fcr = ratio(cited.one_touch, cited.resolved)
    without_fcr = ratio(uncited.one_touch, uncited.resolved)
    difference = None
    if with_fcr.value is not None and without_fcr.value is not None:
        difference = round(with_fcr.value - without_fcr.value, 2)
    return KnowledgeBaseMetrics(
        period_from=start,
        period_to=end,
        views=views,
        articles_viewed=articles_viewed,
        helpful_votes=ratio(helpful, votes),
        tickets_resolved_with_cited_article=ratio(
            cited.resolved, cited.resolved + uncited.resolved
        ),
        first_contact_resolution=FcrComparison(
            with_cited_article=with_fcr,
            without_cited_article=without_fcr,
            difference_points=difference,
        ),
        most_read=[
            ArticleFigures(
                id=row.article.id,
                locale=row.article.locale,
                title=row.article.title,
                url=public_path(row.article.id),
                views=row.views,
                helpful_votes=ratio(row.helpful, row.votes),
            )
            for row in await repository.most_read(start, end, MOST_READ)
        ],
    )
