"""No secret reaches the logs: a real `aftercare serve` process (worker included, log level
DEBUG, JSON lines) goes through a session that creates and uses API keys, webhook secrets and
survey tokens, and its whole log output is searched for each of them."""

import base64
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.auth.scopes import Scope
from app.kit.db import Database
from app.kit.middleware import loggable_path
from tests.factories import answer_survey, create_endpoint, create_invitation, create_order
from tests.faults.conftest import create_key
from tests.support.api import bearer
from tests.support.database import migrated_scratch_database
from tests.support.processes import served
from tests.support.receiver import Receiver, free_port, running_receiver
from tests.support.waiting import eventually


@pytest.fixture
async def scratch_url(postgres_server_url: str) -> AsyncIterator[str]:
    async with migrated_scratch_database(postgres_server_url, "logs") as url:
        yield url


def forms_of(secret: str) -> set[str]:
    """The secret and the parts of it that are secret on their own."""
    forms = {secret}
    if secret.startswith("whsec_"):
        forms.add(secret.removeprefix("whsec_"))
        forms.add(base64.b64decode(secret.removeprefix("whsec_")).hex())
    if secret.startswith("ak_"):
        forms.add(secret.rsplit("_", 1)[-1] if secret.count("_") == 2 else secret[16:])
    return forms


@pytest.mark.processes
async def test_no_key_secret_or_token_appears_in_the_logs(
    scratch_url: str, tmp_path: Path
) -> None:
    admin = await create_key(scratch_url, Scope.ADMIN)
    log = tmp_path / "api.log"
    secrets: dict[str, str] = {"bootstrap admin key": admin}
    async with running_receiver() as receiver, served(
        log, scratch_url, free_port(), log_level="DEBUG", run_worker_in_api="true",
        webhook_allow_private_targets="true", worker_tick_seconds="0.2",
        webhook_delivery_poll_seconds="0.1",
    ) as api, httpx.AsyncClient(base_url=api.base_url or "", timeout=20) as http:
        await _session(http, admin, receiver, secrets)

    text = log.read_text(encoding="utf-8")
    assert '"path": "/v1/api-keys"' in text  # requests were logged at all
    assert "webhook" in text  # and the worker's deliveries
    leaks = [
        f"{name} ({form[:12]}...)"
        for name, secret in secrets.items()
        for form in forms_of(secret)
        if form in text
    ]
    assert leaks == []


async def _session(
    http: httpx.AsyncClient, admin: str, receiver: Receiver, secrets: dict[str, str]
) -> None:
    created = await http.post(
        "/v1/api-keys", headers=bearer(admin),
        json={"name": "shop", "scopes": ["orders:write", "surveys:write", "tickets:write"]},
    )
    assert created.status_code == 201, created.text
    shop = created.json()["key"]
    secrets["created API key"] = shop
    wrong = shop[:-4] + ("AAAA" if not shop.endswith("AAAA") else "BBBB")
    secrets["a wrong key that was tried"] = wrong
    assert (await http.get("/v1/tickets", headers=bearer(wrong))).status_code == 401

    endpoint = await create_endpoint(http, bearer(admin), receiver.url("/hooks"))
    secrets["webhook secret"] = endpoint["secret"]
    endpoint_id = endpoint["id"]
    rotated = await http.post(
        f"/v1/webhook-endpoints/{endpoint_id}/rotate-secret", headers=bearer(admin)
    )
    assert rotated.status_code in {200, 201}, rotated.text
    secrets["rotated webhook secret"] = rotated.json()["secret"]
    receiver.route("/hooks").secrets = [rotated.json()["secret"]]
    tested = await http.post(f"/v1/webhook-endpoints/{endpoint_id}/test", headers=bearer(admin))
    assert tested.status_code in {200, 201}, tested.text

    await create_order(http, bearer(shop), "o-1")
    invitation = await create_invitation(
        http, {**bearer(shop), "Idempotency-Key": "inv-1"}, "support-csat"
    )
    token = invitation["token"]
    secrets["survey token"] = token
    survey = await http.get(f"/v1/public/surveys/{token}")
    assert survey.status_code == 200, survey.text
    keys = [question["key"] for question in survey.json()["questions"]]
    answers = {keys[0]: 5}
    answered = await answer_survey(http, token, answers)
    assert answered.status_code == 201, answered.text
    assert (await http.get(f"/v1/public/surveys/{token}")).status_code == 409
    unknown = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    secrets["a wrong survey token that was tried"] = unknown
    assert (await http.get(f"/v1/public/surveys/{unknown}")).status_code == 404

    # The worker delivers the events (signed with the secrets) and logs its attempts.
    await eventually(
        lambda: len(receiver.route("/hooks").requests) >= 4, timeout=15,
        what="the worker delivered the session's events",
    )
    for request in receiver.route("/hooks").requests:
        secrets[f"signature {request.headers['webhook-id']}"] = request.signatures[0]


async def test_database_errors_do_not_carry_the_values_bound_to_the_statement(
    database: Database,
) -> None:
    secret = "whsec_" + base64.b64encode(b"s" * 32).decode()
    with pytest.raises(DBAPIError) as raised:
        async with database.sessionmaker() as session:
            await session.execute(text("SELECT CAST(:secret AS integer)"), {"secret": secret})
    assert secret not in str(raised.value)
    assert "hidden due to hide_parameters" in str(raised.value)


def test_survey_tokens_in_paths_are_not_logged() -> None:
    assert loggable_path("/v1/public/surveys/abc_DEF-123/responses") == (
        "/v1/public/surveys/{token}/responses"
    )
    assert loggable_path("/v1/public/surveys/abc") == "/v1/public/surveys/{token}"
    assert loggable_path("/v1/tickets/42") == "/v1/tickets/42"
