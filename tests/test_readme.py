"""The README says what is true: its examples run against the API, its Configuration table is the
one generated from the settings, its links resolve and the commands it names exist."""

import argparse
import asyncio
import contextlib
import re
import shlex
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import Field, SecretStr

from app import cli
from app.auth.scopes import Scope
from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import PROJECT_ROOT
from app.kit.settings_doc import (
    UndocumentedSettingError,
    readme_table,
    replace_table,
    settings_table,
)
from tests.conftest import MakeKey
from tests.factories import add_policy
from tests.support.api import bearer
from tests.support.clock import MutableClock

README = PROJECT_ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
MARKDOWN_FILES = [README, *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def section(heading: str) -> str:
    """The text under a heading, up to the next heading of the same level or above."""
    level = heading.split(" ", 1)[0]
    body = TEXT.split(f"\n{heading}\n", 1)[1]
    ends = re.search(rf"^#{{1,{len(level)}}} ", body, re.M)
    return body[: ends.start()] if ends else body


def code_blocks(text: str, language: str) -> list[str]:
    return [code for lang, code in FENCE.findall(text) if lang == language]


def without_code_blocks(text: str) -> str:
    return FENCE.sub("", text)


# --- the integration guides' examples -----------------------------------------------------------


@dataclass
class Curl:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None


def curls(shell: str, variables: dict[str, str]) -> list[Curl]:
    """The curl commands of a shell block, with $VARIABLES replaced (an unknown one fails)."""
    commands = []
    for words in shell_commands(shell):
        if words[0] == "curl":
            expanded = [
                re.sub(r"\$(\w+)", lambda match: variables[match[1]], word) for word in words[1:]
            ]
            commands.append(_curl(expanded))
    return commands


def shell_commands(shell: str) -> list[list[str]]:
    """Each command's words: a quoted string may span lines, as may a line ending in \\."""
    commands, pending = [], ""
    for line in shell.replace("\\\n", " ").splitlines():
        pending = f"{pending}\n{line}" if pending else line
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # a quote still open
            continue
        if words:
            commands.append(words)
        pending = ""
    assert pending == "", f"unclosed quote in {shell!r}"
    return commands


def _curl(words: list[str]) -> Curl:
    command = Curl(method="", path="")
    options = iter(words)
    for word in options:
        if word == "-X":
            command.method = next(options)
        elif word == "-H":
            name, value = next(options).split(":", 1)
            command.headers[name.strip()] = value.strip()
        elif word == "-d":
            command.body = next(options)
        elif word.startswith("-"):
            pytest.fail(f"the test does not know curl's {word}")
        else:
            command.path = "/" + word.split("/", 1)[1]
    command.method = command.method or ("POST" if command.body is not None else "GET")
    return command


async def send(client: httpx.AsyncClient, curl: Curl) -> httpx.Response:
    response = await client.request(
        curl.method, curl.path, headers=curl.headers,
        content=curl.body.encode() if curl.body is not None else None,
    )
    assert response.status_code in (200, 201), (curl, response.text)
    return response


async def test_the_shop_backend_guide_runs_as_written(
    client: httpx.AsyncClient, admin_key: str, database: Database, clock: MutableClock
) -> None:
    await add_policy(database, clock.now())  # as the migration's Default, which cleanups remove
    variables = {"ADMIN": admin_key}
    answers = []
    for block in code_blocks(section("### Shop backend: orders and tickets"), "sh"):
        for curl in curls(block, variables):
            answer = (await send(client, curl)).json()
            answers.append(answer)
            if curl.path == "/v1/api-keys":
                variables["KEY"] = answer["key"]
            elif curl.path == "/v1/tickets":
                variables["TICKET"] = answer["id"]

    assert [answer.get("status") for answer in answers[-2:]] == ["solved", "solved"]
    assert answers[-1]["expectations"]["resolution"]["status"] == "met"
    key_scopes = answers[0]["scopes"]
    assert Scope.ADMIN.value not in key_scopes  # the guide's calls need no admin key


@contextlib.asynccontextmanager
async def serving(asgi: FastAPI) -> AsyncIterator[int]:
    """Serve an app on a free port of 127.0.0.1, as its README instructions would."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(asgi, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:  # noqa: ASYNC110 - uvicorn offers only a flag
            await asyncio.sleep(0.005)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        await task


def run_snippet(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "readme_snippet"}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    return namespace


async def test_the_webhook_receiver_of_the_guide_verifies_a_real_delivery(
    client: httpx.AsyncClient, admin_key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = section("### Webhook consumer")
    assert "AFTERCARE_WEBHOOK_ALLOW_PRIVATE_TARGETS=true" in guide
    [subscribe] = curls(code_blocks(guide, "sh")[0], {"ADMIN": admin_key})
    [receiver_code] = code_blocks(guide, "python")
    assert len(receiver_code.strip().splitlines()) <= 16

    endpoint = (await send(client, subscribe)).json()
    path = f"/v1/webhook-endpoints/{endpoint['id']}"
    snippet = run_snippet(receiver_code.replace("whsec_...", endpoint["secret"]))
    async with serving(snippet["app"]) as port:
        url = endpoint["url"].replace("127.0.0.1:9000", f"127.0.0.1:{port}")
        moved = await client.patch(path, json={"url": url}, headers=bearer(admin_key))
        assert moved.status_code == 200, moved.text

        test = await client.post(f"{path}/test", headers=bearer(admin_key))
        assert test.json()["success"] is True, test.text
        assert test.json()["attempt"]["status_code"] == 204
        assert "webhook.test" in capsys.readouterr().out

        async with httpx.AsyncClient() as outsider:
            forged = await outsider.post(
                f"http://127.0.0.1:{port}/aftercare", content=b'{"type": "ticket.created"}',
                headers={"webhook-id": "msg_1", "webhook-timestamp": str(int(time.time())),
                         "webhook-signature": "v1,AAAA"},
            )
        assert forged.status_code == 401


async def test_the_frontend_proxy_of_the_guide_serves_metrics_with_a_metrics_key(
    app: FastAPI, make_key: MakeKey
) -> None:
    [proxy_code] = code_blocks(section("### Frontend: metrics and expectations"), "python")
    snippet = run_snippet(proxy_code)
    key = await make_key(Scope.METRICS_READ)
    await snippet["AFTERCARE"].aclose()
    snippet["AFTERCARE"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000",
        headers=bearer(key),
    )
    browser = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=snippet["app"]), base_url="http://frontend"
    )
    async with browser, snippet["AFTERCARE"]:
        first = await browser.get("/api/metrics/summary")
        assert first.status_code == 200, first.text
        assert "csat" in first.json()
        again = await browser.get(
            "/api/metrics/summary", headers={"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304


# --- the Configuration table ---------------------------------------------------------------------


def test_the_configuration_table_is_the_one_generated_from_the_settings() -> None:
    expected = settings_table(Settings)
    assert readme_table(TEXT) == expected, (
        "README.md's Configuration table differs from app/config.py: run `make config-doc`"
    )


def test_every_setting_is_in_the_table_with_its_variable() -> None:
    variables = {line.split("`")[1] for line in settings_table(Settings)[2:]}
    assert variables == {f"AFTERCARE_{name.upper()}" for name in Settings.model_fields}


def test_a_setting_without_a_description_cannot_be_documented() -> None:
    class Undocumented(Settings):
        shiny_new_thing: int = 3

    with pytest.raises(UndocumentedSettingError, match="AFTERCARE_SHINY_NEW_THING"):
        settings_table(Undocumented)


def test_a_secret_default_is_never_printed() -> None:
    class WithSecret(Settings):
        signing_key: SecretStr = Field(
            default=SecretStr("hunter2-default"), description="signs things"
        )

    [row] = [line for line in settings_table(WithSecret) if "SIGNING_KEY" in line]
    assert "hunter2" not in row
    assert "(hidden)" in row


def test_make_config_doc_rewrites_only_the_table(tmp_path: Path) -> None:
    stale = TEXT.replace("| `AFTERCARE_PORT` |", "| `AFTERCARE_PORTS` |")
    assert readme_table(stale) != settings_table(Settings)
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")

    assert cli.main(["config-doc", "--write", str(readme)]) == 0

    assert readme.read_text(encoding="utf-8") == TEXT
    assert replace_table(TEXT, settings_table(Settings)) == TEXT


# --- links and commands --------------------------------------------------------------------------

LINK = re.compile(r"\]\(([^)\s]+)\)")


def github_anchor(heading: str) -> str:
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#+ (.+)$", without_code_blocks(path.read_text("utf-8")), re.M):
        anchor = github_anchor(heading)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        found.add(anchor if count == 0 else f"{anchor}-{count}")
    return found


@pytest.mark.parametrize("markdown", MARKDOWN_FILES, ids=lambda path: path.name)
def test_every_internal_link_resolves(markdown: Path) -> None:
    broken = []
    for target in LINK.findall(without_code_blocks(markdown.read_text("utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (markdown.parent / path).resolve() if path else markdown
        if not resolved.exists() or (anchor and anchor not in anchors(resolved)):
            broken.append(target)
    assert broken == []


def test_the_anchors_follow_githubs_rules() -> None:
    assert github_anchor("The `aftercare` command") == "the-aftercare-command"
    assert github_anchor("Shop backend: orders and tickets") == "shop-backend-orders-and-tickets"
    assert "what-aftercare-is-and-what-it-is-not" in anchors(README)
    assert "no-such-section" not in anchors(README)


def code_text(text: str) -> str:
    """Everything the README shows as code: the fenced blocks and the `inline` spans."""
    spans = re.findall(r"`([^`\n]+)`", without_code_blocks(text))
    return "\n".join([code for _, code in FENCE.findall(text)] + spans)


def make_targets() -> set[str]:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", makefile, re.M))


def test_every_make_target_named_exists() -> None:
    named = set(re.findall(r"(?:^|\s)make ([a-z][\w-]*)", code_text(TEXT), re.M))
    assert {"run", "test"} <= named
    assert sorted(named - make_targets()) == []


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def unknown_parts(words: list[str]) -> list[str]:
    """The subcommands and options of `aftercare WORDS...` that its parser does not have."""
    parser = cli._parser()
    unknown: list[str] = []
    for word in words:
        commands = subcommands(parser)
        if commands and not word.startswith("-"):
            if word not in commands:
                return [*unknown, word]
            parser = commands[word]
        elif word.startswith("--") and word not in parser._option_string_actions:
            unknown.append(word)
    if subcommands(parser):
        unknown.append(f"{' '.join(words)} (needs a subcommand)")
    return unknown


def test_every_aftercare_command_named_exists() -> None:
    named = re.findall(r"(?:^|[\s/(])aftercare ([a-z][^`\n#|;)]*)", code_text(TEXT), re.M)
    assert len(named) > 20
    unknown: dict[str, list[str]] = {}
    for command in named:
        words = [word.strip("[]") for word in command.split() if word.strip("[]")]
        problems = unknown_parts(words)
        if problems:
            unknown[command] = problems
    assert unknown == {}


def test_the_command_check_catches_a_wrong_command() -> None:
    assert unknown_parts(["keys", "create", "--name", "N"]) == []
    assert unknown_parts(["keys", "delete"]) == ["delete"]
    assert unknown_parts(["serve", "--wrokers", "2"]) == ["--wrokers"]
    assert unknown_parts(["healthcheck"]) == ["healthcheck (needs a subcommand)"]


def test_the_problem_types_table_is_in_the_api_overview() -> None:
    assert "\n### Problem types\n" in section("## API overview")


def test_the_readme_starts_with_the_two_commands() -> None:
    """Before anything else: how to run the service and the whole suite."""
    before_contents = TEXT.split("\n## Contents\n", 1)[0]
    [first_block] = code_blocks(before_contents, "sh")
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make run", "make test"]
    assert {"run", "test"} <= make_targets()
