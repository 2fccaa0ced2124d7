"""The problem types of customers."""

from app.kit.errors import NotFoundError, UnprocessableError


class CustomerNotFound(NotFoundError):
    """No customer has this `external_ref`."""

    slug, title = "customer-not-found", "Customer not found"


class InvalidLocale(UnprocessableError):
    """A `locale` (a customer's, an article's, a search's) is not a BCP 47 language tag Babel
    (CLDR) knows; `errors` points at it."""

    slug, title = "invalid-locale", "Invalid locale"


class InvalidTimeZone(UnprocessableError):
    """A customer's `time_zone` is not in the IANA time zone database; `errors` points at it."""

    slug, title = "invalid-time-zone", "Invalid time zone"
