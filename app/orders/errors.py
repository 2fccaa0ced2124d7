"""The problem types of orders."""

from app.kit.errors import ConflictError, NotFoundError


class OrderNotFound(NotFoundError):
    """No order has this `external_ref`."""

    slug, title = "order-not-found", "Order not found"


class OrderTransitionNotAllowed(ConflictError):
    """The order's status may not become the one sent: orders only move forward (placed, paid,
    shipped, delivered, returned; cancelled before delivery), and cancelled and returned are
    final."""

    slug, title = "order-transition-not-allowed", "Order status change not allowed"
