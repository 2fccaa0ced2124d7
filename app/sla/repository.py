import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    DateTime,
    Interval,
    Row,
    Select,
    Text,
    Uuid,
    any_,
    bindparam,
    exists,
    func,
    not_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.selectable import LateralFromClause

from app.kit.cache import CacheRegistry, InvalidatedCache
from app.kit.db import caches_of, invalidate_cache_on_commit
from app.kit.ids import uuid7
from app.kit.pagination import PageParams, fetch_page
from app.kit.writes import Write, execute_write
from app.models import SlaCalendar, SlaPolicy, SlaTarget, Ticket, TicketSla
from app.sla.lifecycle import NewTarget
from app.sla.rules import RUNNING, PolicyTerms, calendar_snapshot
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import Tier

# The policies with their calendars, in evaluation order; emptied on every replica when a
# policy or a calendar changes (a trigger NOTIFYs; app.kit.cache).
POLICIES_CACHE = "sla_policies"


def policies_changed(session: AsyncSession) -> None:
    """Called by every change to a policy or a calendar."""
    invalidate_cache_on_commit(session, POLICIES_CACHE)


def snapshot_and_targets_write(
    ticket_id: uuid.UUID,
    policy: PolicyTerms,
    targets: Sequence[NewTarget[datetime, timedelta]],
    applied_at: datetime,
) -> tuple[Write, dict[str, Any]]:
    """The write of a new ticket's snapshot of `policy` and its first targets, with its
    values."""
    return _INSERT_SNAPSHOT_AND_TARGETS, {
        "ticket_id": ticket_id,
        "policy_id": policy.policy_id,
        "policy_name": policy.policy_name,
        "policy_version": policy.policy_version,
        "calendar": policy.calendar_json,
        "targets": policy.targets_json,
        "pause_statuses": policy.pause_statuses,
        "escalate_on_breach": policy.escalate_on_breach,
        "applied_at": applied_at,
        "ids": [uuid7() for _ in targets],
        "metrics": [target.metric for target in targets],
        "statuses": [target.status for target in targets],
        "target_lengths": [target.spec.target for target in targets],
        "warn_befores": [target.spec.warn_before for target in targets],
        "business_hours": [target.spec.business_hours for target in targets],
        "started_ats": [target.started_at for target in targets],
        "due_ats": [target.due_at for target in targets],
        "warn_ats": [target.warn_at for target in targets],
        "paused_ats": [target.paused_at for target in targets],
        "paused_fors": [timedelta(0)] * len(targets),
    }


def cached_policy_terms(caches: CacheRegistry) -> Sequence[PolicyTerms] | None:
    """`PolicyRepository.terms_in_evaluation_order` while this process's cache holds them."""
    cache: InvalidatedCache[str, Sequence[PolicyTerms]] = caches.named(POLICIES_CACHE)
    return cache.get(POLICIES_CACHE)


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, calendar: SlaCalendar) -> SlaCalendar:
        self.session.add(calendar)
        await self.session.flush()
        return calendar

    async def by_id(self, calendar_id: uuid.UUID, *, lock: bool = False) -> SlaCalendar | None:
        """With lock, FOR UPDATE: a delete and a policy referring to the calendar serialize."""
        statement = select(SlaCalendar).where(SlaCalendar.id == calendar_id)
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    async def by_ids(self, calendar_ids: set[uuid.UUID]) -> Sequence[SlaCalendar]:
        if not calendar_ids:
            return []
        statement = select(SlaCalendar).where(SlaCalendar.id.in_(calendar_ids))
        return (await self.session.scalars(statement)).all()

    async def by_id_key_share(self, calendar_id: uuid.UUID) -> SlaCalendar | None:
        """The calendar, kept from being deleted until this transaction ends."""
        statement = (
            select(SlaCalendar)
            .where(SlaCalendar.id == calendar_id)
            .with_for_update(key_share=True, read=True)
        )
        return await self.session.scalar(statement)

    async def page(self, params: PageParams) -> tuple[Sequence[SlaCalendar], str | None]:
        return await fetch_page(
            self.session, select(SlaCalendar), SlaCalendar.created_at, SlaCalendar.id, params
        )

    async def is_referenced(self, calendar_id: uuid.UUID) -> bool:
        statement = select(exists().where(SlaPolicy.calendar_id == calendar_id))
        return bool(await self.session.scalar(statement))

    async def delete(self, calendar: SlaCalendar) -> None:
        await self.session.delete(calendar)
        await self.session.flush()


class PolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, policy: SlaPolicy) -> SlaPolicy:
        self.session.add(policy)
        await self.session.flush()
        return policy

    async def by_id(self, policy_id: uuid.UUID) -> SlaPolicy | None:
        return await self.session.get(SlaPolicy, policy_id)

    async def page(self, params: PageParams) -> tuple[Sequence[SlaPolicy], str | None]:
        return await fetch_page(
            self.session, select(SlaPolicy), SlaPolicy.created_at, SlaPolicy.id, params
        )

    async def terms_in_evaluation_order(self) -> Sequence[PolicyTerms]:
        """What choosing a ticket's policy and starting its clocks need, each policy with its
        calendar: this runs for every new ticket, so it is cached while the cache is kept
        current."""
        cache: InvalidatedCache[str, Sequence[PolicyTerms]] = caches_of(self.session).named(
            POLICIES_CACHE
        )
        terms = cache.get(POLICIES_CACHE)
        if terms is None:
            generation = cache.generation()
            rows = (await self.session.execute(_POLICY_TERMS)).all()
            terms = [_policy_terms(row) for row in rows]
            cache.put(POLICIES_CACHE, terms, generation)
        return terms

    async def delete(self, policy: SlaPolicy) -> None:
        await self.session.delete(policy)
        await self.session.flush()


_POLICY_TERMS = (
    select(
        SlaPolicy.id, SlaPolicy.name, SlaPolicy.version, SlaPolicy.conditions,
        SlaPolicy.targets, SlaPolicy.pause_statuses, SlaPolicy.escalate_on_breach,
        SlaCalendar.timezone, SlaCalendar.weekly_hours, SlaCalendar.holidays,
    )
    .outerjoin(SlaCalendar, SlaCalendar.id == SlaPolicy.calendar_id)
    .order_by(SlaPolicy.position, SlaPolicy.created_at, SlaPolicy.id)
)

def _policy_terms(row: Row[Any]) -> PolicyTerms:
    calendar = None if row.timezone is None else calendar_snapshot(
        row.timezone, row.weekly_hours, row.holidays
    )
    return PolicyTerms(
        conditions=row.conditions, policy_id=row.id, policy_name=row.name,
        policy_version=row.version, calendar=calendar, targets=row.targets,
        pause_statuses=row.pause_statuses, escalate_on_breach=row.escalate_on_breach,
    )


# A new ticket's snapshot and its first targets (from arrays), in one statement.
_INSERT_SNAPSHOT_AND_TARGETS = Write(
    parts=(
        ("new_sla_snapshot",
         "INSERT INTO ticket_slas (ticket_id, policy_id, policy_name, policy_version, calendar,"
         " targets, pause_statuses, escalate_on_breach, applied_at)"
         " VALUES (:ticket_id, :policy_id, :policy_name, :policy_version,"
         " CAST(:calendar AS jsonb), CAST(:targets AS jsonb), :pause_statuses,"
         " :escalate_on_breach, :applied_at)"),
        ("new_sla_targets",
         "INSERT INTO sla_targets (id, ticket_id, metric, status, policy_id, policy_name, target,"
         " warn_before, business_hours, started_at, due_at, warn_at, paused_at, paused_for,"
         " created_at)"
         " SELECT id, :ticket_id, metric, status, :policy_id, :policy_name, target, warn_before,"
         " business_hours, started_at, due_at, warn_at, paused_at, paused_for, started_at"
         " FROM unnest(:ids, :metrics, :statuses, :target_lengths, :warn_befores,"
         " :business_hours, :started_ats, :due_ats, :warn_ats, :paused_ats, :paused_fors)"
         " AS t(id, metric, status, target, warn_before, business_hours, started_at, due_at,"
         " warn_at, paused_at, paused_for)"),
    ),
    types={
        "ticket_id": Uuid(),
        "policy_id": Uuid(),
        "pause_statuses": ARRAY(Text()),
        "applied_at": DateTime(timezone=True),
        "ids": ARRAY(Uuid()),
        "metrics": ARRAY(Text()),
        "statuses": ARRAY(Text()),
        "target_lengths": ARRAY(Interval()),
        "warn_befores": ARRAY(Interval()),
        "business_hours": ARRAY(Boolean()),
        "started_ats": ARRAY(DateTime(timezone=True)),
        "due_ats": ARRAY(DateTime(timezone=True)),
        "warn_ats": ARRAY(DateTime(timezone=True)),
        "paused_ats": ARRAY(DateTime(timezone=True)),
        "paused_fors": ARRAY(Interval()),
    },
)


