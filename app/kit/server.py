"""The edge of the service: how `aftercare serve` runs uvicorn, and what a connection may do.

uvicorn closes an idle kept-alive connection, but not one that sends half a request line or
half its headers and then waits; nor does it bound the headers' size and count, or the
connections it accepts. `GuardedHttpToolsProtocol` adds those bounds to its httptools protocol,
so slow or oversized clients cost a few seconds and a few kilobytes each, never the process's
descriptors or memory.
"""

import asyncio
import functools
import gc
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import Settings

WORKER_HEALTHCHECK_SECONDS = 30
LINGER_SECONDS = 1.0  # how long a refused connection's further input is read and dropped


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    header_timeout_seconds: float
    max_header_bytes: int
    max_headers: int
    max_connections: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "ConnectionLimits":
        return cls(
            settings.server_header_timeout_seconds,
            settings.server_max_header_bytes,
            settings.server_max_headers,
            settings.server_max_connections,
        )


def uvicorn_options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """What `aftercare serve` hands to uvicorn.run."""
    trusted = settings.trusted_proxies
    return {
        "host": host,
        "port": port,
        "loop": "uvloop",
        "http": functools.partial(
            GuardedHttpToolsProtocol, limits=ConnectionLimits.from_settings(settings)
        ),
        "log_config": None,
        "access_log": False,
        # With --workers N, a process that does not answer the parent's ping in this time is
        # killed and replaced; a new process imports the whole app first, which takes longer
        # than uvicorn's 5 s on a loaded machine, and would be killed over and over.
        "timeout_worker_healthcheck": WORKER_HEALTHCHECK_SECONDS,
        # X-Forwarded-For and -Proto are believed only from the proxies named in the settings:
        # from anyone else they would let a client choose its address (and its rate limit).
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": ",".join(trusted) if trusted else "",
    }


def freeze_startup_heap() -> None:
    """Once the app is built, before it serves: its objects (modules, routes, schemas, models:
    a few hundred thousand, alive for the whole process) leave the garbage collector's view.
    Each full collection would otherwise walk them all, and requests trigger one every few
    thousand, a pause of 100-200 ms; the objects requests create are collected as before."""
    gc.collect()
    gc.freeze()


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline for each request's headers, a bound on
    their size and count, and on the connections open at once."""

    def __init__(self, *args: Any, limits: ConnectionLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self._header_deadline: asyncio.TimerHandle | None = None
        self._awaiting_headers = False
        self._header_bytes = 0
        self._header_count = 0
        self._refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, "Too many connections; retry shortly.")
            return
        self._expect_headers()
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused or self.transport.is_closing():
            return  # what a refused client still sends is dropped
        if self._awaiting_headers and self._overflows_headers(data):
            self._refuse(
                HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                f"A request line and headers may take at most {self.limits.max_header_bytes}"
                " bytes.",
            )
            return
        super().data_received(data)
        if self._awaiting_headers:
            self._header_bytes += len(data)
        if self._header_count > self.limits.max_headers:
            self._refuse(
                HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                f"A request may have at most {self.limits.max_headers} header fields.",
            )

    def on_message_begin(self) -> None:
        self._arm_header_deadline()  # a kept-alive connection's next request has begun
        super().on_message_begin()

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._header_count > self.limits.max_headers:
            return  # refused once the parser returns: the request never reaches the app
        self._cancel_header_deadline()
        self._awaiting_headers = False
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._expect_headers()

    def _expect_headers(self) -> None:
        self._awaiting_headers = True
        self._header_bytes = self._header_count = 0

    def _overflows_headers(self, data: bytes) -> bool:
        """Whether the headers under way would pass the limit with `data`: checked before the
        parser sees it, so an oversized header is never buffered whole."""
        room = self.limits.max_header_bytes - self._header_bytes
        return len(data) > room and b"\r\n\r\n" not in data[: max(room, 0) + 4]

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(
                self.limits.header_timeout_seconds, self._headers_timed_out
            )

    def _headers_timed_out(self) -> None:
        self._header_deadline = None
        if self._awaiting_headers and not self._refused and not self.transport.is_closing():
            self._refuse(HTTPStatus.REQUEST_TIMEOUT, "The request's headers took too long.")

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        """Answer outside the app (there is no complete request to hand it) and hang up.

        Closing a socket with unread input makes the kernel reset the connection, which can
        destroy the answer before the client reads it; so the answer is followed by a
        half-close, and what the client still sends is read and dropped for a moment.
        """
        self._cancel_header_deadline()
        self._refused = True
        body = message.encode()
        self.transport.write(
            f"HTTP/1.1 {status.value} {status.phrase}\r\n".encode()
            + b"content-type: text/plain; charset=utf-8\r\n"
            + f"content-length: {len(body)}\r\n".encode()
            + b"connection: close\r\n\r\n"
            + body
        )
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
