"""The public survey routes reveal nothing without a valid token.

An unknown, expired, malformed or absurdly long token all get the very same 404 (body and
headers alike, but for the request id and the path echoed in `instance`), on both routes and
whatever the body; a used token gets a 409 that names no customer, question or answer.
"""

from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.kit.db import Database
from tests.conftest import MakeKey
from tests.factories import add_customer, answer_survey, create_invitation
from tests.support.api import PROBLEM, bearer
from tests.support.clock import MutableClock

VARYING = {"request_id", "instance"}
VARYING_HEADERS = {"x-request-id", "content-length", "date"}


SURVEY = {"template": "support-csat", "customer_external_ref": "cust-secret"}


@pytest.fixture
async def survey_headers(make_key: MakeKey, database: Database) -> dict[str, str]:
    await add_customer(database, "cust-secret")
    return bearer(await make_key(Scope.SURVEYS_WRITE, Scope.SURVEYS_READ))


def shape(response: httpx.Response) -> tuple[int, dict[str, Any], dict[str, str]]:
    body = {key: value for key, value in response.json().items() if key not in VARYING}
    headers = {k: v for k, v in response.headers.items() if k not in VARYING_HEADERS}
    return response.status_code, body, headers


async def both_routes(client: httpx.AsyncClient, token: str) -> list[httpx.Response]:
    path = f"/v1/public/surveys/{token}"
    return [
        await client.get(path),
        await client.post(f"{path}/responses", json={"answers": {"satisfaction": 5}}),
        await client.post(f"{path}/responses", json={"answers": {}}),
    ]


async def test_unknown_expired_and_malformed_tokens_are_indistinguishable(
    client: httpx.AsyncClient, survey_headers: dict[str, str], clock: MutableClock
) -> None:
    valid = (await create_invitation(client, survey_headers, **SURVEY))["token"]
    expired = (await create_invitation(client, survey_headers, **SURVEY))["token"]
    clock.advance(timedelta(days=28, seconds=1))
    tokens = {
        "expired": expired,
        "unknown, well formed": "A" * len(valid),
        "one character off": valid[:-1] + ("A" if valid[-1] != "A" else "B"),
        "too short": "abc",
        "too long": "A" * 4000,
        "odd characters": "%E2%80%AE%20..;x=1&y",
        "prefix of a real one": expired[:20],
    }
    reference = None
    for name, token in tokens.items():
        for response in await both_routes(client, token):
            assert response.status_code == 404, (name, response.status_code, response.text)
            assert response.headers["content-type"] == PROBLEM
            assert "cust-secret" not in response.text
            if reference is None:
                reference = shape(response)
            # The body is the same for every route and every token; so are the headers.
            assert shape(response)[1] == reference[1], name
            assert shape(response)[2] == reference[2], name


async def test_a_used_token_gets_a_409_revealing_nothing(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    token = (await create_invitation(client, survey_headers, **SURVEY))["token"]
    shown = await client.get(f"/v1/public/surveys/{token}")
    assert shown.status_code == 200
    question_keys = [question["key"] for question in shown.json()["questions"]]
    answered = await answer_survey(client, token, {question_keys[0]: 2})
    assert answered.status_code == 201, answered.text

    later = await both_routes(client, token)
    for response in later:
        assert response.status_code == 409, response.text
        assert response.headers["content-type"] == PROBLEM
        assert set(response.json()) <= {"type", "title", "status", "detail"} | VARYING
        for secret in ("cust-secret", *question_keys, "support-csat", answered.json()["id"]):
            assert secret not in response.text, secret
    assert len({str(shape(response)[1]) for response in later}) == 1


async def test_a_malformed_body_is_refused_alike_for_valid_and_invalid_tokens(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    """The body is checked before the token is looked up: its 422 is no token oracle."""
    valid = (await create_invitation(client, survey_headers, **SURVEY))["token"]
    answers = [
        await client.post(f"/v1/public/surveys/{token}/responses", json={"nonsense": True})
        for token in (valid, "A" * len(valid))
    ]
    assert [response.status_code for response in answers] == [422, 422]
    assert shape(answers[0]) == shape(answers[1])
    assert (await client.get(f"/v1/public/surveys/{valid}")).status_code == 200  # still unused
