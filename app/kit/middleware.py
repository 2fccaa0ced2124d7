"""Pure ASGI middleware: request id and access log, last-resort 500, request body size limit."""

import json
import logging
import re
import secrets
import time

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.errors import PROBLEM_JSON, AppError, InternalError, NulInURL, PayloadTooLarge
from app.kit.logging_setup import bind_request_id, reset_request_id
from app.kit.prometheus import observe_request

logger = logging.getLogger("aftercare.http")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Paths whose next segment is a capability (a survey or status link token): never logged.
_CAPABILITY_PATH = re.compile(r"^(/v1/public/(?:surveys|tickets)/)[^/]+")


def loggable_path(path: str) -> str:
    """The request path as it may be logged: capability tokens replaced by `{token}`."""
    return _CAPABILITY_PATH.sub(r"\1{token}", path)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def _send_problem(
    send: Send, problem: AppError, instance: str, extra: list[tuple[bytes, bytes]]
) -> None:
    payload = json.dumps(problem.document(instance)).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(payload)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def _has_nul(scope: Scope) -> bool:
    return "\x00" in scope["path"] or b"%00" in scope.get("query_string", b"")


class RequestContextMiddleware:
    """Accepts or generates X-Request-ID, echoes it, logs the request (and observes its
    duration when metrics are on), turns crashes into 500s."""

    def __init__(self, app: ASGIApp, *, observe_metrics: bool = False) -> None:
        self.app = app
        self.observe_metrics = observe_metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            nul = NulInURL("The URL must not contain NUL (%00) characters.")
            await _send_problem(send, nul, scope["path"].replace("\x00", ""), [])
            return
        incoming = _header(scope, b"x-request-id")
        request_id = (
            incoming if incoming and _SAFE_REQUEST_ID.match(incoming) else secrets.token_hex(16)
        )
        token = bind_request_id(request_id)
        id_header = (b"x-request-id", request_id.encode())
        status = 500
        response_started = False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", []), id_header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error", extra={"path": loggable_path(scope["path"])})
            if not response_started:
                crash = InternalError(
                    "An unexpected error occurred; quote the request id when reporting it."
                )
                await _send_problem(send, crash, scope["path"], [id_header])
        finally:
            elapsed = time.perf_counter() - started
            if self.observe_metrics:
                observe_request(scope, status, elapsed)
            if logger.isEnabledFor(logging.INFO):  # its fields are built only to be written
                logger.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": loggable_path(scope["path"]),
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
            reset_request_id(token)


class BodySizeLimitMiddleware:
    """413 for bodies over the limit, by Content-Length up front or by counting a streamed body."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _send_problem(send, PayloadTooLarge(self._detail()), scope["path"], [])
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises HTTPException from body reading, so the handler sees it.
                    raise HTTPException(413, detail=self._detail())
            return message

        await self.app(scope, counting_receive, send)

    def _detail(self) -> str:
        return f"The request body exceeds the limit of {self.max_bytes} bytes."