# breached_at is when the promise was broken, not when the sweep noticed.
_MARK_BREACHED = Write(
    parts=((
        "breached_targets",
        "UPDATE sla_targets SET status = 'breached', breached_at = due_at WHERE id = ANY(:ids)",
    ),),
    types={"ids": ARRAY(Uuid())},
)

_HELD_SNAPSHOTS = "aftercare.sla.snapshots"  # session.info: (transaction, {ticket id: snapshot})

# Built once: every message and status change reads them.
_RUNNING_OF_TICKET = (
    select(SlaTarget)
    .where(SlaTarget.ticket_id == bindparam("ticket_id"), SlaTarget.status.in_(RUNNING))
    .order_by(SlaTarget.started_at, SlaTarget.id)
)


@dataclass(frozen=True, slots=True)
class ClaimedTarget:
    """A target claimed by the sweep, with what its event and auto-escalation need."""

    id: uuid.UUID
    ticket_id: uuid.UUID
    ticket_number: int
    ticket_tier: Tier
    metric: SlaMetric
    due_at: datetime
    policy_id: uuid.UUID | None
    policy_name: str | None


class TargetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ticket_sla(self, ticket_id: uuid.UUID) -> TicketSla | None:
        """Read once per transaction. The session's identity map holds unchanged objects only
        weakly, so without the reference kept here a second `get` in the same request (the
        first reply needs the snapshot for its duration and for its status change) would
        query again."""
        transaction = self.session.get_transaction()
        held = self.session.info.get(_HELD_SNAPSHOTS)
        if held is None or held[0] is not transaction:
            held = (transaction, {})
            self.session.info[_HELD_SNAPSHOTS] = held
        snapshots: dict[uuid.UUID, TicketSla] = held[1]
        snapshot = snapshots.get(ticket_id) or await self.session.get(TicketSla, ticket_id)
        if snapshot is not None:
            snapshots[ticket_id] = snapshot
        return snapshot

    async def insert_snapshot_and_targets(
        self,
        ticket_id: uuid.UUID,
        policy: PolicyTerms,
        targets: Sequence[NewTarget[datetime, timedelta]],
        applied_at: datetime,
    ) -> None:
        """A new ticket's snapshot and first targets, in one statement (or in the session's
        next, when it defers writes)."""
        await execute_write(
            self.session, *snapshot_and_targets_write(ticket_id, policy, targets, applied_at)
        )

    async def add_targets(self, targets: Sequence[SlaTarget]) -> None:
        self.session.add_all(targets)
        await self.session.flush()

    async def of_ticket(self, ticket_id: uuid.UUID) -> Sequence[SlaTarget]:
        statement = (
            select(SlaTarget)
            .where(SlaTarget.ticket_id == ticket_id)
            .order_by(SlaTarget.started_at, SlaTarget.id)
        )
        return (await self.session.scalars(statement)).all()

    async def running_of_ticket(self, ticket_id: uuid.UUID) -> Sequence[SlaTarget]:
        return (await self.session.scalars(_RUNNING_OF_TICKET, {"ticket_id": ticket_id})).all()

    async def claim_due(self, now: datetime, limit: int) -> list[ClaimedTarget]:
        """Active targets past due, locked with their tickets; rows someone holds are skipped.

        Hooks change targets only while holding the ticket row, so locking the ticket too
        keeps the sweep from racing a request; SKIP LOCKED means the sweep never waits.
        """
        rows = (await self.session.execute(due_claim_statement(now, limit))).all()
        return [ClaimedTarget(*row) for row in rows]

    async def oldest_overdue(self, now: datetime) -> datetime | None:
        """The due time of the oldest active target past due: what the sweep has yet to do."""
        return await self.session.scalar(
            select(func.min(SlaTarget.due_at)).where(
                SlaTarget.status == TargetStatus.ACTIVE, SlaTarget.due_at <= now
            )
        )

    async def claim_warnable(self, now: datetime, limit: int) -> list[ClaimedTarget]:
        """Active, not yet warned targets inside their warning window and not yet due."""
        rows = (await self.session.execute(warn_claim_statement(now, limit))).all()
        return [ClaimedTarget(*row) for row in rows]

    async def next_instant(self, now: datetime) -> datetime | None:
        """The earliest deadline or warning of active targets; a warning only while it can still
        be given (not yet warned, deadline ahead). Reads ix_sla_targets_due and ..._warn."""
        due = select(func.min(SlaTarget.due_at)).where(SlaTarget.status == TargetStatus.ACTIVE)
        warn = select(func.min(SlaTarget.warn_at)).where(
            SlaTarget.status == TargetStatus.ACTIVE, SlaTarget.warned_at.is_(None),
            SlaTarget.due_at > now,
        )
        statement = select(func.least(due.scalar_subquery(), warn.scalar_subquery()))
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def mark_breached(self, target_ids: Sequence[uuid.UUID]) -> None:
        """Now, or with the session's next write when it defers writes."""
        await execute_write(self.session, _MARK_BREACHED, {"ids": list(target_ids)})

    async def mark_warned(self, target_ids: Sequence[uuid.UUID], now: datetime) -> None:
        await self.session.execute(
            update(SlaTarget)
            .where(SlaTarget.id == any_(_uuid_array(target_ids)))
            .values(warned_at=now)
            .execution_options(synchronize_session=False)
        )

    async def escalating_on_breach(self, ticket_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Those of the tickets whose policy snapshot asks to escalate on a breach."""
        statement = select(TicketSla.ticket_id).where(
            TicketSla.ticket_id.in_(ticket_ids), TicketSla.escalate_on_breach
        )
        return set((await self.session.scalars(statement)).all())


def due_claim_statement(now: datetime, limit: int) -> Select[*tuple[Any, ...]]:
    """Reads ix_sla_targets_due (partial: active targets only) in due order."""
    return _claim_statement(SlaTarget.due_at <= now, SlaTarget.due_at, limit)


def warn_claim_statement(now: datetime, limit: int) -> Select[*tuple[Any, ...]]:
    """Reads ix_sla_targets_warn (partial: active targets not yet warned) in warn order."""
    condition = (
        (SlaTarget.warn_at <= now) & SlaTarget.warned_at.is_(None) & (SlaTarget.due_at > now)
    )
    return _claim_statement(condition, SlaTarget.warn_at, limit)


def _claim_statement(
    condition: ColumnElement[bool], order: InstrumentedAttribute[datetime], limit: int
) -> Select[*tuple[Any, ...]]:
    return (
        select(
            SlaTarget.id, SlaTarget.ticket_id, Ticket.number, Ticket.tier, SlaTarget.metric,
            SlaTarget.due_at, SlaTarget.policy_id, SlaTarget.policy_name,
        )
        .join(Ticket, Ticket.id == SlaTarget.ticket_id)
        .where(SlaTarget.status == TargetStatus.ACTIVE, condition)
        .order_by(order)
        .limit(limit)
        .with_for_update(of=[SlaTarget, Ticket], skip_locked=True)
    )


_IN_START_ORDER = (SlaTarget.started_at, SlaTarget.id)
EXPECTATION_FACTS = ("metrics", "statuses", "due_ats", "warn_ats", "met_ats", "breached_ats")


def _in_start_order(column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    return func.array_agg(aggregate_order_by(column, *_IN_START_ORDER))


def expectation_facts(ticket_id: ColumnElement[uuid.UUID]) -> LateralFromClause:
    """Joined to a ticket (ON true): its policy's name and what its expectations are made of,
    one array per field (EXPECTATION_FACTS) in start order, NULL when it has no target; so a
    ticket is read with its expectations in one statement."""
    policy_name = (
        select(TicketSla.policy_name)
        .where(TicketSla.ticket_id == ticket_id)
        .correlate_except(TicketSla)
        .scalar_subquery()
    )
    return (
        select(
            policy_name.label("policy_name"),
            *(
                _in_start_order(column).label(name)
                for name, column in zip(EXPECTATION_FACTS, (
                    SlaTarget.metric, SlaTarget.status, SlaTarget.due_at, SlaTarget.warn_at,
                    SlaTarget.met_at, SlaTarget.breached_at,
                ), strict=True)
            ),
        )
        .where(SlaTarget.ticket_id == ticket_id)
        .lateral("expectation_facts")
    )


def has_breached_target(breached: bool) -> ColumnElement[bool]:
    """A condition on tickets: with (or without) at least one breached target."""
    has_breach = exists().where(
        SlaTarget.ticket_id == Ticket.id, SlaTarget.status == TargetStatus.BREACHED
    )
    return has_breach if breached else not_(has_breach)


def _uuid_array(ids: Sequence[uuid.UUID]) -> BindParameter[Any]:
    """One array parameter (`= ANY($1)`) instead of a thousand-item IN list."""
    array_type: ARRAY[Any] = ARRAY(Uuid())
    return bindparam("ids", list(ids), type_=array_type)
