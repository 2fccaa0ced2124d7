"""The SLA target lifecycle: one state machine, without I/O, generic over the time type.

A target starts when its ticket begins to wait for something its policy promises: active, or
paused when the ticket waits in one of the policy's pause statuses. It pauses and resumes with
the ticket's status (its due time moves by the time paused, counted on its own clock), takes new
terms when the ticket's policy changes, and ends met (in time), breached (its due time came
first) or stopped (the ticket no longer waits for it).

The live engine (`app.sla.service`) runs these rules on its rows, in datetimes, with the business
hours of the policy's calendar; the demo replay (`app.demo.lifecycle`) runs them on POSIX
seconds. tests/sla/test_lifecycle.py drives both with random tickets and checks that they agree.
"""

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, Self, TypeVar

from app.sla.rules import RUNNING, TargetSpec
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import DONE_STATUSES, TicketStatus

AT_CREATION = (SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)
RESPONSES = (SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)

StatusChange = Literal["solve", "reopen", "pause", "resume"]


class Instant(Protocol):
    """A point in time: a datetime, or POSIX seconds."""

    def __lt__(self, other: Self, /) -> bool: ...
    def __le__(self, other: Self, /) -> bool: ...


class Duration(Protocol):
    """A length of time: a timedelta, or seconds."""

    def __add__(self, other: Self, /) -> Self: ...
    def __sub__(self, other: Self, /) -> Self: ...
    def __lt__(self, other: Self, /) -> bool: ...


T = TypeVar("T", bound=Instant)
D = TypeVar("D", bound=Duration)


class Clock(Protocol[T, D]):
    """Time arithmetic on a policy's clock: a target in business hours counts only the open
    hours of the policy's calendar, any other target calendar time."""

    @property
    def zero(self) -> D: ...

    def add(self, business_hours: bool, start: T, length: D) -> T:
        """When `length` of the clock has run from `start`."""
        ...

    def between(self, business_hours: bool, start: T, end: T) -> D:
        """How much of the clock ran from `start` to `end`."""
        ...


class Terms(Protocol[T, D]):
    """The policy a ticket's targets are measured against: its snapshot, in the live engine."""

    @property
    def policy_id(self) -> uuid.UUID | None: ...
    @property
    def policy_name(self) -> str | None: ...
    @property
    def pause_statuses(self) -> Collection[TicketStatus]: ...
    @property
    def clock(self) -> Clock[T, D]: ...

    def spec(self, metric: SlaMetric) -> TargetSpec[D] | None:
        """What the policy promises for `metric`; None when it promises nothing."""
        ...


class Target(Protocol[T, D]):
    """A target as the lifecycle changes it: a `SlaTarget` row, or the demo's object."""

    @property
    def metric(self) -> SlaMetric: ...

    status: TargetStatus
    policy_id: uuid.UUID | None
    policy_name: str | None
    target: D
    warn_before: D
    business_hours: bool
    started_at: T
    due_at: T
    warn_at: T
    paused_at: T | None
    paused_for: D
    met_at: T | None
    breached_at: T | None
    stopped_at: T | None


@dataclass(slots=True)
class NewTarget(Generic[T, D]):
    """A target to create, not yet paused for any time; the engine makes its row of it."""

    metric: SlaMetric
    status: TargetStatus
    spec: TargetSpec[D]
    started_at: T
    due_at: T
    warn_at: T
    paused_at: T | None
    # A target just started has met and broken nothing (what its expectation reads).
    met_at: None = None
    breached_at: None = None


# --- one target ----------------------------------------------------------------------------


def deadlines(clock: Clock[T, D], spec: TargetSpec[D], started_at: T, paused_for: D) -> tuple[T, T]:
    """When a target falls due, and when it enters its warning window.

    Time spent paused is added to the target, counted on the target's own clock. The warning
    comes when `warn_before` of the target remains.
    """
    warn_length = spec.target - spec.warn_before
    if warn_length < clock.zero:
        warn_length = clock.zero
    return (
        clock.add(spec.business_hours, started_at, spec.target + paused_for),
        clock.add(spec.business_hours, started_at, warn_length + paused_for),
    )


def start(
    terms: Terms[T, D],
    metrics: Iterable[SlaMetric],
    *,
    started_at: T,
    status: TicketStatus,
    now: T,
) -> list[NewTarget[T, D]]:
    """The targets the policy promises for `metrics`, counted from `started_at`. A target
    started while the ticket waits in a pause status starts paused, from now."""
    paused_at = now if status in terms.pause_statuses else None
    started = []
    for metric in metrics:
        spec = terms.spec(metric)
        if spec is None:
            continue
        clock = terms.clock
        due_at, warn_at = deadlines(clock, spec, started_at, clock.zero)
        started.append(NewTarget(
            metric, TargetStatus.ACTIVE if paused_at is None else TargetStatus.PAUSED, spec,
            started_at, due_at, warn_at, paused_at,
        ))
    return started


def retime(target: Target[T, D], clock: Clock[T, D]) -> None:
    spec = TargetSpec(target.target, target.warn_before, target.business_hours)
    target.due_at, target.warn_at = deadlines(clock, spec, target.started_at, target.paused_for)


def pause(targets: Iterable[Target[T, D]], now: T) -> None:
    for target in targets:
        if target.status == TargetStatus.ACTIVE:
            target.status, target.paused_at = TargetStatus.PAUSED, now


