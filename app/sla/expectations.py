"""What a customer can expect of a ticket (`GET /v1/tickets/{id}`), read from its SLA targets."""

from collections.abc import Sequence
from datetime import datetime

from app.models import SlaTarget
from app.sla.rules import expectation_status
from app.sla.schemas import Expectation, Expectations
from app.sla.types import ExpectationStatus, SlaMetric, TargetStatus


def expectations_of(
    policy_name: str | None, targets: Sequence[SlaTarget], now: datetime
) -> Expectations:
    """The latest target of each metric (in start order) that was not stopped, as of now."""
    shown = [target for target in targets if target.status != TargetStatus.STOPPED]
    return Expectations(
        policy_name=policy_name,
        first_response=_expectation(_latest(shown, SlaMetric.FIRST_RESPONSE), now),
        next_response=_expectation(_latest(shown, SlaMetric.NEXT_RESPONSE), now),
        resolution=_expectation(_latest(shown, SlaMetric.RESOLUTION), now),
    )


def _latest(targets: Sequence[SlaTarget], metric: SlaMetric) -> SlaTarget | None:
    of_metric = [target for target in targets if target.metric == metric]
    return of_metric[-1] if of_metric else None


def _expectation(target: SlaTarget | None, now: datetime) -> Expectation | None:
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
