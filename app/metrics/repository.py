"""Every metric is one aggregate query over an indexed time range: cost grows with the period
asked for, not with all history. Rows come back keyed by (bucket, group)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from app.metrics.schemas import Window
from app.models import (
    Order,
    SlaTarget,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    Ticket,
)
from app.models.orders import delivery_expected
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import Priority, TicketStatus

OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)
SETTLED = (TargetStatus.MET, TargetStatus.BREACHED)
FCR_REOPEN_WINDOW = timedelta(days=7)
TICKET_GROUPS: dict[str, InstrumentedAttribute[Any]] = {
    "channel": Ticket.channel,
    "priority": Ticket.priority,
    "assignee": Ticket.assignee,
    "team": Ticket.team,
    "tier": Ticket.tier,
}


Key = tuple[datetime | None, str | None]
AnySelect = Select[*tuple[Any, ...]]
Column = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True, slots=True)
class Counts:
    numerator: int
    denominator: int
    extra: int = 0  # a metric's side figure (FCR: zero-reply resolutions)


@dataclass(frozen=True, slots=True)
class TargetTerms:
    priority: Priority
    metric: SlaMetric
    target_seconds: float
    business_hours: bool
    met: int
    settled: int


@dataclass(frozen=True, slots=True)
class Durations:
    median_seconds: float | None
    p90_seconds: float | None
    sample_size: int


def _keys(
    window: Window, time_column: Column, group_column: Column | None
) -> list[ColumnElement[Any]]:
    bucket = (
        func.date_trunc(window.granularity, time_column, window.timezone)
        if window.granularity is not None
        else null()
    )
    group = group_column if group_column is not None else null()
    return [bucket.label("bucket"), group.label("group")]


def _in_window(column: Column, window: Window) -> ColumnElement[bool]:
    return and_(column >= window.start, column < window.end)


def _ticket_group(window: Window) -> Column | None:
    return TICKET_GROUPS[window.group_by] if window.group_by else None


def _group_by_keys(statement: AnySelect) -> AnySelect:
    return statement.group_by(text("1"), text("2"))  # the bucket and group keys


class MetricsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _counts(self, statement: AnySelect) -> dict[Key, Counts]:
        rows = (await self.session.execute(statement)).all()
        return {
            (row.bucket, _label(row.group)): Counts(
                int(row.numerator or 0),
                int(row.denominator or 0),
                int(getattr(row, "extra", 0) or 0),
            )
            for row in rows
        }

    async def _durations(self, statement: AnySelect) -> dict[Key, Durations]:
        rows = (await self.session.execute(statement)).all()
        return {
            (row.bucket, _label(row.group)): Durations(
                _seconds(row.median), _seconds(row.p90), int(row.sample_size)
            )
            for row in rows
        }

    async def first_contact_resolution(self, window: Window) -> dict[Key, Counts]:
        """Resolved (first solved) in the window; FCR = exactly one public agent reply when
        first solved and no reopen within 7 days of that solve."""
        one_touch = and_(
            Ticket.replies_at_first_solve == 1,
            or_(
                Ticket.first_reopened_at.is_(None),
                Ticket.first_reopened_at > Ticket.first_solved_at + FCR_REOPEN_WINDOW,
            ),
        )
        statement = select(
            *_keys(window, Ticket.first_solved_at, _ticket_group(window)),
            func.count().filter(one_touch).label("numerator"),
            func.count().label("denominator"),
            func.count().filter(Ticket.replies_at_first_solve == 0).label("extra"),
        ).where(_in_window(Ticket.first_solved_at, window))
        return await self._counts(_group_by_keys(statement))

    async def first_response_time(self, window: Window) -> dict[Key, Durations]:
        elapsed = func.coalesce(
            Ticket.first_response_seconds,
            func.extract("epoch", Ticket.first_responded_at - Ticket.created_at),
        )
        statement = _duration_select(window, elapsed, Ticket.created_at).where(
            _in_window(Ticket.created_at, window), Ticket.first_responded_at.is_not(None)
        )
        return await self._durations(_group_by_keys(statement))

    async def resolution_time(self, window: Window) -> dict[Key, Durations]:
        elapsed = func.coalesce(
            Ticket.resolution_seconds,
            func.extract("epoch", Ticket.first_solved_at - Ticket.created_at),
        )
        statement = _duration_select(window, elapsed, Ticket.first_solved_at).where(
            _in_window(Ticket.first_solved_at, window)
        )
        return await self._durations(_group_by_keys(statement))

    async def tickets_created(self, window: Window) -> dict[Key, Counts]:
        statement = select(
            *_keys(window, Ticket.created_at, _ticket_group(window)),
            func.count().label("numerator"),
            func.count().label("denominator"),
        ).where(_in_window(Ticket.created_at, window))
        return await self._counts(_group_by_keys(statement))

    async def tickets_solved(self, window: Window) -> dict[Key, Counts]:
        statement = select(
            *_keys(window, Ticket.first_solved_at, _ticket_group(window)),
            func.count().label("numerator"),
            func.count().label("denominator"),
        ).where(_in_window(Ticket.first_solved_at, window))
        return await self._counts(_group_by_keys(statement))

    async def delivery_on_time(self, window: Window, now: datetime) -> dict[Key, Counts]:
        """Orders promised in the window whose promise is settled (delivered, or past due), and
        not cancelled."""
        on_time = Order.delivered_at <= Order.promised_delivery_at
        settled = or_(Order.delivered_at.is_not(None), Order.promised_delivery_at < now)
        statement = select(
            *_keys(window, Order.promised_delivery_at, None),
            func.count().filter(on_time).label("numerator"),
            func.count().label("denominator"),
        ).where(_in_window(Order.promised_delivery_at, window), settled, delivery_expected())
        return await self._counts(_group_by_keys(statement))

    async def retention(self, window: Window) -> dict[Key, Counts]:
        """Customers who ordered in the period (or bucket) of the same length just before the
        window (or bucket) and ordered again within it: measurable for a window ending now."""
        base = _retention_base(window).subquery()
        later = aliased(Order)
        ordered_again = exists().where(
            later.customer_id == base.c.customer_id,
            later.placed_at >= base.c.measured_from,
            later.placed_at < base.c.measured_to,
        )
        statement = (
            select(
                base.c.bucket,
                null().label("group"),
                func.count().filter(ordered_again).label("numerator"),
                func.count().label("denominator"),
            )
            .select_from(base)
            .group_by(base.c.bucket)
        )
        return await self._counts(statement)

    async def csat(self, window: Window) -> dict[Key, Counts]:
        """Answers counted as CSAT (1-5) rating 4 or 5 / all such answers."""
        return await self._answers(window, "csat", SurveyAnswer.numeric_value >= 4)

    async def expectations_met(self, window: Window) -> dict[Key, Counts]:
        """'Have we met your expectations?' answered yes / all answers to it."""
        return await self._answers(window, "expectations_met", SurveyAnswer.numeric_value == 1)

    async def nps(self, window: Window) -> dict[Key, Counts]:
        """numerator = promoters (9-10) - detractors (0-6), denominator = answers."""
        promoters = func.count().filter(SurveyAnswer.numeric_value >= 9)
        detractors = func.count().filter(SurveyAnswer.numeric_value <= 6)
        statement = self._answer_select(
            window, "nps", (promoters - detractors).label("numerator")
        )
        return await self._counts(_group_by_keys(statement))

    async def _answers(
        self, window: Window, counts_as: str, favourable: ColumnElement[bool]
    ) -> dict[Key, Counts]:
        statement = self._answer_select(
            window, counts_as, func.count().filter(favourable).label("numerator")
        )
        return await self._counts(_group_by_keys(statement))

    def _answer_select(
        self, window: Window, counts_as: str, numerator: ColumnElement[Any]
    ) -> AnySelect:
        statement = select(
            *_keys(window, SurveyAnswer.answered_at, _ticket_group(window)),
            numerator,
            func.count().label("denominator"),
        ).where(SurveyAnswer.counts_as == counts_as, _in_window(SurveyAnswer.answered_at, window))
        if window.group_by is not None:  # grouped by the attributes of the surveyed ticket
            statement = statement.join(
                SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id
            ).outerjoin(Ticket, Ticket.id == SurveyResponse.ticket_id)
        return statement

    async def survey_response_rate(self, window: Window) -> dict[Key, Counts]:
        """Invitations created in the window that were answered / all of them."""
        statement = select(
            *_keys(window, SurveyInvitation.created_at, None),
            func.count().filter(SurveyInvitation.responded_at.is_not(None)).label("numerator"),
            func.count().label("denominator"),
        ).where(_in_window(SurveyInvitation.created_at, window))
        return await self._counts(_group_by_keys(statement))

    async def sla_compliance(
        self, window: Window, metric: SlaMetric | None = None
    ) -> dict[Key, Counts]:
        """Targets due in the window that were met / met + breached (active ones excluded)."""
        statement = (
            select(
                *_keys(window, SlaTarget.due_at, _ticket_group(window)),
                func.count().filter(SlaTarget.status == TargetStatus.MET).label("numerator"),
                func.count().label("denominator"),
            )
            .where(SlaTarget.status.in_(SETTLED), _in_window(SlaTarget.due_at, window))
        )
        if metric is not None:
            statement = statement.where(SlaTarget.metric == metric)
        if window.group_by is not None:
            statement = statement.join(Ticket, Ticket.id == SlaTarget.ticket_id)
        return await self._counts(_group_by_keys(statement))

    async def targets_by_priority(self, window: Window) -> list[TargetTerms]:
        """Per priority and metric: the target most often promised, and how often it held."""
        statement = (
            select(
                Ticket.priority,
                SlaTarget.metric,
                func.mode().within_group(func.extract("epoch", SlaTarget.target)).label("target"),
                func.bool_or(SlaTarget.business_hours).label("business_hours"),
                func.count().filter(SlaTarget.status == TargetStatus.MET).label("met"),
                func.count().label("settled"),
            )
            .join(Ticket, Ticket.id == SlaTarget.ticket_id)
            .where(SlaTarget.status.in_(SETTLED), _in_window(SlaTarget.due_at, window))
            .group_by(Ticket.priority, SlaTarget.metric)
        )
        return [
            TargetTerms(row.priority, row.metric, float(row.target), bool(row.business_hours),
                        int(row.met), int(row.settled))
            for row in (await self.session.execute(statement)).all()
        ]

    async def observed_by_priority(
        self, window: Window, metric: SlaMetric
    ) -> dict[Priority, tuple[float | None, float | None, float | None, int]]:
        """Per priority: median, p90, p95 seconds of first responses or first solves of the
        tickets created in the window (calendar time)."""
        done_at = (
            Ticket.first_responded_at
            if metric == SlaMetric.FIRST_RESPONSE
            else Ticket.first_solved_at
        )
        seconds = func.extract("epoch", done_at - Ticket.created_at)
        statement = (
            select(
                Ticket.priority,
                func.percentile_cont(0.5).within_group(seconds),
                func.percentile_cont(0.9).within_group(seconds),
                func.percentile_cont(0.95).within_group(seconds),
                func.count(),
            )
            .where(_in_window(Ticket.created_at, window), done_at.is_not(None))
            .group_by(Ticket.priority)
        )
        return {
            row[0]: (_seconds(row[1]), _seconds(row[2]), _seconds(row[3]), int(row[4]))
            for row in (await self.session.execute(statement)).all()
        }

    async def backlog(self, now: datetime) -> Sequence[tuple[TicketStatus, int, int, int, int]]:
        """Open tickets by status with their age: (status, <1 d, 1-3 d, 3-7 d, >7 d)."""
        age = now - Ticket.created_at
        statement = (
            select(
                Ticket.status,
                func.count().filter(age < timedelta(days=1)),
                func.count().filter(age >= timedelta(days=1), age < timedelta(days=3)),
                func.count().filter(age >= timedelta(days=3), age < timedelta(days=7)),
                func.count().filter(age >= timedelta(days=7)),
            )
            .where(Ticket.status.in_(OPEN_STATUSES))
            .group_by(Ticket.status)
        )
        rows = (await self.session.execute(statement)).all()
        return [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


def _retention_base(window: Window) -> AnySelect:
    """One row per customer of an earlier period, with the period it is measured in."""
    if window.granularity is None:
        earlier = Window(window.start - (window.end - window.start), window.start)
        return select(
            Order.customer_id,
            null().label("bucket"),
            literal(window.start).label("measured_from"),
            literal(window.end).label("measured_to"),
        ).where(_in_window(Order.placed_at, earlier)).distinct()
    zone, step = window.timezone, text(f"interval '1 {window.granularity}'")
    earlier_bucket = func.timezone(zone, func.date_trunc(window.granularity, Order.placed_at, zone))
    measured_from = func.timezone(zone, earlier_bucket + step)
    first_bucket = func.timezone(zone, func.date_trunc(window.granularity, window.start, zone))
    return select(
        Order.customer_id,
        measured_from.label("bucket"),
        measured_from.label("measured_from"),
        func.timezone(zone, earlier_bucket + step + step).label("measured_to"),
    ).where(
        Order.placed_at >= func.timezone(zone, first_bucket - step),
        Order.placed_at < window.end,
        measured_from < window.end,
    ).distinct()


def _duration_select(
    window: Window, seconds: ColumnElement[Any], time_column: Column
) -> AnySelect:
    return select(
        *_keys(window, time_column, _ticket_group(window)),
        func.percentile_cont(0.5).within_group(seconds).label("median"),
        func.percentile_cont(0.9).within_group(seconds).label("p90"),
        func.count().label("sample_size"),
    )


def _label(group: object) -> str | None:
    return None if group is None else str(group)


def _seconds(value: object) -> float | None:
    return None if value is None else round(float(value), 3)  # type: ignore[arg-type]

