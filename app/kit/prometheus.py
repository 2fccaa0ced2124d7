"""Prometheus metrics: every series Aftercare exposes, and the server that exposes them.

Off unless AFTERCARE_METRICS_PORT is set; the series are then served on that port, never on
the API's. A single process (`aftercare serve`, `aftercare worker`) serves its own registry from
a thread. `aftercare serve --workers N` uses prometheus-client's multiprocess mode: each server
process writes its samples to files in PROMETHEUS_MULTIPROC_DIR, and the parent process, which
answers no API request, answers the scrapes by merging those files.
"""

import contextlib
import glob
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    multiprocess,
    start_http_server,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from starlette.types import Scope

MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_LATENCY_BUCKETS = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
)

HTTP_REQUEST_DURATION = Histogram(
    "aftercare_http_request_duration_seconds",
    "Time to answer an API request, by route template (never the raw path) and status.",
    ["method", "route", "status"],
    buckets=_LATENCY_BUCKETS,
)
DB_POOL_SIZE = Gauge(
    "aftercare_db_pool_size", "Connections the database pool keeps (its configured size).",
    multiprocess_mode="livesum",
)
DB_POOL_CHECKED_OUT = Gauge(
    "aftercare_db_pool_checked_out", "Pooled database connections in use.",
    multiprocess_mode="livesum",
)
DB_POOL_OVERFLOW = Gauge(
    "aftercare_db_pool_overflow",
    "Connections open beyond the pool's size (AFTERCARE_DB_MAX_OVERFLOW bounds them).",
    multiprocess_mode="livesum",
)
WEBHOOK_DELIVERIES = Counter(
    "aftercare_webhook_deliveries",
    "Webhook delivery attempts recorded, by what they left the delivery: succeeded, retrying"
    " (a retry is scheduled) or failed (no retry left, or the endpoint is gone).",
    ["outcome"],
)
WEBHOOK_QUEUE_DEPTH = Gauge(
    "aftercare_webhook_queue_depth",
    "Deliveries due now to enabled endpoints and not being attempted (sampled by the worker).",
    multiprocess_mode="livemostrecent",
)
WEBHOOK_OLDEST_DUE_AGE = Gauge(
    "aftercare_webhook_oldest_due_age_seconds",
    "How long the oldest such delivery has been due; 0 when none is (sampled by the worker).",
    multiprocess_mode="livemostrecent",
)
SLA_SWEEP_LAG = Gauge(
    "aftercare_sla_sweep_lag_seconds",
    "Now minus the due time of the oldest active SLA target past due; 0 when the sweep is"
    " keeping up (sampled by the worker).",
    multiprocess_mode="livemostrecent",
)
EVENTS_RECORDED = Counter(
    "aftercare_events_recorded",
    "Events committed to the outbox, by type (sla.breached and sla.warning among them).",
    ["type"],
)
JOB_DURATION = Histogram(
    "aftercare_worker_job_duration_seconds", "Time one run of a worker job took, by job.",
    ["job"], buckets=_LATENCY_BUCKETS,
)
JOB_FAILURES = Counter(
    "aftercare_worker_job_failures", "Runs of a worker job that raised, by job.", ["job"],
)


def observe_request(scope: Scope, status: int, seconds: float) -> None:
    """One answered request, labelled by its route's template (`/v1/tickets/{ticket_id}`):
    raw paths would make a series per ticket. A path no route matches is `unmatched`."""
    route = getattr(scope.get("route"), "path", None) or "unmatched"
    method = scope["method"] if scope["method"] in _KNOWN_METHODS else "other"
    HTTP_REQUEST_DURATION.labels(method, route, str(status)).observe(seconds)


def watch_pool(engine: Engine, pool_size: int) -> None:
    """Keep the pool gauges current as connections are checked out and in. Counted here: the
    pool's own counts, read in its checkin event, do not yet include the connection returned.
    A connection in use beyond the pool's size is an overflow one."""
    DB_POOL_SIZE.set(pool_size)
    in_use = 0

    def moved(change: int) -> None:
        nonlocal in_use
        in_use += change
        DB_POOL_CHECKED_OUT.set(in_use)
        DB_POOL_OVERFLOW.set(max(0, in_use - pool_size))

    event.listen(engine, "checkout", lambda *_: moved(1))
    event.listen(engine, "checkin", lambda *_: moved(-1))


_ON_COMMIT = "aftercare.prometheus.on_commit"


def count_on_commit(session: AsyncSession, counter: Counter, amount: float = 1.0) -> None:
    """Increment `counter` (a labelled child) once the session's transaction commits; never
    for a rolled-back one, so nothing is counted that did not happen."""
    session.info.setdefault(_ON_COMMIT, []).append((counter, amount))


@event.listens_for(Session, "after_commit")
def _count_committed(session: Session) -> None:
    for counter, amount in session.info.pop(_ON_COMMIT, ()):
        counter.inc(amount)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_ON_COMMIT, None)


def prepare_multiprocess_dir() -> str | None:
    """Before `serve --workers N` starts its processes: an empty directory for their samples,
    named in the environment they inherit. An operator's PROMETHEUS_MULTIPROC_DIR is emptied
    (samples of an earlier run must not be added to this one's); else a temporary one is made,
    and returned, to be removed at the end."""
    path = os.environ.get(MULTIPROC_DIR_VARIABLE)
    if path:
        os.makedirs(path, exist_ok=True)
        for stale in glob.glob(os.path.join(path, "*.db")):
            os.remove(stale)
        return None
    made = tempfile.mkdtemp(prefix="aftercare-metrics-")
    os.environ[MULTIPROC_DIR_VARIABLE] = made
    return made


def remove_multiprocess_dir(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


class _LiveProcessesCollector(Collector):
    """The samples of every process, merged; the live gauges of server processes that died
    (uvicorn replaces a dead worker but tells no one) are forgotten first, so their pool use is
    not summed for ever."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.merged = multiprocess.MultiProcessCollector(None, path)  # type: ignore[no-untyped-call]

    def collect(self) -> Iterable[Metric]:
        for file in glob.glob(os.path.join(self.path, "gauge_live*_*.db")):
            pid = _pid_of(file)
            if pid is not None and not _alive(pid):
                multiprocess.mark_process_dead(pid, self.path)  # type: ignore[no-untyped-call]
        metrics: Iterable[Metric] = self.merged.collect()  # type: ignore[no-untyped-call]
        return metrics


def _pid_of(path: str) -> int | None:
    match = re.search(r"_(\d+)\.db$", path)
    return int(match.group(1)) if match else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve_metrics(host: str, port: int) -> WSGIServer:
    """Serve the metrics on host:port from a daemon thread; merged from every process's files
    in multiprocess mode, else this process's own."""
    registry: CollectorRegistry = REGISTRY
    directory = os.environ.get(MULTIPROC_DIR_VARIABLE)
    if directory:
        registry = CollectorRegistry()
        registry.register(_LiveProcessesCollector(directory))
    server, _ = start_http_server(port, host, registry)
    return server


def stop_metrics(server: WSGIServer) -> None:
    with contextlib.suppress(OSError):
        server.shutdown()
        server.server_close()
