"""The webhook vocabulary."""

from enum import StrEnum


class DeliveryStatus(StrEnum):
    """pending until an attempt succeeds (succeeded) or the retries run out (failed)."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
