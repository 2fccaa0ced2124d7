"""The live SLA engine and the demo replay move a ticket's targets the same way.

Random tickets (customer messages, agent replies, internal notes, pauses, solves, reopens, an
escalation that may choose another policy, time passing with its breaches and warnings, the
auto-close of solved tickets) go through both:

- the live engine's pure part on datetimes: `app.sla.lifecycle` with the policy snapshot's
  terms and business-hours clock (`SnapshotTerms`), on `TicketSla` and `SlaTarget` rows held in
  memory, driven in the order `app.tickets.service` and `app.sla.service` drive it; requests the
  service refuses (a closed ticket, a transition not allowed, a second escalation) are dropped,
  and the worker's sweep runs at every instant something falls due or enters its warning window;
- the demo replay (`app.demo.lifecycle.replay`) on POSIX seconds, with the policies read the way
  the demo reads them, given the requests the live engine accepted.

Both must end with the same targets (statuses, policies, due and warning instants, pauses, when
each was warned, met, breached or stopped), the same ticket status and tier, and the same policy
snapshot. All times are whole seconds, so seconds and datetimes compare exactly.
"""

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.demo.lifecycle import AUTO_CLOSE_DAYS, Action, ActionKind, TicketState, replay
from app.demo.lifecycle import Target as DemoTarget
from app.demo.seed import _policy as demo_policy
from app.models import SlaTarget, TicketSla
from app.sla import lifecycle
from app.sla.rules import RUNNING, SnapshotTerms, calendar_snapshot
from app.sla.service import target_rows
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import (
    DONE_STATUSES,
    AuthorType,
    TicketStatus,
    Tier,
    apply_status,
    can_transition,
)
from tests.factories import BERLIN_OFFICE

START = datetime(2026, 1, 1, tzinfo=UTC)  # the year has both DST changes and a holiday
DAY = 86_400
HOLIDAYS = [date(2026, 12, 25)]
PolicyRow = dict[str, Any]  # an `sla_policies` row joined with its calendar, as the demo reads it

# Weighted: status changes drive most of a target's life.
KINDS: tuple[ActionKind, ...] = (
    "customer", "customer", "agent", "agent", "note", "status", "status", "status", "escalate",
)
STATUSES = (
    TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED,
    TicketStatus.SOLVED,
)


@st.composite
def policy_rows(draw: st.DrawFn, number: int) -> PolicyRow:
    office = draw(st.booleans())
    targets = {
        metric: {
            "target_minutes": draw(st.integers(1, 3 * 24 * 60)),
            "warn_before_minutes": draw(st.integers(0, 12 * 60)),
            "business_hours": office and draw(st.booleans()),
        }
        for metric in SlaMetric
        if draw(st.integers(0, 3))  # a policy promises each metric three times in four
    }
    return {
        "id": uuid.UUID(int=number), "name": f"Policy {number}", "version": 1,
        "conditions": "{}", "targets": json.dumps(targets),
        "pause_statuses": draw(st.lists(st.sampled_from(["pending", "on_hold"]), unique=True)),
        "escalate_on_breach": draw(st.booleans()),
        "timezone": BERLIN_OFFICE["timezone"] if office else None,
        "weekly_hours": json.dumps(BERLIN_OFFICE["weekly_hours"]) if office else None,
        "holidays": HOLIDAYS if office else None,
    }


@st.composite
def tickets(draw: st.DrawFn) -> tuple[dict[Tier, PolicyRow], datetime, list[Action], datetime]:
    """The policies matching at tier 1 and 2 (often the same), the creation time, the requests
    (at whole seconds, in time order) and the moment the two are compared."""
    first = draw(policy_rows(1))
    policies = {
        Tier.FRONT_LINE: first, Tier.SENIOR: draw(st.one_of(st.just(first), policy_rows(2))),
    }
    created = START + timedelta(seconds=draw(st.integers(0, 360 * DAY)))
    at = created.timestamp()
    requests = []
    for _ in range(draw(st.integers(2, 16))):
        at += draw(st.one_of(st.integers(0, 3600), st.integers(0, 3 * DAY)))
        kind = draw(st.sampled_from(KINDS))
        value = draw(st.sampled_from(STATUSES)) if kind == "status" else f"{kind} at {at}"
        requests.append(Action(at, kind, value))
    end = datetime.fromtimestamp(at + draw(st.integers(0, 10 * DAY)), UTC)
    return policies, created, requests, end


@dataclass
class LiveTicket:
    """The ticket columns the tickets service keeps and the SLA service reads."""

    created_at: datetime
    status: TicketStatus = TicketStatus.NEW
    tier: Tier = Tier.FRONT_LINE
    public_agent_reply_count: int = 0
    reopen_count: int = 0
    replies_at_first_solve: int | None = None
    first_responded_at: datetime | None = None
    first_reopened_at: datetime | None = None
    last_reopened_at: datetime | None = None
    solved_at: datetime | None = None
    first_solved_at: datetime | None = None
    closed_at: datetime | None = None
    escalated_at: datetime | None = None
    escalation_reason: str | None = None