def resume(targets: Iterable[Target[T, D]], clock: Clock[T, D], now: T) -> None:
    """Paused targets run again; each falls due later by the time its clock ran meanwhile."""
    for target in targets:
        if target.status != TargetStatus.PAUSED or target.paused_at is None:
            continue
        paused = clock.between(target.business_hours, target.paused_at, now)
        target.paused_for = target.paused_for + paused
        target.paused_at = None
        target.status = TargetStatus.ACTIVE
        retime(target, clock)


def meet(targets: Iterable[Target[T, D]], now: T) -> None:
    """Running targets are met, if in time. One already past due that the sweep has not
    reached yet was breached, at its due time: the caller records those (status breached)."""
    for target in targets:
        if target.status == TargetStatus.ACTIVE and target.due_at <= now:
            breach(target)
        elif target.status in RUNNING:
            _finish(target, TargetStatus.MET, now)


def stop(targets: Iterable[Target[T, D]], now: T) -> None:
    """Running targets the ticket no longer waits for."""
    for target in targets:
        if target.status in RUNNING:
            _finish(target, TargetStatus.STOPPED, now)


def breach(target: Target[T, D]) -> None:
    """Breached when the promise was broken, not when someone noticed."""
    target.status, target.breached_at = TargetStatus.BREACHED, target.due_at


def take_terms(targets: Iterable[Target[T, D]], terms: Terms[T, D], now: T) -> None:
    """Running targets are measured against the ticket's (new) policy from when they started;
    one the policy promises nothing for is stopped. Finished targets keep their measure."""
    for target in targets:
        if target.status not in RUNNING:
            continue
        spec = terms.spec(target.metric)
        if spec is None:
            _finish(target, TargetStatus.STOPPED, now)
            continue
        target.policy_id, target.policy_name = terms.policy_id, terms.policy_name
        target.target, target.warn_before = spec.target, spec.warn_before
        target.business_hours = spec.business_hours
        retime(target, terms.clock)


def _finish(target: Target[T, D], status: TargetStatus, now: T) -> None:
    target.status = status
    target.paused_at = None
    if status == TargetStatus.MET:
        target.met_at = now
    else:
        target.stopped_at = now


# --- what the ticket's life does to its targets --------------------------------------------


def _of_metric(
    targets: Iterable[Target[T, D]], metrics: Collection[SlaMetric]
) -> list[Target[T, D]]:
    return [target for target in targets if target.metric in metrics]


def answered(targets: Sequence[Target[T, D]], now: T) -> None:
    """A public agent reply meets the running response targets."""
    meet(_of_metric(targets, RESPONSES), now)


def awaits_next_response(targets: Iterable[Target[T, D]], *, answered_before: bool) -> bool:
    """A customer's public message after the first answer waits for a next response, unless
    a response target runs already (the same reply will answer all of them)."""
    return answered_before and not any(
        target.metric in RESPONSES and target.status in RUNNING for target in targets
    )


def status_change(
    old: TicketStatus, new: TicketStatus, pause_statuses: Collection[TicketStatus]
) -> StatusChange | None:
    """What a ticket's new status does to its targets; None when it changes no clock."""
    if new == old:
        return None
    if new in DONE_STATUSES:
        return None if old in DONE_STATUSES else "solve"
    if old in DONE_STATUSES:
        return "reopen"
    paused_now, was_paused = new in pause_statuses, old in pause_statuses
    if paused_now == was_paused:  # e.g. new -> open: the clocks run on as they were
        return None
    return "pause" if paused_now else "resume"


def on_status_change(
    change: StatusChange,
    terms: Terms[T, D],
    running: Sequence[Target[T, D]],
    *,
    status: TicketStatus,
    now: T,
) -> list[NewTarget[T, D]]:
    """Solving meets the resolution and stops the rest; reopening starts a new resolution (it
    reads no running target); a pause status pauses every active target and leaving it resumes
    them. Returns the targets to create."""
    if change == "solve":
        meet(_of_metric(running, (SlaMetric.RESOLUTION,)), now)
        stop(_of_metric(running, RESPONSES), now)
    elif change == "reopen":
        return start(terms, (SlaMetric.RESOLUTION,), started_at=now, status=status, now=now)
    elif change == "pause":
        pause(running, now)
    else:
        resume(running, terms.clock, now)
    return []


def added_by_terms(
    terms: Terms[T, D],
    metrics_present: Collection[SlaMetric],
    *,
    status: TicketStatus,
    created_at: T,
    last_reopened_at: T | None,
    answered_before: bool,
    now: T,
) -> list[NewTarget[T, D]]:
    """First response and resolution targets a new policy promises that the ticket has none
    of (`metrics_present`, in any status), measured from when it began waiting for them. The
    time it already spent paused is not known, so one added while paused counts from now.
    A solved or closed ticket waits for nothing."""
    if status in DONE_STATUSES:
        return []
    added: list[NewTarget[T, D]] = []
    if SlaMetric.FIRST_RESPONSE not in metrics_present and not answered_before:
        added += start(
            terms, (SlaMetric.FIRST_RESPONSE,), started_at=created_at, status=status, now=now
        )
    if SlaMetric.RESOLUTION not in metrics_present:
        waiting_since = created_at if last_reopened_at is None else last_reopened_at
        added += start(
            terms, (SlaMetric.RESOLUTION,), started_at=waiting_since, status=status, now=now
        )
    return added
