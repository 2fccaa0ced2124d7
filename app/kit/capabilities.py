"""Capability tokens (survey links, ticket status links): random, and stored only as SHA-256."""

import hashlib
import secrets
from dataclasses import dataclass

TOKEN_BYTES = 32  # 256 bits, base64url: 43 characters
MAX_TOKEN_LENGTH = 64  # longer path values are unknown tokens without hashing them


@dataclass(frozen=True, slots=True)
class NewToken:
    plaintext: str
    token_hash: str


def generate_token() -> NewToken:
    plaintext = secrets.token_urlsafe(TOKEN_BYTES)
    return NewToken(plaintext=plaintext, token_hash=hash_token(plaintext))


def hash_token(plaintext: str) -> str:
    # A 256-bit random token needs no slow hash: SHA-256 of it cannot be brute-forced.
    return hashlib.sha256(plaintext.encode()).hexdigest()
