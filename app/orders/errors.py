"""The problem types of orders."""

from app.kit.errors import NotFoundError


class OrderNotFound(NotFoundError):
    """No order has this `external_ref`."""

    slug, title = "order-not-found", "Order not found"
