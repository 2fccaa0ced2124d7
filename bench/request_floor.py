"""Aftercare's ticket routes next to a thin FastAPI + asyncpg app doing the same database work
(bench/floor_app.py), side by side in one run: wrk at 16 connections, interleaved rounds, one
server process each, the worker off, both on one scratch database. Prints req/s and the ratio.

    .venv/bin/python -m bench.request_floor
    .venv/bin/python -m bench.request_floor --cases post,get --rounds 5 --seconds 8

Cases: `post` (POST /v1/tickets, a new customer and an Idempotency-Key each, authenticated;
the anchor does the same writes in one statement, without authentication or idempotency), `get`
(authenticated GET /v1/tickets/{id}; the anchor: one SELECT by key), `list` (50 tickets) and
`timeline` (GET /v1/tickets/{id}/events). The database has one SLA policy (first response and
resolution, calendar time) and one webhook endpoint, so every ticket has two targets and its
event one delivery. Needs `wrk` (Debian: apt-get install wrk).
"""

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.kit.db import asyncpg_dsn
from bench._common import (
    DEFAULT_SERVER_URL,
    PROJECT_ROOT,
    READY_TIMEOUT_SECONDS,
    cpu_seconds,
    scratch_database_with_key,
    served_process,
    wait_ready,
)

CONNECTIONS = 16
SEED_TICKETS = 60
TIMELINE_MESSAGES = 9
# The bench's webhook endpoint is on loopback (nothing delivers to it: the worker is off).
_PRIVATE_RECEIVER = {"AFTERCARE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true"}

# One unique Idempotency-Key and customer per request: `nonce` (per run and side) then a counter
# per wrk thread.
_POST_SCRIPT = """
local nonce = "%s"
local counter = 0
local thread_id = 0
local prefix = "%s"
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function init(args)
  thread_id = wrk.thread:get("thread_id")
end
function request()
  counter = counter + 1
  local ref = nonce .. "-" .. thread_id .. "-" .. counter
  local body = '{"subject":"Parcel late","description":"Nothing arrived since last week.",'
    .. '"channel":"email","tags":["delivery"],"customer":{"external_ref":"' .. ref
    .. '","email":"' .. ref .. '@example.com"}}'
  local headers = {["Content-Type"] = "application/json", ["Idempotency-Key"] = ref}
  if prefix ~= "" then headers["Authorization"] = prefix end
  return wrk.format("POST", nil, headers, body)
end
"""

_REQUESTS = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s+(\d+) requests in", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors:.*")


@dataclass(frozen=True, slots=True)
class Target:
    """One side of a case: the URL wrk loads, its headers, whether it POSTs (with the script),
    and the server's process id (its CPU time is read)."""

    url: str
    headers: dict[str, str]
    post: bool
    pid: int


@dataclass(frozen=True, slots=True)
class Round:
    per_second: float
    cpu_ms: float  # the server process's CPU time per request: little moved by other load
    notes: str


async def _seed(base_url: str, key: str) -> tuple[str, str]:
    """The SLA policy, a webhook endpoint, tickets for the list, and one ticket with a timeline;
    returns the ticket's id and the bench's webhook endpoint id."""
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
        policy = {
            "name": "Standard",
            "targets": {
                "first_response": {"target_minutes": 60, "warn_before_minutes": 15},
                "resolution": {"target_minutes": 1440, "warn_before_minutes": 120},
            },
        }
        (await client.post("/v1/sla-policies", json=policy)).raise_for_status()
        endpoint = {"url": "http://127.0.0.1:9/bench", "event_types": ["ticket.created"]}
        created_endpoint = await client.post("/v1/webhook-endpoints", json=endpoint)
        created_endpoint.raise_for_status()
        ticket_id = ""
        for n in range(SEED_TICKETS):
            body = {
                "subject": f"Seed {n}", "description": "Seed.", "channel": "email",
                "customer": {"external_ref": f"seed-{n % 20}", "email": f"s{n}@example.com"},
            }
            created = await client.post("/v1/tickets", json=body)
            created.raise_for_status()
            ticket_id = created.json()["id"]
        for n in range(TIMELINE_MESSAGES):
            author = "agent" if n % 2 else "customer"
            reply = {"author_type": author, "body": f"message {n}"}
            (await client.post(f"/v1/tickets/{ticket_id}/messages", json=reply)).raise_for_status()
    return ticket_id, created_endpoint.json()["id"]


