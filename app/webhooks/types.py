"""The webhook vocabulary."""

from enum import StrEnum

# Notified (by a trigger, see the migration notify_webhook_deliveries) when deliveries are
# written, and by the service when it makes deliveries due again: it wakes the delivery workers.
DELIVERIES_DUE_CHANNEL = "aftercare_webhook_deliveries"


class DeliveryStatus(StrEnum):
    """pending until an attempt succeeds (succeeded) or the retries run out (failed)."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
