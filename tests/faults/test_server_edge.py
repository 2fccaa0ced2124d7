"""The edge of a real `aftercare serve`: slow and oversized clients are cut off, connections are
bounded, and forwarded addresses are believed only from trusted proxies."""

import asyncio
import contextlib
import os
from pathlib import Path

import httpx
import pytest

from tests.support.processes import ServiceProcess, served
from tests.support.receiver import free_port
from tests.support.waiting import eventually

EDGE = {
    "server_header_timeout_seconds": "1",
    "server_max_connections": "20",
    "run_worker_in_api": "false",
}
HALF_A_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


async def _open(port: int) -> "Connection":
    return await asyncio.open_connection("127.0.0.1", port)


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _slow_client(port: int) -> Connection:
    """Half a request, then nothing (the writer is kept: dropping it would hang up)."""
    reader, writer = await _open(port)
    writer.write(HALF_A_REQUEST)
    await writer.drain()
    return reader, writer


async def _answer(reader: asyncio.StreamReader, timeout: float) -> bytes:  # noqa: ASYNC109
    """Everything the server sends until it closes the connection."""
    async with asyncio.timeout(timeout):
        return await reader.read()


def _open_descriptors(service: ServiceProcess) -> int:
    return len(os.listdir(f"/proc/{service.pid}/fd"))


@pytest.mark.processes
async def test_slow_clients_are_cut_off_and_normal_clients_are_still_served(
    scratch_url: str, log_dir: Path
) -> None:
    port = free_port()
    async with served(log_dir / "api.log", scratch_url, port, **EDGE) as service:
        idle_descriptors = _open_descriptors(service)
        slow = [await _slow_client(port) for _ in range(15)]
        assert service.base_url is not None
        async with httpx.AsyncClient(base_url=service.base_url) as http:
            assert (await http.get("/healthz")).status_code == 200  # served meanwhile
        answers = await asyncio.gather(*(_answer(reader, 5) for reader, _ in slow))
        assert {answer[:13] for answer in answers} == {b"HTTP/1.1 408 "}

        crowd = [await _slow_client(port) for _ in range(30)]  # more than the 20 allowed
        refused_at_once = await asyncio.gather(*(_answer(reader, 5) for reader, _ in crowd))
        statuses = sorted(answer.split(b" ", 2)[1] for answer in refused_at_once)
        assert statuses.count(b"503") >= 10
        assert set(statuses) == {b"408", b"503"}
        for _, writer in [*slow, *crowd]:
            writer.close()
        await eventually(
            lambda: _open_descriptors(service) <= idle_descriptors + 2,
            timeout=5, what="the refused connections' descriptors are released",
        )
        async with httpx.AsyncClient(base_url=service.base_url) as http:
            assert (await http.get("/healthz")).status_code == 200


@pytest.mark.processes
async def test_oversized_headers_are_refused_with_431(scratch_url: str, log_dir: Path) -> None:
    port = free_port()
    async with served(log_dir / "api.log", scratch_url, port, **EDGE):
        huge = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (8 << 20) + b"\r\n\r\n"
        many = b"GET /healthz HTTP/1.1\r\n" + b"".join(
            b"X-H%d: 1\r\n" % n for n in range(10_000)
        ) + b"\r\n"
        for request in (huge, many):
            reader, writer = await _open(port)
            writer.write(request)
            with contextlib.suppress(ConnectionResetError):  # it may hang up before the end
                await writer.drain()
            answer = await _answer(reader, 5)
            assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]


async def _statuses_with_forwarded_addresses(service: ServiceProcess) -> list[int]:
    assert service.base_url is not None
    async with httpx.AsyncClient(base_url=service.base_url) as http:
        responses = [
            await http.get(
                f"/v1/public/surveys/{'t' * 43}", headers={"X-Forwarded-For": f"203.0.113.{n}"}
            )
            for n in range(5)
        ]
    return [response.status_code for response in responses]


@pytest.mark.processes
async def test_forwarded_addresses_are_believed_only_from_trusted_proxies(
    scratch_url: str, log_dir: Path
) -> None:
    limited = {**EDGE, "public_rate_limit_requests": "3"}
    async with served(log_dir / "direct.log", scratch_url, free_port(), **limited) as service:
        assert await _statuses_with_forwarded_addresses(service) == [404, 404, 404, 429, 429]
    behind_proxy = {**limited, "trusted_proxies": '["127.0.0.1"]'}
    async with served(log_dir / "proxied.log", scratch_url, free_port(), **behind_proxy) as service:
        assert await _statuses_with_forwarded_addresses(service) == [404] * 5
