"""Standard Webhooks signing (https://www.standardwebhooks.com), symmetric "v1" scheme.

The signed content is ``f"{message_id}.{timestamp}.".encode() + body`` and the signature is
``"v1," + base64(HMAC-SHA256(secret, signed_content))``. During a secret rotation the message is
signed with every active secret and the signatures are space-separated in one header, so a
receiver holding either the old or the new secret can verify it.
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from secrets import token_bytes

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
GENERATED_SECRET_BYTES = 32
MIN_SECRET_BYTES = 24
MAX_SECRET_BYTES = 64
SIGNATURE_VERSION = "v1"


def generate_secret() -> str:
    """A new endpoint secret: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(token_bytes(GENERATED_SECRET_BYTES)).decode("ascii")


def decode_secret(secret: str) -> bytes:
    """The raw HMAC key of a ``whsec_``-prefixed (or bare) base64 secret.

    Raises ValueError when the secret is not strict base64 or its key is not 24..64 bytes long.
    """
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("webhook secret is not valid base64") from error
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise ValueError(
            f"webhook secret must decode to {MIN_SECRET_BYTES}..{MAX_SECRET_BYTES} bytes, "
            f"got {len(key)}"
        )
    return key


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``v1,<base64>`` signature of one message under one secret."""
    _check_message_fields(message_id, timestamp)
    signed_content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(decode_secret(secret), signed_content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def signature_header(secrets: Sequence[str], message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per active secret, space-separated."""
    if isinstance(secrets, str) or not secrets:
        # A bare str is a Sequence[str] too; signing with each of its characters would be a bug.
        raise ValueError("at least one webhook secret is required, given as a sequence")
    return " ".join(sign(secret, message_id, timestamp, body) for secret in secrets)


def webhook_headers(
    secrets: Sequence[str], message_id: str, timestamp: int, body: bytes, user_agent: str
) -> dict[str, str]:
    """Every header a Standard Webhooks delivery carries, ready to hand to the HTTP client."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(secrets, message_id, timestamp, body),
        "content-type": "application/json",
        "user-agent": user_agent,
    }


def _check_message_fields(message_id: str, timestamp: int) -> None:
    if not message_id or any(character.isspace() for character in message_id):
        raise ValueError("webhook message id must be non-empty and contain no whitespace")
    # bool is an int subclass; True would sign as "True", which no receiver could reproduce.
    if isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp < 0:
        raise ValueError("webhook timestamp must be a non-negative integer of Unix seconds")
