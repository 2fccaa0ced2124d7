"""Survey tokens: the capability to answer one invitation. Only their SHA-256 is stored."""

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


def public_survey_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/v1/public/surveys/{token}"
