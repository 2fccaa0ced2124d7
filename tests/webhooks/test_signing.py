"""Signatures must verify with the reference `standardwebhooks` library, not just with ourselves."""

import base64
import json
import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from app.webhooks.signing import (
    decode_secret,
    generate_secret,
    sign,
    signature_header,
    webhook_headers,
)

BODY = json.dumps({"type": "ticket.created", "data": {"id": "t_1", "note": "café ☕"}}).encode()
MESSAGE_ID = "msg_2mF3kLx9QwErTy"


def secret_of(raw_key: bytes) -> str:
    return "whsec_" + base64.b64encode(raw_key).decode()


def headers_for(secrets: list[str], body: bytes = BODY) -> dict[str, str]:
    return webhook_headers(secrets, MESSAGE_ID, int(time.time()), body, "Aftercare-Webhooks/1.0")


def test_generated_secret_is_prefixed_base64_of_32_random_bytes() -> None:
    secret = generate_secret()

    assert secret.startswith("whsec_")
    assert len(decode_secret(secret)) == 32
    assert generate_secret() != secret


def test_matches_the_standard_webhooks_published_example() -> None:
    signature = sign(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        b'{"test": 2432232314}',
    )

    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_reference_library_verifies_our_headers() -> None:
    secret = generate_secret()

    payload = Webhook(secret).verify(BODY, headers_for([secret]))

    assert payload["data"]["note"] == "café ☕"


def test_rotation_header_verifies_with_each_secret() -> None:
    old_secret, new_secret = generate_secret(), generate_secret()
    headers = headers_for([new_secret, old_secret])

    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(new_secret).verify(BODY, headers)
    Webhook(old_secret).verify(BODY, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, headers)


def test_tampered_body_fails_verification() -> None:
    secret = generate_secret()
    headers = headers_for([secret])

    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY.replace(b"t_1", b"t_2"), headers)


def test_wrong_secret_fails_verification() -> None:
    headers = headers_for([generate_secret()])

    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, headers)


def test_changed_timestamp_fails_verification() -> None:
    secret = generate_secret()
    headers = headers_for([secret])
    headers["webhook-timestamp"] = str(int(headers["webhook-timestamp"]) - 1)

    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY, headers)


def test_headers_carry_id_timestamp_signature_type_and_agent() -> None:
    secret = generate_secret()

    headers = webhook_headers([secret], MESSAGE_ID, 1700000000, BODY, "Aftercare-Webhooks/1.0")

    assert headers == {
        "webhook-id": MESSAGE_ID,
        "webhook-timestamp": "1700000000",
        "webhook-signature": sign(secret, MESSAGE_ID, 1700000000, BODY),
        "content-type": "application/json",
        "user-agent": "Aftercare-Webhooks/1.0",
    }


def test_signature_depends_on_id_and_timestamp() -> None:
    secret = generate_secret()
    reference = sign(secret, MESSAGE_ID, 1700000000, BODY)

    assert sign(secret, "msg_other", 1700000000, BODY) != reference
    assert sign(secret, MESSAGE_ID, 1700000001, BODY) != reference


def test_secret_without_prefix_is_accepted() -> None:
    raw_key = bytes(range(32))

    assert decode_secret(base64.b64encode(raw_key).decode()) == raw_key


@pytest.mark.parametrize("key_length", [24, 64])
def test_secret_length_bounds_are_inclusive(key_length: int) -> None:
    raw_key = bytes(key_length)

    assert decode_secret(secret_of(raw_key)) == raw_key


@pytest.mark.parametrize("key_length", [0, 16, 23, 65])
def test_secret_of_wrong_length_is_refused(key_length: int) -> None:
    with pytest.raises(ValueError, match=r"24\.\.64 bytes"):
        decode_secret(secret_of(bytes(key_length)))


@pytest.mark.parametrize("secret", ["whsec_not*base64!", "whsec_QUJ", "whsec_ab cd"])
def test_secret_that_is_not_base64_is_refused(secret: str) -> None:
    with pytest.raises(ValueError, match="not valid base64"):
        decode_secret(secret)


def test_signature_header_needs_a_secret() -> None:
    with pytest.raises(ValueError, match="at least one webhook secret"):
        signature_header([], MESSAGE_ID, 1700000000, BODY)


def test_signature_header_refuses_a_bare_string() -> None:
    with pytest.raises(ValueError, match="sequence"):
        signature_header(generate_secret(), MESSAGE_ID, 1700000000, BODY)


@pytest.mark.parametrize(
    ("message_id", "timestamp"),
    [("", 1700000000), ("msg 1", 1700000000), (MESSAGE_ID, -1), (MESSAGE_ID, True)],
)
def test_invalid_message_fields_are_refused(message_id: str, timestamp: int) -> None:
    with pytest.raises(ValueError, match=r"webhook (message id|timestamp)"):
        sign(generate_secret(), message_id, timestamp, BODY)
