"""Secret rotation (pure logic): which secrets sign a message, and what a rotation keeps.

Each rotated-out secret keeps signing until its own overlap ends, however many rotations follow
it, so a receiver that has switched to any of them keeps verifying. At most
`MAX_RETIRED_SECRETS` overlap at once: a message carries one signature per signing secret.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

MAX_RETIRED_SECRETS = 5


class TooManySigningSecretsError(ValueError):
    """A rotation would leave more rotated-out secrets signing than allowed."""


@dataclass(frozen=True, slots=True)
class RetiredSecret:
    secret: str
    expires_at: datetime

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> "RetiredSecret":
        return cls(stored["secret"], datetime.fromisoformat(stored["expires_at"]))

    def to_json(self) -> dict[str, str]:
        return {"secret": self.secret, "expires_at": self.expires_at.isoformat()}


def parse_retired(stored: list[dict[str, Any]]) -> list[RetiredSecret]:
    """The rotated-out secrets as the endpoint row stores them (JSON)."""
    return [RetiredSecret.from_json(secret) for secret in stored]


def still_signing(retired: list[RetiredSecret], now: datetime) -> list[RetiredSecret]:
    return [secret for secret in retired if secret.expires_at > now]


def signing_secrets(current: str, retired: list[RetiredSecret], now: datetime) -> list[str]:
    """The current secret first, then the rotated-out ones whose overlap lasts, newest first."""
    overlapping = sorted(still_signing(retired, now), key=lambda s: s.expires_at, reverse=True)
    return [current, *(secret.secret for secret in overlapping)]


def retire(
    current: str, retired: list[RetiredSecret], now: datetime, overlap: timedelta
) -> list[RetiredSecret]:
    """The rotated-out secrets after `current` is replaced: expired ones go, `current` joins."""
    kept = still_signing(retired, now)
    if overlap <= timedelta(0):
        return kept
    if len(kept) >= MAX_RETIRED_SECRETS:
        raise TooManySigningSecretsError(
            f"{len(kept)} rotated-out secrets still sign this endpoint's messages; end their"
            " overlap (DELETE .../retired-secrets) before rotating again"
        )
    return [*kept, RetiredSecret(current, now + overlap)]
