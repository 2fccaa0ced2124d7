"""Survey tokens: the capability to answer one invitation. Only their SHA-256 is stored."""

from app.kit.capabilities import MAX_TOKEN_LENGTH, TOKEN_BYTES, NewToken, generate_token, hash_token

__all__ = [
    "MAX_TOKEN_LENGTH", "TOKEN_BYTES", "NewToken", "generate_token", "hash_token",
    "public_survey_url",
]


def public_survey_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/v1/public/surveys/{token}"