@asynccontextmanager
async def _served_anchor(database_url: str, port: int) -> AsyncIterator[tuple[str, int]]:
    env = {**os.environ, "AFTERCARE_BENCH_FLOOR_DSN": asyncpg_dsn(database_url)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "uvicorn", "bench.floor_app:app", "--port", str(port),
        "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning",
        cwd=PROJECT_ROOT, env=env,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await wait_ready(base_url, "/docs")
        yield base_url, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()


def _wrk(target: Target, seconds: int, script_dir: Path) -> Round:
    """Requests per second, CPU per request, and a note of errors (non-2xx, socket errors)."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    if target.post:  # the script sets every header
        script = script_dir / f"post-{uuid.uuid4().hex}.lua"
        authorization = target.headers.get("Authorization", "")
        script.write_text(_POST_SCRIPT % (uuid.uuid4().hex[:12], authorization))
        command += ["-s", str(script)]
    else:
        for name, value in target.headers.items():
            command += ["-H", f"{name}: {value}"]
    command.append(target.url)
    cpu_before = cpu_seconds(target.pid)
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    cpu = cpu_seconds(target.pid) - cpu_before
    rate, total = _REQUESTS.search(output), _TOTAL.search(output)
    assert rate, output
    assert total, output
    notes = [found.group(0) for found in (_NON_2XX.search(output), _ERRORS.search(output)) if found]
    return Round(float(rate.group(1)), cpu / int(total.group(1)) * 1000, "; ".join(notes))


def _cases(
    ours: tuple[str, int], anchor: tuple[str, int], key: str, ticket_id: str
) -> dict[str, tuple[Target, Target]]:
    auth = {"Authorization": f"Bearer {key}"}
    paths = {
        "post": ("/v1/tickets", "/tickets"),
        "get": (f"/v1/tickets/{ticket_id}", f"/tickets/{ticket_id}"),
        "list": ("/v1/tickets?limit=50", "/tickets?limit=50"),
        "timeline": (f"/v1/tickets/{ticket_id}/events", f"/tickets/{ticket_id}/events"),
    }
    (base, our_pid), (anchor_base, anchor_pid) = ours, anchor
    return {
        name: (
            Target(base + our_path, auth, name == "post", our_pid),
            Target(anchor_base + anchor_path, {}, name == "post", anchor_pid),
        )
        for name, (our_path, anchor_path) in paths.items()
    }


def _run_case(
    name: str, sides: tuple[Target, Target], rounds: int, seconds: int, script_dir: Path
) -> float:
    ratios, cpu_ratios = [], []
    for number in range(rounds):
        # Interleaved, the side that goes first alternating: both meet the same load drift.
        order = (0, 1) if number % 2 == 0 else (1, 0)
        figures: dict[int, Round] = {}
        for side in order:
            figures[side] = _wrk(sides[side], seconds, script_dir)
        ours, anchor = figures[0], figures[1]
        ratios.append(ours.per_second / anchor.per_second)
        cpu_ratios.append(anchor.cpu_ms / ours.cpu_ms)
        notes = "  ".join(note for note in (ours.notes, anchor.notes) if note)
        print(
            f"{name:<9} round {number + 1}: Aftercare {ours.per_second:7.1f} req/s"
            f" ({ours.cpu_ms:.2f} ms CPU/req)  anchor {anchor.per_second:7.1f} req/s"
            f" ({anchor.cpu_ms:.2f} ms CPU/req)  ratio {ratios[-1]:.2f}"
            f" (CPU {cpu_ratios[-1]:.2f})  {notes}",
            flush=True,
        )
    median = statistics.median(ratios)
    print(
        f"{name:<9} median ratio {median:.2f} (from {min(ratios):.2f} to {max(ratios):.2f});"
        f" server CPU per request, anchor / Aftercare: {statistics.median(cpu_ratios):.2f}",
        flush=True,
    )
    return median


async def main() -> None:
    args = _parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing (Debian: apt-get install wrk)")
    url, key = await scratch_database_with_key(
        # Named by port: two runs at once (other ports) do not recreate each other's database.
        args.server_url, f"aftercare_bench_floor_{args.port}", key_name="floor"
    )
    async with (
        served_process(url, args.port, worker=False, environment=_PRIVATE_RECEIVER) as ours,
        _served_anchor(url, args.port + 1) as anchor,
    ):
        ticket_id, _ = await _seed(ours[0], key)
        cases = _cases(ours, anchor, key, ticket_id)
        print(
            f"wrk -t2 -c{CONNECTIONS} -d{args.seconds}s, {args.rounds} interleaved rounds; "
            f"load average before: {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        with tempfile.TemporaryDirectory() as script_dir:
            for name in args.cases.split(","):
                _wrk(cases[name][0], 2, Path(script_dir))  # warm-up: pools, statement caches
                _wrk(cases[name][1], 2, Path(script_dir))
                _run_case(name, cases[name], args.rounds, args.seconds, Path(script_dir))
        print(f"load average after: {os.getloadavg()[0]:.2f}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--port", type=int, default=8775, help="Aftercare's; the anchor's is +1")
    parser.add_argument("--cases", default="post,get,list,timeline")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main())
