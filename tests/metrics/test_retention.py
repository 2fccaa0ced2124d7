"""Retention from each order's link to its customer's next order (`next_placed_at`, kept by
the orders_relink_next triggers) answers what the raw definition answers, exactly: for random
orders inserted out of time order, with ties, moved between customers and in time, deleted;
random windows, zones and granularities. And the links stay right when one customer's orders
are written concurrently."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import Database
from app.metrics import service
from app.metrics.repository import MetricsRepository
from app.metrics.schemas import Window
from app.metrics.types import MetricName
from app.models import Order
from tests.factories import add_customer, add_order, create_order
from tests.support.database import empty_tables
from tests.support.zones import AWKWARD_ZONES

# Around Europe's and America's autumn DST change (25 October and 1 November 2026), over two
# month boundaries.
T0 = datetime(2026, 9, 20, tzinfo=UTC)
SPAN_MINUTES = 75 * 24 * 60
ZONES = AWKWARD_ZONES
CUSTOMERS = 3
# Any minute, or one on a grid of whole hours, half days or days: orders of one customer at the same
# time (ties broken by id), orders and window edges exactly on (UTC and local) bucket edges.
minutes = (
    st.integers(0, SPAN_MINUTES)
    | st.integers(0, SPAN_MINUTES // 60).map(lambda k: k * 60)
    | st.integers(0, SPAN_MINUTES // 720).map(lambda k: k * 720)
    | st.integers(0, SPAN_MINUTES // 1440).map(lambda k: k * 1440)
)
orders = st.tuples(st.integers(0, CUSTOMERS - 1), minutes, st.booleans())  # cancelled?
moves = st.tuples(
    st.integers(0, 40), st.none() | st.integers(0, CUSTOMERS - 1), st.none() | minutes
)
windows = st.tuples(
    minutes.map(lambda minute: minute - 10 * 24 * 60),
    st.integers(60, 40 * 24 * 60) | st.integers(1, 40).map(lambda days: days * 24 * 60),
    st.sampled_from(ZONES),
    st.sampled_from(("day", "week", "month")),
)

LINKED_WRONGLY = text("""
SELECT count(*) FROM orders o JOIN (
    SELECT id, lead(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at, id) AS next
    FROM orders
) AS n ON n.id = o.id
WHERE o.next_placed_at IS DISTINCT FROM n.next
""")


def at(minute: int) -> datetime:
    return T0 + timedelta(minutes=minute)


async def linked_wrongly(session: AsyncSession) -> int:
    return int(await session.scalar(LINKED_WRONGLY) or 0)


async def compare(database: Database, asked: list[Window], now: datetime) -> None:
    async with database.sessionmaker() as session:
        assert await linked_wrongly(session) == 0
        repository = MetricsRepository(session)
        for window in asked:
            linked = await repository.retention_by_next_order(window)
            assert linked == await repository.retention(window), window
        series = asked[-1]
        fast = await service.series(session, MetricName.RETENTION, series, now, rollups=True)
        raw = await service.series(session, MetricName.RETENTION, series, now, rollups=False)
        assert fast == raw


async def seed(database: Database, specs: list[tuple[int, int, bool]]) -> list[uuid.UUID]:
    """The customers, then their orders in the drawn (not time) order, in two transactions."""
    async with database.sessionmaker() as session, session.begin():
        customers = [
            (await add_customer(session, f"cust-{n}", email=f"c{n}@example.com")).id
            for n in range(CUSTOMERS)
        ]
    half = len(specs) // 2
    for part in (specs[:half], specs[half:]):
        async with database.sessionmaker() as session, session.begin():
            for customer, minute, cancelled in part:
                session.add(
                    Order(
                        external_ref=f"o-{uuid.uuid4()}",
                        customer_id=customers[customer],
                        status="cancelled" if cancelled else "placed",
                        placed_at=at(minute),
                        amount=1,
                        currency="EUR",
                    )
                )
                await session.flush()
    return customers


async def move_and_delete(
    database: Database, customers: list[uuid.UUID], changes: list[Any], deleted: list[int]
) -> None:
    """Orders moved to another customer and in time (one statement each), some deleted (a
    statement deleting several)."""
    async with database.sessionmaker() as session, session.begin():
        ids = list(await session.scalars(select(Order.id).order_by(Order.external_ref)))
        if not ids:
            return
        for index, customer, minute in changes:
            values: dict[str, Any] = {}
            if customer is not None:
                values["customer_id"] = customers[customer]
            if minute is not None:
                values["placed_at"] = at(minute)
            if values:
                await session.execute(
                    update(Order).where(Order.id == ids[index % len(ids)]).values(**values)
                )
        gone = {ids[index % len(ids)] for index in deleted}
        await session.execute(delete(Order).where(Order.id.in_(gone)))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(orders, min_size=1, max_size=24),
    changes=st.lists(moves, max_size=6),
    deleted=st.lists(st.integers(0, 40), max_size=3),
    window=windows,
)
async def test_linked_retention_answers_what_the_raw_definition_answers(
    database: Database,
    specs: list[tuple[int, int, bool]],
    changes: list[Any],
    deleted: list[int],
    window: tuple[int, int, str, Any],
) -> None:
    await empty_tables(database)
    start, length, zone, granularity = window
    whole = Window(at(start), at(start + length))
    asked = [whole, Window(at(start), at(start + length), zone, granularity)]
    now = at(SPAN_MINUTES)
    customers = await seed(database, specs)
    await compare(database, asked, now)
    await move_and_delete(database, customers, changes, deleted)
    await compare(database, asked, now)


async def links(database: Database) -> list[tuple[str, datetime | None]]:
    async with database.sessionmaker() as session:
        rows = await session.execute(
            select(Order.external_ref, Order.next_placed_at).order_by(Order.external_ref)
        )
        return [(ref, next_placed_at) for ref, next_placed_at in rows.all()]


async def waiting_for_a_lock(database: Database) -> bool:
    async with database.sessionmaker() as session:
        return bool(
            await session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        )


async def test_concurrent_orders_of_one_customer_are_linked_in_turn(database: Database) -> None:
    """The second writer's relink waits for the first writer's customer lock, then reads its
    committed order: neither link is lost, whichever order is placed first."""
    customer = await add_customer(database)
    await add_order(database, customer, "a-first", at(0))
    async with database.sessionmaker() as first, database.sessionmaker() as second:
        await first.begin()
        await second.begin()
        await add_order(first, customer, "c-later", at(200))
        writing = asyncio.create_task(add_order(second, customer, "b-between", at(100)))
        for _ in range(100):
            if await waiting_for_a_lock(database):
                break
            await asyncio.sleep(0.05)
        assert await waiting_for_a_lock(database)
        assert not writing.done()
        await first.commit()
        await writing
        await second.commit()
    assert await links(database) == [
        ("a-first", at(100)),
        ("b-between", at(200)),
        ("c-later", None),
    ]


async def test_other_customers_orders_are_not_held_up(database: Database) -> None:
    """The lock is the customer's own row: another customer's order goes through meanwhile."""
    ada = await add_customer(database)
    bob = await add_customer(database, "cust-2", email="bob@example.com")
    async with database.sessionmaker() as first:
        await first.begin()
        await add_order(first, ada, "ada-1", at(0))
        await asyncio.wait_for(add_order(database, bob, "bob-1", at(0)), timeout=5)
        await first.commit()
    assert await links(database) == [("ada-1", None), ("bob-1", None)]


async def test_an_order_inserted_before_others_relinks_its_predecessor(
    database: Database,
) -> None:
    customer = await add_customer(database)
    for ref, minute in (("a", 0), ("c", 300), ("b", 100), ("d", 300)):
        await add_order(database, customer, ref, at(minute))
    # c and d are placed at the same time: the lower id comes first.
    async with database.sessionmaker() as session:
        c_id = await session.scalar(select(Order.id).where(Order.external_ref == "c"))
        d_id = await session.scalar(select(Order.id).where(Order.external_ref == "d"))
    assert c_id is not None
    assert d_id is not None
    tie = [("c", at(300)), ("d", None)] if c_id < d_id else [("c", None), ("d", at(300))]
    assert await links(database) == [("a", at(100)), ("b", at(300)), *tie]


async def test_an_order_moved_to_another_customer_or_in_time_through_the_api_relinks_both(
    database: Database, client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    ada = {"external_ref": "cust-ada", "email": "ada@example.com"}
    bob = {"external_ref": "cust-bob", "email": "bob@example.com"}
    for ref, customer, placed in (
        ("o1", ada, "2026-11-01T10:00:00Z"),
        ("o2", ada, "2026-11-03T10:00:00Z"),
        ("o3", ada, "2026-11-05T10:00:00Z"),
        ("o4", bob, "2026-11-04T10:00:00Z"),
    ):
        await create_order(client, admin_headers, ref, customer=customer, placed_at=placed)
    nov = datetime(2026, 11, 1, 10, tzinfo=UTC)
    assert await links(database) == [
        ("o1", nov + timedelta(days=2)),
        ("o2", nov + timedelta(days=4)),
        ("o3", None),
        ("o4", None),
    ]
    moved = await client.put(
        "/v1/orders/o2",
        json={
            "customer": bob,
            "placed_at": "2026-11-02T10:00:00Z",
            "amount": "49.90",
            "currency": "EUR",
        },
        headers=admin_headers,
    )
    assert moved.status_code == 200, moved.text
    assert await links(database) == [
        ("o1", nov + timedelta(days=4)),
        ("o2", nov + timedelta(days=3)),
        ("o3", None),
        ("o4", None),
    ]


async def test_a_deleted_order_relinks_its_predecessor(database: Database) -> None:
    customer = await add_customer(database)
    for ref, minute in (("a", 0), ("b", 100), ("c", 200)):
        await add_order(database, customer, ref, at(minute))
    async with database.sessionmaker() as session, session.begin():
        await session.execute(delete(Order).where(Order.external_ref == "b"))
    assert await links(database) == [("a", at(200)), ("c", None)]


async def test_a_status_change_writes_no_link(database: Database) -> None:
    """Only a change of customer or time relinks: a status update leaves the links' rows."""
    customer = await add_customer(database)
    await add_order(database, customer, "a", at(0))
    await add_order(database, customer, "b", at(100))
    async with database.sessionmaker() as session, session.begin():
        before = await session.scalar(
            text("SELECT xmin::text FROM orders WHERE external_ref = 'a'")
        )
        await session.execute(
            update(Order).where(Order.external_ref == "b").values(status="cancelled")
        )
        after = await session.scalar(text("SELECT xmin::text FROM orders WHERE external_ref = 'a'"))
    assert before == after
    assert await links(database) == [("a", at(100)), ("b", None)]


async def test_the_summary_serves_retention_from_the_links(
    database: Database, client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    """Falsified links show in the summary: it reads them, not the orders' customers."""
    customer = await add_customer(database)
    now = datetime.now(UTC)
    await add_order(database, customer, "a", now - timedelta(days=40))
    await add_order(database, customer, "b", now - timedelta(days=5))
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(Order).values(next_placed_at=None))
    period = {"from": (now - timedelta(days=30)).isoformat(), "to": now.isoformat()}
    response = await client.get("/v1/metrics/summary", params=period, headers=admin_headers)
    summary = response.json()
    assert summary["retention"]["denominator"] == 1, summary
    assert summary["retention"]["numerator"] == 0
