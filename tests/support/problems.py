"""The problem types the API documents, and a recorder of those the suite's answers carry."""

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from app.cli import OPENAPI_PATH
from app.kit.errors import PROBLEM_JSON
from app.kit.migrations import PROJECT_ROOT

Handler = Callable[[httpx.ASGITransport, httpx.Request], Awaitable[httpx.Response]]


def documented_problem_types() -> list[dict[str, Any]]:
    """`x-problem-types` of the committed OpenAPI document."""
    document = json.loads((PROJECT_ROOT / OPENAPI_PATH).read_text(encoding="utf-8"))
    types: list[dict[str, Any]] = document["x-problem-types"]
    return types


class ProblemTypeRecorder:
    """Records the `type` of every problem document an in-process app answers with (every test
    client talks to the app through httpx.ASGITransport), with the first request that got it."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        send: Handler = httpx.ASGITransport.handle_async_request

        async def recording(
            transport: httpx.ASGITransport, request: httpx.Request
        ) -> httpx.Response:
            response = await send(transport, request)
            if response.headers.get("content-type") == PROBLEM_JSON:
                problem_type = json.loads(await response.aread()).get("type")
                self.seen.setdefault(str(problem_type), f"{request.method} {request.url.path}")
            return response

        monkeypatch.setattr(httpx.ASGITransport, "handle_async_request", recording)

    def undocumented(self) -> dict[str, str]:
        documented = {entry["type"] for entry in documented_problem_types()}
        return {kind: where for kind, where in self.seen.items() if kind not in documented}
