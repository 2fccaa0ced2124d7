from datetime import UTC, datetime, timedelta

import pytest

from app.webhooks.rotation import (
    MAX_RETIRED_SECRETS,
    RetiredSecret,
    TooManySigningSecretsError,
    retire,
    signing_secrets,
)

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
DAY = timedelta(hours=24)


def test_a_rotation_keeps_the_old_secret_for_the_overlap_and_drops_expired_ones() -> None:
    expired = RetiredSecret("whsec_expired", NOW - timedelta(seconds=1))
    overlapping = RetiredSecret("whsec_older", NOW + timedelta(hours=3))
    kept = retire("whsec_current", [expired, overlapping], NOW, DAY)
    assert kept == [overlapping, RetiredSecret("whsec_current", NOW + DAY)]


def test_signing_secrets_are_the_current_then_the_overlapping_newest_first() -> None:
    retired = [
        RetiredSecret("whsec_a", NOW + timedelta(hours=1)),
        RetiredSecret("whsec_b", NOW + timedelta(hours=5)),
        RetiredSecret("whsec_gone", NOW),
    ]
    assert signing_secrets("whsec_now", retired, NOW) == ["whsec_now", "whsec_b", "whsec_a"]


def test_a_zero_overlap_retires_nothing() -> None:
    assert retire("whsec_current", [], NOW, timedelta(0)) == []


def test_a_rotation_past_the_limit_is_refused() -> None:
    retired = [RetiredSecret(f"whsec_{n}", NOW + DAY) for n in range(MAX_RETIRED_SECRETS)]
    with pytest.raises(TooManySigningSecretsError, match="end their overlap"):
        retire("whsec_current", retired, NOW, DAY)


def test_stored_form_round_trips() -> None:
    secret = RetiredSecret("whsec_x", NOW + DAY)
    assert RetiredSecret.from_json(secret.to_json()) == secret
