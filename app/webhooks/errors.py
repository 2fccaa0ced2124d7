"""The problem types of webhook endpoints and deliveries."""

from app.kit.errors import ConflictError, NotFoundError, UnprocessableError


class WebhookEndpointNotFound(NotFoundError):
    """No webhook endpoint has this id."""

    slug, title = "webhook-endpoint-not-found", "Webhook endpoint not found"


class WebhookDeliveryNotFound(NotFoundError):
    """No webhook delivery has this id."""

    slug, title = "webhook-delivery-not-found", "Webhook delivery not found"


class WebhookEndpointDisabled(ConflictError):
    """The endpoint is disabled, so its deliveries cannot be sent again; enable it first."""

    slug, title = "webhook-endpoint-disabled", "Webhook endpoint disabled"


class WebhookDeliveryInFlight(ConflictError):
    """The delivery to replay is being attempted right now; try again shortly."""

    slug, title = "webhook-delivery-in-flight", "Webhook delivery in flight"


class WebhookUrlRefused(UnprocessableError):
    """The webhook URL is malformed, cannot be resolved or points at a non-public address."""

    slug, title = "webhook-url-refused", "Webhook URL refused"


class TooManySigningSecrets(ConflictError):
    """Five rotated-out secrets still sign this endpoint's messages; end their overlap
    (`DELETE .../retired-secrets`) before rotating again."""

    slug, title = "too-many-signing-secrets", "Too many signing secrets"
