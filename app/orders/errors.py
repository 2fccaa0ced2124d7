"""The problem types of orders."""

from app.kit.errors import ConflictError, NotFoundError, UnprocessableError


class OrderNotFound(NotFoundError):
    """No order has this `external_ref`."""

    slug, title = "order-not-found", "Order not found"


class OrderTransitionNotAllowed(ConflictError):
    """The order's status may not become the one sent: orders only move forward (placed, paid,
    shipped, delivered, returned; cancelled before delivery), and cancelled and returned are
    final."""

    slug, title = "order-transition-not-allowed", "Order status change not allowed"


class UnknownCountryCode(UnprocessableError):
    """`destination_country` (or an estimate's `destination`) is not an ISO 3166-1 alpha-2
    country code; `errors` names the field."""

    slug, title = "unknown-country-code", "Unknown country code"


class DeliveredBeforeShipped(UnprocessableError):
    """`delivered_at` is before `shipped_at`: a parcel cannot arrive before it left."""

    slug, title = "delivered-before-shipped", "Delivered before shipped"


class ShipmentOfCancelledOrder(UnprocessableError):
    """Shipment facts (`shipped_at`, `tracking_number`, `tracking_url`) were reported for an
    order that is, or becomes, cancelled: a cancelled order is never a delivery."""

    slug, title = "shipment-of-cancelled-order", "Shipment facts on a cancelled order"