class LiveEngine:
    """One ticket through the live engine's pure part, its rows kept in memory."""

    def __init__(self, policies: dict[Tier, PolicyRow], created_at: datetime) -> None:
        self.policies = policies
        self.ticket = LiveTicket(created_at)
        self.sla = snapshot(policies[Tier.FRONT_LINE], created_at)
        self.targets: list[SlaTarget] = []
        self.last_change = created_at  # the worker runs on, but never in the past
        self.add(lifecycle.start(
            self.terms(), lifecycle.AT_CREATION, started_at=created_at, status=TicketStatus.NEW,
            now=created_at,
        ))

    def terms(self) -> SnapshotTerms:
        return SnapshotTerms(self.sla)

    def running(self) -> list[SlaTarget]:
        return [target for target in self.targets if target.status in RUNNING]

    def add(self, started: Iterable[lifecycle.NewTarget[datetime, timedelta]]) -> None:
        self.targets += target_rows(self.sla, started)

    # --- a request, as app.tickets.service handles it: True when accepted ---

    def request(self, action: Action) -> bool:
        now = datetime.fromtimestamp(action.at, UTC)
        ticket = self.ticket
        if ticket.status == TicketStatus.CLOSED:
            return False
        if action.kind == "escalate" and ticket.tier >= Tier.SENIOR:
            return False
        changes_status = action.kind == "status" and action.value != ticket.status
        if changes_status and not can_transition(ticket.status, TicketStatus(action.value)):
            return False
        self.last_change = now
        old_status = ticket.status
        if action.kind == "customer":
            if ticket.status == TicketStatus.SOLVED:
                apply_status(ticket, TicketStatus.OPEN, now)
            elif ticket.status == TicketStatus.PENDING:
                ticket.status = TicketStatus.OPEN
            self.on_message_added(AuthorType.CUSTOMER, public=True, now=now)
        elif action.kind in ("agent", "note"):
            public = action.kind == "agent"
            if public:
                ticket.public_agent_reply_count += 1
                ticket.first_responded_at = ticket.first_responded_at or now
                if ticket.status == TicketStatus.NEW:
                    ticket.status = TicketStatus.OPEN
            self.on_message_added(AuthorType.AGENT, public=public, now=now)
        elif changes_status:
            apply_status(ticket, TicketStatus(action.value), now)
        elif action.kind == "escalate":
            self.escalate(action.value, now)
        if ticket.status != old_status:
            self.on_status_changed(old_status, now)
        return True

    def escalate(self, reason: str, now: datetime) -> None:
        ticket = self.ticket
        ticket.tier, ticket.escalated_at, ticket.escalation_reason = Tier.SENIOR, now, reason
        self.on_attributes_changed(now)

    # --- app.sla.service, without its reads and writes ---

    def on_message_added(self, author_type: AuthorType, *, public: bool, now: datetime) -> None:
        if not public:
            return
        running = self.running()
        if author_type == AuthorType.AGENT:
            lifecycle.answered(running, now)
            return
        answered_before = self.ticket.first_responded_at is not None
        if lifecycle.awaits_next_response(running, answered_before=answered_before):
            self.add(lifecycle.start(
                self.terms(), (SlaMetric.NEXT_RESPONSE,), started_at=now, status=self.ticket.status,
                now=now,
            ))

    def on_status_changed(self, old_status: TicketStatus, now: datetime) -> None:
        status = self.ticket.status
        change = lifecycle.status_change(old_status, status, self.sla.pause_statuses)
        if change == "reopen":
            self.add(lifecycle.on_status_change(change, self.terms(), (), status=status, now=now))
        elif change is not None:
            lifecycle.on_status_change(change, self.terms(), self.running(), status=status, now=now)

    def on_attributes_changed(self, now: datetime) -> None:
        fresh = snapshot(self.policies[self.ticket.tier], now)
        if (fresh.policy_id, fresh.policy_version) == (self.sla.policy_id, self.sla.policy_version):
            return
        self.sla = fresh
        ticket = self.ticket
        lifecycle.take_terms(self.running(), self.terms(), now)
        present = set() if ticket.status in DONE_STATUSES else {t.metric for t in self.targets}
        self.add(lifecycle.added_by_terms(
            self.terms(), present, status=ticket.status, created_at=ticket.created_at,
            last_reopened_at=ticket.last_reopened_at,
            answered_before=ticket.first_responded_at is not None, now=now,
        ))

    # --- the worker ---

    def sweep(self, until: datetime) -> None:
        """The SLA sweep run at every instant it has something to do, up to `until`."""
        while (now := self.next_sweep()) is not None and now <= until:
            self.sweep_at(now)
            self.last_change = now

    def next_sweep(self) -> datetime | None:
        """When something falls due or enters its warning window next, not before the ticket's
        last change."""
        instants = []
        for target in self.targets:
            if target.status == TargetStatus.ACTIVE:
                instants.append(target.due_at)
                if target.warned_at is None and target.warn_at < target.due_at:
                    instants.append(target.warn_at)
        return max(min(instants), self.last_change) if instants else None

    def sweep_at(self, now: datetime) -> None:
        """app.sla.sweep: mark what is due breached (its statement), escalate on the first
        breach where the snapshot asks, then warn what entered its warning window."""
        due = [t for t in self.targets if t.status == TargetStatus.ACTIVE and t.due_at <= now]
        for target in sorted(due, key=lambda target: target.due_at):
            target.status, target.breached_at = TargetStatus.BREACHED, target.due_at
        if due and self.sla.escalate_on_breach and self.ticket.tier < Tier.SENIOR:
            first = min(due, key=lambda target: target.due_at)
            self.escalate(f"SLA {first.metric} breached", now)
        for target in self.targets:
            unwarned = target.status == TargetStatus.ACTIVE and target.warned_at is None
            if unwarned and target.warn_at <= now < target.due_at:
                target.warned_at = now

    def auto_close(self, before: datetime) -> bool:
        """The auto-close job: a ticket solved AUTO_CLOSE_DAYS ago is closed (the SLA sees no
        status change: nothing runs on a solved ticket)."""
        ticket = self.ticket
        if ticket.status != TicketStatus.SOLVED or ticket.solved_at is None:
            return False
        closes_at = ticket.solved_at + timedelta(days=AUTO_CLOSE_DAYS)
        if closes_at > before:
            return False
        self.sweep(closes_at)
        apply_status(ticket, TicketStatus.CLOSED, closes_at)
        return True


