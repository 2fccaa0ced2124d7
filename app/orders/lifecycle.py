"""The order lifecycle (pure logic): which statuses follow which, and what each one implies.

    placed ──> paid ──> shipped ──> delivered ──> returned
      │          │         │
      └──────────┴─────────┴──> cancelled

Any status may also be skipped forward (an order reported for the first time as shipped, or
as delivered). `cancelled` and `returned` are final, and no order goes back: a delivered order
reported as placed is refused rather than silently losing its delivery. A delivered or returned
order has `delivered_at`; no other order has one.

Shipping: `shipped_at` belongs to a shipped, delivered or returned order (not before it was
placed), and a delivery is not before its shipment. A cancelled order is never a delivery: the
facts only a shipment has (`shipped_at`, `tracking_number`, `tracking_url`) are refused when they
are reported for it. Its carrier, service level and destination (chosen at checkout) may stay.
"""

from datetime import datetime
from typing import Final

from app.orders.types import OrderStatus

FOLLOWING: Final[dict[OrderStatus, frozenset[OrderStatus]]] = {
    OrderStatus.PLACED: frozenset(
        {OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED}
    ),
    OrderStatus.PAID: frozenset(
        {OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED}
    ),
    OrderStatus.SHIPPED: frozenset(
        {OrderStatus.DELIVERED, OrderStatus.RETURNED, OrderStatus.CANCELLED}
    ),
    OrderStatus.DELIVERED: frozenset({OrderStatus.RETURNED}),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.RETURNED: frozenset(),
}
DELIVERED_STATUSES: Final = frozenset({OrderStatus.DELIVERED, OrderStatus.RETURNED})
SHIPPED_STATUSES: Final = frozenset({OrderStatus.SHIPPED, *DELIVERED_STATUSES})
SHIPMENT_FACTS: Final = ("shipped_at", "tracking_number", "tracking_url")


def transition_refusal(current: OrderStatus, target: OrderStatus) -> str | None:
    """Why an order may not move from `current` to `target`, or None when it may."""
    if target == current or target in FOLLOWING[current]:
        return None
    following = ", ".join(sorted(FOLLOWING[current]))
    hint = f"it can become {following}" if following else f"{current} is final"
    return f"an order that is {current} cannot become {target}: {hint}"


def delivered_at_error(status: OrderStatus, delivered_at: datetime | None) -> str | None:
    if status in DELIVERED_STATUSES and delivered_at is None:
        return f"a {status} order needs delivered_at"
    if status not in DELIVERED_STATUSES and delivered_at is not None:
        return f"a {status} order has no delivered_at; report it as delivered"
    return None


def before_placed_error(name: str, moment: datetime | None, placed_at: datetime) -> str | None:
    if moment is not None and moment < placed_at:
        return f"{name} is before placed_at"
    return None


def state_errors(
    status: OrderStatus,
    placed_at: datetime,
    promised_delivery_at: datetime | None,
    delivered_at: datetime | None,
    shipped_at: datetime | None = None,
) -> list[tuple[str, str]]:
    """(field, what is wrong) for each fact that contradicts the others."""
    found = [
        ("delivered_at", delivered_at_error(status, delivered_at)),
        ("shipped_at", shipped_at_error(status, shipped_at)),
        ("shipped_at", before_placed_error("shipped_at", shipped_at, placed_at)),
        (
            "promised_delivery_at",
            before_placed_error("promised_delivery_at", promised_delivery_at, placed_at),
        ),
        ("delivered_at", before_placed_error("delivered_at", delivered_at, placed_at)),
    ]
    return [(name, error) for name, error in found if error is not None]


def watched_for_risk(
    status: OrderStatus, promised_delivery_at: datetime | None, delivered_at: datetime | None
) -> bool:
    """Whether the at-risk watch looks at the order: it has a promise and may still keep it
    (not delivered, returned or cancelled)."""
    return (
        promised_delivery_at is not None
        and delivered_at is None
        and status not in DELIVERED_STATUSES | {OrderStatus.CANCELLED}
    )


def shipped_at_error(status: OrderStatus, shipped_at: datetime | None) -> str | None:
    if shipped_at is not None and status not in SHIPPED_STATUSES | {OrderStatus.CANCELLED}:
        return f"a {status} order has no shipped_at; report it as shipped"
    return None


def delivered_before_shipped(shipped_at: datetime | None, delivered_at: datetime | None) -> bool:
    return shipped_at is not None and delivered_at is not None and delivered_at < shipped_at


def shipment_facts_of_cancelled(status: OrderStatus, sent: dict[str, object]) -> list[str]:
    """The shipment facts reported (not null) for an order that is, or becomes, cancelled."""
    if status != OrderStatus.CANCELLED:
        return []
    return [name for name in SHIPMENT_FACTS if sent.get(name) is not None]
