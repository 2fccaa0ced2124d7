"""One delivery attempt over HTTP: sign, send to the checked address, read a bounded answer."""

import asyncio
import time
import uuid
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from app.config import Settings
from app.events.schemas import EventEnvelope
from app.webhooks.retry import ResponseOutcome, classify_response, parse_retry_after
from app.webhooks.signing import webhook_headers
from app.webhooks.ssrf import (
    PinnedClients,
    Resolver,
    UnsafeURLError,
    build_pinned_request,
    checked_address,
)

USER_AGENT = "Aftercare-Webhooks/0.1"
RESPONSE_BODY_LIMIT = 2048
WEBHOOK_TEST_TYPE = "webhook.test"


@dataclass(frozen=True, slots=True)
class Message:
    """What a receiver gets: `webhook-id` and the JSON body {id, type, created_at, data}."""

    id: str
    body: bytes

    @classmethod
    def of(
        cls, message_id: uuid.UUID, event_type: str, created_at: datetime, data: dict[str, Any]
    ) -> "Message":
        payload = EventEnvelope(id=message_id, type=event_type, created_at=created_at, data=data)
        return cls(str(message_id), payload.model_dump_json().encode())


@dataclass(frozen=True, slots=True)
class AttemptResult:
    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    response_body: str
    error: str | None
    retry_after: timedelta | None = None

    @property
    def finished_at(self) -> datetime:
        """When the answer came, or the attempt gave up: retries are counted from here."""
        return self.attempted_at + timedelta(milliseconds=self.latency_ms)

    @property
    def outcome(self) -> ResponseOutcome:
        """No answer at all (refused URL, network error, timeout) is retried like a 5xx."""
        return "retry" if self.status_code is None else classify_response(self.status_code)

    @property
    def succeeded(self) -> bool:
        return self.outcome == "success"


@dataclass(frozen=True, slots=True)
class SendOptions:
    timeout: float
    allow_private: bool
    resolver: Resolver | None = None

    @classmethod
    def from_settings(cls, settings: Settings, resolver: Resolver | None) -> "SendOptions":
        return cls(
            timeout=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private_targets,
            resolver=resolver,
        )


async def send_message(
    clients: PinnedClients,
    url: str,
    secrets: Sequence[str],
    message: Message,
    *,
    now: datetime,
    options: SendOptions,
    connections_of: Hashable = None,
) -> AttemptResult:
    """Attempt one delivery; never raises for anything the receiver or the network does.

    Requests with the same `connections_of` (an endpoint) share kept-alive connections."""
    headers = webhook_headers(secrets, message.id, int(now.timestamp()), message.body, USER_AGENT)
    started = time.monotonic()

    def failed(error: str) -> AttemptResult:
        return AttemptResult(now, None, _elapsed_ms(started), "", _text(error))

    try:
        # One bound on the whole attempt: httpx's timeout applies per phase, and a receiver
        # trickling its answer byte by byte would otherwise hold the delivery for ever.
        async with asyncio.timeout(options.timeout):
            status_code, response_headers, body = await _post(
                clients, url, headers, message.body, options, connections_of
            )
    except UnsafeURLError as error:
        return failed(f"refused: {error}")
    except TimeoutError:
        return failed(f"no answer within {options.timeout:g} s")
    except httpx.HTTPError as error:
        return failed(_describe_http_error(error))
    latency_ms = _elapsed_ms(started)
    answered_at = now + timedelta(milliseconds=latency_ms)
    return AttemptResult(
        attempted_at=now,
        status_code=status_code,
        latency_ms=latency_ms,
        response_body=_text(body.decode("utf-8", errors="replace")),
        error=_status_error(status_code),
        retry_after=parse_retry_after(response_headers.get("retry-after"), answered_at),
    )


async def _post(
    clients: PinnedClients,
    url: str,
    headers: dict[str, str],
    body: bytes,
    options: SendOptions,
    connections_of: Hashable,
) -> tuple[int, httpx.Headers, bytes]:
    target, address = await checked_address(
        url, allow_private=options.allow_private, timeout=options.timeout,
        resolver=options.resolver,
    )
    async with clients.use(target, address, connections_of) as client:
        request = build_pinned_request(
            client, "POST", target, address, headers=headers, content=body,
            timeout=options.timeout, keep_alive=clients.keep_alive,
        )
        response = await client.send(request, follow_redirects=False, stream=True)
        try:
            return response.status_code, response.headers, await _read_prefix(response)
        finally:
            await response.aclose()


async def _read_prefix(response: httpx.Response) -> bytes:
    """At most RESPONSE_BODY_LIMIT bytes of the body; the rest is never downloaded."""
    received = bytearray()
    async for chunk in response.aiter_bytes():
        received.extend(chunk)
        if len(received) >= RESPONSE_BODY_LIMIT:
            break
    return bytes(received[:RESPONSE_BODY_LIMIT])


def _status_error(status_code: int) -> str | None:
    if 300 <= status_code <= 399:
        return f"redirect ({status_code}) not followed: only 2xx counts as delivered"
    if status_code == 410:
        return "410 Gone: the endpoint is disabled"
    return None


def _describe_http_error(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"timed out ({type(error).__name__})"
    detail = str(error) or repr(error)
    return f"{type(error).__name__}: {detail}"


def _text(value: str) -> str:
    # PostgreSQL text cannot hold NUL characters, which a receiver's body may contain.
    return value.replace("\x00", "\ufffd")


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