def snapshot(row: PolicyRow, now: datetime) -> TicketSla:
    """The `ticket_slas` row the live engine takes of a policy."""
    calendar = None if row["timezone"] is None else calendar_snapshot(
        row["timezone"], json.loads(row["weekly_hours"]), row["holidays"]
    )
    return TicketSla(
        ticket_id=uuid.UUID(int=0), policy_id=row["id"], policy_name=row["name"],
        policy_version=row["version"], calendar=calendar, targets=json.loads(row["targets"]),
        pause_statuses=[TicketStatus(status) for status in row["pause_statuses"]],
        escalate_on_breach=row["escalate_on_breach"], applied_at=now,
    )


def live_run(
    policies: dict[Tier, PolicyRow], created: datetime, requests: list[Action], end: datetime
) -> tuple[LiveEngine, list[Action]]:
    """The ticket through the live engine up to `end`; the requests it accepted."""
    live = LiveEngine(policies, created)
    accepted = []
    for action in requests:
        at = datetime.fromtimestamp(action.at, UTC)
        live.sweep(at)
        if live.auto_close(at):
            break
        if live.request(action):
            accepted.append(action)
    else:
        live.auto_close(end)
    live.sweep(end)
    return live, accepted


def demo_run(
    policies: dict[Tier, PolicyRow], created: datetime, requests: list[Action], end: datetime
) -> TicketState:
    terms = {tier: demo_policy(row).terms for tier, row in policies.items()}
    if policies[Tier.SENIOR] is policies[Tier.FRONT_LINE]:
        terms[Tier.SENIOR] = terms[Tier.FRONT_LINE]  # the demo knows a policy by its object
    return replay(
        created.timestamp(), "Where is my parcel?", requests, terms.__getitem__, end.timestamp()
    )


def instant(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def live_view(target: SlaTarget) -> tuple[object, ...]:
    return (
        target.metric, target.status, target.policy_name, target.target, target.warn_before,
        target.business_hours, target.started_at, target.due_at, target.warn_at,
        target.paused_at, target.paused_for, target.warned_at, target.met_at,
        target.breached_at, target.stopped_at,
    )


def demo_view(target: DemoTarget) -> tuple[object, ...]:
    return (
        target.metric, target.status, target.policy_name, timedelta(seconds=target.target),
        timedelta(seconds=target.warn_before), target.business_hours,
        instant(target.started_at), instant(target.due_at), instant(target.warn_at),
        instant(target.paused_at), timedelta(seconds=target.paused_for),
        instant(target.warned_at), instant(target.met_at), instant(target.breached_at),
        instant(target.stopped_at),
    )


@settings(max_examples=500, deadline=None)
@given(tickets())
def test_the_live_engine_and_the_demo_replay_agree(
    ticket: tuple[dict[Tier, PolicyRow], datetime, list[Action], datetime],
) -> None:
    policies, created, requests, end = ticket
    live, accepted = live_run(policies, created, requests, end)
    demo = demo_run(policies, created, accepted, end)

    assert [demo_view(target) for target in demo.targets] == [
        live_view(target) for target in live.targets
    ]
    assert (demo.status, demo.tier, instant(demo.escalated_at), demo.escalation_reason) == (
        live.ticket.status, live.ticket.tier, live.ticket.escalated_at,
        live.ticket.escalation_reason,
    )
    assert (demo.sla.policy_name, instant(demo.sla_applied_at)) == (
        live.sla.policy_name, live.sla.applied_at,
    )
    assert sorted(id(target) for target in demo.breaches) == sorted(
        id(target) for target in demo.targets if target.status == TargetStatus.BREACHED
    )
