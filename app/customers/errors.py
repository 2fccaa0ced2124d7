"""The problem types of customers."""

from app.kit.errors import NotFoundError


class CustomerNotFound(NotFoundError):
    """No customer has this `external_ref`."""

    slug, title = "customer-not-found", "Customer not found"
