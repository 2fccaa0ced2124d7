"""A real webhook receiver on 127.0.0.1 (uvicorn in the test's event loop).

Every request is verified with the reference `standardwebhooks` library against the secrets the
test registered for its path. The library checks the timestamp against its own "now", which the
`clocked_standardwebhooks` fixture points at the test's MutableClock, so retries hours apart in
test time still verify; the signature check itself is the library's, untouched.
"""

import asyncio
import contextlib
import socket
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

import uvicorn
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.types import Receive, Scope, Send

from tests.support.clock import MutableClock


@dataclass(frozen=True, slots=True)
class Reply:
    status: int = 200
    body: bytes = b"ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False  # never answer (until the receiver stops)


@dataclass(slots=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified_by: list[str]  # the registered secrets that verify this request
    received_at: float = field(default_factory=time.time)  # Unix time the request arrived
    client_port: int | None = None  # the sender's port: one per connection

    @property
    def payload(self) -> Any:
        import json

        return json.loads(self.body)

    @property
    def signatures(self) -> list[str]:
        return self.headers["webhook-signature"].split(" ")


@dataclass(slots=True)
class Route:
    secrets: list[str] = field(default_factory=list)
    replies: deque[Reply] = field(default_factory=deque)
    default: Reply = field(default_factory=Reply)
    requests: list[Received] = field(default_factory=list)

    def next_reply(self) -> Reply:
        return self.replies.popleft() if self.replies else self.default


class Receiver:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None
        self._release = asyncio.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str) -> Route:
        return self.routes.setdefault(path, Route())

    def requests(self, path: str) -> list[Received]:
        return self.route(path).requests

    @property
    def all_requests(self) -> list[Received]:
        return [request for route in self.routes.values() for request in route.requests]

    async def start(self, port: int = 0) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app, interface="asgi3", lifespan="off", log_level="warning", access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._release = asyncio.Event()
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        async with asyncio.timeout(5):
            while not self._server.started:  # noqa: ASYNC110 - uvicorn offers only a flag
                await asyncio.sleep(0.005)

    async def stop(self) -> None:
        self._release.set()
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=5)
        self._server = None
        self._task = None

    async def _app(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {key.decode(): value.decode() for key, value in scope["headers"]}
        route = self.route(scope["path"])
        received = Received(
            scope["path"], headers, body, _verifying(route.secrets, body, headers),
            client_port=scope["client"][1] if scope.get("client") else None,
        )
        route.requests.append(received)
        reply = route.next_reply()
        if route.secrets and not received.verified_by:
            reply = Reply(status=401, body=b"signature does not verify")
        if reply.hang:
            await self._release.wait()
            return
        if reply.delay:
            await asyncio.sleep(reply.delay)
        response_headers = [(b"content-type", b"text/plain")]
        response_headers += [(k.encode(), v.encode()) for k, v in reply.headers.items()]
        await send({"type": "http.response.start", "status": reply.status,
                    "headers": response_headers})
        await send({"type": "http.response.body", "body": reply.body})


@contextlib.asynccontextmanager
async def running_receiver(port: int = 0) -> AsyncIterator[Receiver]:
    """A receiver listening on 127.0.0.1 (on a free port unless given), stopped on exit."""
    receiver = Receiver()
    await receiver.start(port)
    try:
        yield receiver
    finally:
        await receiver.stop()


def _verifying(secrets: list[str], body: bytes, headers: dict[str, str]) -> list[str]:
    verified = []
    for secret in secrets:
        with contextlib.suppress(WebhookVerificationError):
            Webhook(secret).verify(body, headers)
            verified.append(secret)
    return verified


def clocked_datetime(clock: MutableClock) -> type[datetime]:
    """A datetime class whose now() is the test clock's, for the library's timestamp check."""

    class ClockedDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> "ClockedDatetime":
            moment = clock.now() if tz is None else clock.now().astimezone(tz)
            return cls.fromtimestamp(moment.timestamp(), tz=moment.tzinfo)

    return ClockedDatetime


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
