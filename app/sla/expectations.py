"""What a customer can expect of a ticket (`GET /v1/tickets/{id}`), read from its SLA targets."""

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol

from app.sla.lifecycle import NewTarget
from app.sla.rules import expectation_status
from app.sla.schemas import Expectation, Expectations, Promise, Promised
from app.sla.types import ExpectationStatus, SlaMetric, TargetStatus


class TargetTimes(Protocol):
    """What an expectation shows of a target (an `SlaTarget` row has it)."""

    @property
    def metric(self) -> SlaMetric: ...
    @property
    def status(self) -> TargetStatus: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def warn_at(self) -> datetime: ...
    @property
    def met_at(self) -> datetime | None: ...
    @property
    def breached_at(self) -> datetime | None: ...


class _Times(NamedTuple):
    metric: SlaMetric
    status: TargetStatus
    due_at: datetime
    warn_at: datetime
    met_at: datetime | None
    breached_at: datetime | None


def expectations_of_facts(facts: Mapping[str, Any], now: datetime) -> Expectations:
    """From the arrays `repository.expectation_facts` reads with a ticket."""
    metrics = facts["metrics"] or []
    targets = [
        _Times(SlaMetric(metric), TargetStatus(status), due_at, warn_at, met_at, breached_at)
        for metric, status, due_at, warn_at, met_at, breached_at in zip(
            metrics, facts["statuses"] or [], facts["due_ats"] or [], facts["warn_ats"] or [],
            facts["met_ats"] or [], facts["breached_ats"] or [], strict=True,
        )
    ]
    return expectations_of(facts["policy_name"], targets, now)


def expectations_of(
    policy_name: str | None, targets: Sequence[TargetTimes], now: datetime
) -> Expectations:
    """The latest target of each metric (in start order) that was not stopped, as of now."""
    shown = [target for target in targets if target.status != TargetStatus.STOPPED]
    return Expectations(
        policy_name=policy_name,
        first_response=_expectation(_latest(shown, SlaMetric.FIRST_RESPONSE), now),
        next_response=_expectation(_latest(shown, SlaMetric.NEXT_RESPONSE), now),
        resolution=_expectation(_latest(shown, SlaMetric.RESOLUTION), now),
    )


def _latest(targets: Sequence[TargetTimes], metric: SlaMetric) -> TargetTimes | None:
    of_metric = [target for target in targets if target.metric == metric]
    return of_metric[-1] if of_metric else None


def _expectation(target: TargetTimes | None, now: datetime) -> Expectation | None:
    if target is None:
        return None
    status = expectation_status(target.status, target.due_at, target.warn_at, now)
    return Expectation(
        status=status,
        due_at=None if status == ExpectationStatus.PAUSED else target.due_at,
        met_at=target.met_at,
        breached_at=target.breached_at
        or (target.due_at if status == ExpectationStatus.BREACHED else None),
    )


def promised_of(
    policy_name: str | None, targets: Sequence[NewTarget[datetime, timedelta]], now: datetime
) -> Promised:
    """The promises of a ticket's first targets, read like its expectations (the same rules),
    with the clock each one counts on: what its acknowledgement tells the customer."""
    expectations = expectations_of(policy_name, targets, now)
    return Promised(
        policy_name=policy_name,
        first_response=_promise(expectations.first_response, targets, SlaMetric.FIRST_RESPONSE),
        resolution=_promise(expectations.resolution, targets, SlaMetric.RESOLUTION),
    )


def _promise(
    expectation: Expectation | None,
    targets: Sequence[NewTarget[datetime, timedelta]],
    metric: SlaMetric,
) -> Promise | None:
    of_metric = [target for target in targets if target.metric == metric]
    if expectation is None or not of_metric:
        return None
    return Promise(due_at=expectation.due_at, business_hours=of_metric[-1].spec.business_hours)
