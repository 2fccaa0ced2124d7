"""API key format: `ak_<prefix>_<secret>`; only sha256 of the whole key is stored."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_PATTERN = re.compile(r"^ak_(?P<prefix>[0-9a-f]{12})_(?P<secret>[A-Za-z0-9_-]{43})$")


@dataclass(frozen=True, slots=True)
class NewKey:
    prefix: str
    plaintext: str
    secret_hash: str


def generate_key() -> NewKey:
    prefix = secrets.token_hex(6)
    plaintext = f"ak_{prefix}_{secrets.token_urlsafe(32)}"
    return NewKey(prefix=prefix, plaintext=plaintext, secret_hash=hash_key(plaintext))


def hash_key(plaintext: str) -> str:
    # A 256-bit random secret needs no slow hash: sha256 cannot be brute-forced at that entropy.
    return hashlib.sha256(plaintext.encode()).hexdigest()


def key_prefix(plaintext: str) -> str | None:
    match = KEY_PATTERN.match(plaintext)
    return match["prefix"] if match else None


def matches(plaintext: str, secret_hash: str) -> bool:
    return hmac.compare_digest(hash_key(plaintext), secret_hash)
