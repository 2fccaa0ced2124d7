"""The rollups answer what the raw aggregation answers: counts and ratios exactly, medians and
p90s within the declared relative error, for random data, zones, windows and groupings; before
a fold (raw rows for the hours changed), after it, and after a rebuild."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import Database
from app.metrics import service
from app.metrics.schemas import MetricSeries, Window
from app.metrics.slots import RELATIVE_ERROR
from app.metrics.types import MetricName
from app.models import Order, SlaTarget, Ticket, metric_changes, metric_rollups
from tests.factories import add_customer, add_order, add_sla_target, add_survey_answer, add_ticket
from tests.support.database import empty_tables
from tests.support.zones import AWKWARD_ZONES

# Around Europe's and America's autumn DST change (25 October and 1 November 2026).
T0 = datetime(2026, 10, 23, 21, 7, tzinfo=UTC)
SPAN_MINUTES = 10 * 24 * 60
ZONES = AWKWARD_ZONES
GROUPS = (None, "channel", "priority", "tier", "team", "assignee")
AGENTS = (None, "agent.a", "agent.b")
TEAMS = (None, "Orders", "Returns")
minutes = st.integers(0, SPAN_MINUTES)


@dataclass(frozen=True)
class TicketSpec:
    created: int
    channel: str
    priority: str
    tier: int
    assignee: str | None
    team: str | None
    responded_after: int | None
    solved_after: int | None
    replies: int
    reopened_after: int | None
    business_seconds: float | None
    answer: tuple[str, int, int] | None  # counts_as, value, minutes after creation
    target: tuple[str, str, int] | None  # metric, status, due minutes after creation


tickets = st.builds(
    TicketSpec,
    created=minutes,
    channel=st.sampled_from(("email", "chat", "phone")),
    priority=st.sampled_from(("low", "normal", "high")),
    tier=st.sampled_from((1, 2)),
    assignee=st.sampled_from(AGENTS),
    team=st.sampled_from(TEAMS),
    responded_after=st.none() | st.integers(0, 3000),
    solved_after=st.none() | st.integers(0, 6000),
    replies=st.integers(0, 2),
    reopened_after=st.none() | st.integers(1, 12 * 24 * 60),
    business_seconds=st.none() | st.floats(0, 200_000, allow_nan=False),
    answer=st.none()
    | st.tuples(
        st.sampled_from(("csat", "nps", "expectations_met")),
        st.integers(0, 10),
        st.integers(0, 4000),
    ),
    target=st.none()
    | st.tuples(
        st.sampled_from(("first_response", "next_response", "resolution")),
        st.sampled_from(("met", "breached", "active")),
        st.integers(-600, 4000),
    ),
)
orders = st.tuples(minutes, st.none() | st.integers(-3000, 3000), st.booleans())
# T0 is 7 minutes past: minute 8 (mod 15) is a quarter hour.
on_quarters = st.integers(0, SPAN_MINUTES // 15 - 1).map(lambda quarter: 8 + 15 * quarter)
windows = st.tuples(
    minutes | on_quarters,
    st.integers(1, SPAN_MINUTES) | st.integers(1, SPAN_MINUTES // 15).map(lambda n: 15 * n),
    st.sampled_from(ZONES),
    st.sampled_from(("day", "week", "month")),
    st.sampled_from(GROUPS),
)


def at(minute: int) -> datetime:
    return T0 + timedelta(minutes=minute)


async def seed(database: Database, specs: list[TicketSpec], promises: list[Any]) -> None:
    async with database.sessionmaker() as session, session.begin():
        customer = await add_customer(session)
        for spec in specs:
            created = at(spec.created)
            solved = (
                None
                if spec.solved_after is None
                else created + timedelta(minutes=spec.solved_after)
            )
            ticket = await add_ticket(
                session,
                customer,
                created,
                channel=spec.channel,
                priority=spec.priority,
                tier=spec.tier,
                assignee=spec.assignee,
                team=spec.team,
                first_responded_at=None
                if spec.responded_after is None
                else created + timedelta(minutes=spec.responded_after),
                first_response_seconds=spec.business_seconds if spec.responded_after else None,
                first_solved_at=solved,
                solved_at=solved,
                replies_at_first_solve=None if solved is None else spec.replies,
                first_reopened_at=None
                if solved is None or spec.reopened_after is None
                else solved + timedelta(minutes=spec.reopened_after),
            )
            if spec.answer is not None:
                counts_as, value, after = spec.answer
                value = min(value, 5) if counts_as == "csat" else value
                value = min(value, 1) if counts_as == "expectations_met" else value
                await add_survey_answer(
                    session,
                    customer,
                    created + timedelta(minutes=after),
                    counts_as,  # type: ignore[arg-type]
                    value,
                    ticket_id=ticket.id,
                )
            if spec.target is not None:
                metric, status, due = spec.target
                await add_sla_target(
                    session,
                    ticket,
                    metric,
                    status,
                    created + timedelta(minutes=due),
                    timedelta(hours=4),
                )
        for index, (promised, delivered, cancelled) in enumerate(promises):
            await add_order(
                session,
                customer,
                f"o-{index}",
                at(promised) - timedelta(days=3),
                status="cancelled" if cancelled else "shipped",
                promised_delivery_at=at(promised),
                delivered_at=None if delivered is None else at(promised + delivered),
            )


def assert_same(rolled: MetricSeries, raw: MetricSeries) -> None:
    assert rolled.as_of is not None
    if rolled.kind != "duration":
        assert [s.model_dump() for s in rolled.series] == [s.model_dump() for s in raw.series]
        return
    assert rolled.percentile_relative_error == RELATIVE_ERROR
    assert [s.group for s in rolled.series] == [s.group for s in raw.series]
    for mine, theirs in zip(rolled.series, raw.series, strict=True):
        for point, exact in zip(mine.points, theirs.points, strict=True):
            assert point.sample_size == exact.sample_size
            for figure in ("median_seconds", "p90_seconds"):
                assert close(getattr(point, figure), getattr(exact, figure)), (point, exact)


def close(estimate: float | None, exact: float | None) -> bool:
    """Within the declared relative error, plus the rounding of both to milliseconds."""
    if estimate is None or exact is None:
        return estimate is exact
    return abs(estimate - exact) <= RELATIVE_ERROR * abs(exact) + 0.001


async def compare(database: Database, window: Window, now: datetime) -> None:
    async with database.sessionmaker() as session:
        for name in MetricName:
            groupable = service.METRICS[name].groupable
            if name == MetricName.RETENTION or (window.group_by and not groupable):
                continue
            rolled = await service.series(session, name, window, now, rollups=True)
            raw = await service.series(session, name, window, now, rollups=False)
            assert_same(rolled, raw)
        whole = Window(window.start, window.end)
        rolled_summary = await service.summary(session, whole, now, rollups=True)
        raw_summary = await service.summary(session, whole, now, rollups=False)
    durations = {"first_response_time", "resolution_time", "as_of"}
    assert rolled_summary.model_dump(exclude=durations) == raw_summary.model_dump(exclude=durations)
    for figure in ("first_response_time", "resolution_time"):
        mine, exact = getattr(rolled_summary, figure), getattr(raw_summary, figure)
        assert mine.relative_error == RELATIVE_ERROR
        assert exact.relative_error is None
        assert mine.sample_size == exact.sample_size
        assert close(mine.median_seconds, exact.median_seconds)
        assert close(mine.p90_seconds, exact.p90_seconds)


async def in_transaction(database: Database, work: Any) -> Any:
    async with database.sessionmaker() as session, session.begin():
        return await work(session)


async def rebuild(database: Database, now: datetime) -> None:
    await in_transaction(database, lambda session: service.rebuild_rollups(session, now))


async def fold(database: Database, now: datetime) -> None:
    while await in_transaction(database, lambda s: service.fold_rollups(s, now, 1000)):
        pass


async def move_and_settle(session: AsyncSession) -> None:
    """Changes that move figures into other groups and hours after the fact."""
    first = await session.scalar(select(Ticket.id).order_by(Ticket.created_at).limit(1))
    await session.execute(
        update(Ticket)
        .where(Ticket.id == first)
        .values(
            assignee="agent.moved",
            team="Moved",
            channel="chat",
            first_reopened_at=Ticket.first_solved_at + timedelta(days=1),
        )
    )
    await session.execute(
        update(SlaTarget).where(SlaTarget.status == "active").values(status="met")
    )
    await session.execute(
        update(Order).values(promised_delivery_at=Order.promised_delivery_at + timedelta(hours=5))
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(tickets, min_size=1, max_size=14),
    promises=st.lists(orders, max_size=5),
    window=windows,
    now_minute=st.integers(0, SPAN_MINUTES + 3000),
)
async def test_rollups_answer_what_raw_rows_answer(
    database: Database,
    specs: list[TicketSpec],
    promises: list[Any],
    window: tuple[int, int, str, Any, Any],
    now_minute: int,
) -> None:
    await empty_tables(database)
    start, length, zone, granularity, group_by = window
    asked = Window(at(start), at(start + length), zone, granularity, group_by)
    now = at(now_minute) + timedelta(seconds=17)
    await rebuild(database, now)  # built on empty tables: every row is a change to fold
    await seed(database, specs, promises)
    await compare(database, asked, now)  # the changed hours from raw rows
    await fold(database, now)
    await compare(database, asked, now)
    await in_transaction(database, move_and_settle)
    await compare(database, asked, now)
    await fold(database, now)
    await compare(database, asked, now)
    await rebuild(database, now)
    await compare(database, asked, now)


async def test_a_fold_leaves_no_change_behind_and_fills_the_hours(database: Database) -> None:
    now = T0 + timedelta(days=20)
    await rebuild(database, now)
    await seed(
        database,
        [
            TicketSpec(
                60,
                "email",
                "high",
                1,
                "agent.a",
                "Orders",
                5,
                90,
                1,
                None,
                None,
                ("csat", 5, 120),
                ("resolution", "met", 200),
            )
        ],
        [(300, -10, False)],
    )
    async with database.sessionmaker() as session:
        logged = await session.scalar(select(func.count()).select_from(metric_changes))
        assert logged
        assert logged >= 4
        assert await session.scalar(select(func.count()).select_from(metric_rollups)) == 0
    await fold(database, now)
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(metric_changes)) == 0
        state = await service.rollup_state(session)
        assert state is not None
        assert state.dirty == []
        created = await session.scalar(
            select(metric_rollups.c.denominator).where(
                metric_rollups.c.measure == "tickets_created",
                metric_rollups.c.dim == "",
                metric_rollups.c.grain == 60,
                metric_rollups.c.slot == datetime(2026, 10, 23, 22, tzinfo=UTC),
            )
        )
        assert created == 1


async def test_groups_counted_only_outside_the_window_are_not_listed(database: Database) -> None:
    """The day's rollup less its hours outside the window leaves the group of a ticket created
    outside it at zero: listed neither by the raw rows nor by the rollups."""
    now = T0 + timedelta(days=20)
    await rebuild(database, now)
    answered = ("csat", 5, 10)
    await seed(
        database,
        [TicketSpec(60, "email", "high", 1, "agent.a", "Orders", 5, 90, 1, None, None,
                    answered, None)],
        [],
    )
    await fold(database, now)
    empty = Window(
        datetime(2026, 10, 23, 1, tzinfo=UTC), datetime(2026, 10, 23, 21, tzinfo=UTC),
        "UTC", "day", "channel",
    )
    async with database.sessionmaker() as session:
        for name in (MetricName.TICKETS_CREATED, MetricName.FIRST_RESPONSE_TIME):
            rolled = await service.series(session, name, empty, now, rollups=True)
            raw = await service.series(session, name, empty, now, rollups=False)
            assert [s.group for s in rolled.series] == [s.group for s in raw.series] == [None]
            assert rolled.series[0].points[0].sample_size == 0
    await compare(database, empty, now)


async def test_a_quarter_hour_window_is_answered_by_the_slots_alone(database: Database) -> None:
    """02:15 to 02:45 UTC, within one hour: quarter-hour rows answer it, no raw row is read
    (the rollups, made ten times too large behind the change log's back, show through)."""
    now = T0 + timedelta(days=20)
    await rebuild(database, now)
    quarter_past_two = 308  # T0 is 21:07
    specs = [
        TicketSpec(quarter_past_two + after, "email", "high", 1, None, None, None, None, 0,
                   None, None, None, None)
        for after in (0, 14, 15, 29, 30, 44)
    ]
    await seed(database, specs, [])
    await fold(database, now)
    window = Window(at(quarter_past_two), at(quarter_past_two + 30), "Asia/Kathmandu", "day")
    async with database.sessionmaker() as session:
        await compare(database, window, now)
        await session.execute(
            update(metric_rollups).values(
                numerator=metric_rollups.c.numerator * 10,
                denominator=metric_rollups.c.denominator * 10,
            )
        )
        rolled = await service.series(
            session, MetricName.TICKETS_CREATED, window, now, rollups=True
        )
        raw = await service.series(session, MetricName.TICKETS_CREATED, window, now, rollups=False)
    assert [point.value for point in rolled.series[0].points] == [40]
    assert [point.value for point in raw.series[0].points] == [4]
