"""The problem types of the dashboard and its links."""

from app.kit.errors import ForbiddenError, NotFoundError


class DashboardLinkNotFound(NotFoundError):
    """No dashboard link has this id among those the calling key may see (its own; every link
    for an admin key)."""

    slug, title = "dashboard-link-not-found", "Dashboard link not found"


class DashboardLinkNotWorking(NotFoundError):
    """The dashboard link opened is unknown, revoked or expired, or the key that made it was
    revoked or lost metrics:read (one answer for all)."""

    slug, title = "dashboard-link-not-working", "Dashboard link not working"


class CrossSiteForm(ForbiddenError):
    """A dashboard form (sign-in, sign-out) was posted from another site: its `Origin` (or,
    without one, `Sec-Fetch-Site`) is not this service's."""

    slug, title = "cross-site-form", "Form posted from another site"
