"""The `aftercare` command: serve, worker, migrate, keys, demo, openapi, config-doc, healthcheck."""

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.errors import ApiKeyNotFound
from app.auth.schemas import ApiKeyOut
from app.auth.scopes import Scope
from app.auth.service import create_api_key, has_active_keys, list_api_keys, revoke_api_key
from app.config import Settings, UnknownSettingError, get_settings
from app.kit.db import (
    Database,
    EmbeddedPostgresMissingError,
    database_url,
    ensure_database_url,
)
from app.kit.logging_setup import configure_logging
from app.kit.pagination import MAX_LIMIT, PageParams, decode_cursor

OPENAPI_PATH = Path("openapi/openapi.json")
DEMO_DEFAULT_TICKETS = 2_000
T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = get_settings()
    except (UnknownSettingError, ValidationError) as error:
        print(f"aftercare: refusing to start: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    try:
        result: int = args.handler(args, settings)
    except EmbeddedPostgresMissingError as error:
        print(f"aftercare: {error}", file=sys.stderr)
        return 2
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aftercare", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")

    serve = commands.add_parser("serve", help="run the HTTP API (and the worker, by default)")
    serve.add_argument("--host", help="default: AFTERCARE_HOST (127.0.0.1)")
    serve.add_argument("--port", type=int, help="default: AFTERCARE_PORT (8000)")
    serve.add_argument(
        "--workers", type=_positive,
        help="server processes sharing the port, each with its own pool and background worker "
        "(default: AFTERCARE_SERVER_WORKERS, 1)",
    )
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.add_argument(
        "--bootstrap-admin-key", action="store_true",
        help="when no API key exists, create an admin key and print it once",
    )
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(handler=_migrate)

    keys = commands.add_parser("keys", help="manage API keys")
    key_commands = keys.add_subparsers(required=True, metavar="action")
    create = key_commands.add_parser("create", help="create a key and print it once")
    create.add_argument("--name", required=True)
    create.add_argument(
        "--scopes", required=True, type=_scopes,
        help="comma-separated: " + ", ".join(scope.value for scope in Scope),
    )
    create.set_defaults(handler=_create_key)
    listing = key_commands.add_parser("list", help="list the keys, newest first")
    listing.add_argument("--include-revoked", action="store_true", help="also list revoked keys")
    listing.add_argument("--json", action="store_true", help="a JSON array, as the API shows keys")
    listing.set_defaults(handler=_list_keys)
    revoke = key_commands.add_parser(
        "revoke", help="revoke a key; it stops working at once (revoking twice is harmless)"
    )
    revoke.add_argument("id", type=_key_id, metavar="ID", help="the key's id, as `keys list` shows")
    revoke.set_defaults(handler=_revoke_key)

    worker = commands.add_parser("worker", help="run only the background worker")
    worker.add_argument(
        "--heartbeat-file", type=Path,
        help="touch this file every few seconds while the database answers "
        "(for `aftercare healthcheck worker`)",
    )
    worker.set_defaults(handler=_worker)

    healthcheck = commands.add_parser(
        "healthcheck", help="exit 0 when a running `serve` or `worker` is healthy (for "
        "container health checks), 1 otherwise",
    )
    roles = healthcheck.add_subparsers(required=True, metavar="role")
    api = roles.add_parser("api", help="`aftercare serve` on this machine answers GET /readyz")
    api.add_argument("--port", type=int, help="default: AFTERCARE_PORT (8000)")
    api.add_argument("--timeout", type=float, default=3.0, help="seconds (default 3)")
    api.set_defaults(handler=_healthcheck_api)
    beat = roles.add_parser(
        "worker", help="`aftercare worker --heartbeat-file FILE` touched FILE recently"
    )
    beat.add_argument("--heartbeat-file", type=Path, required=True)
    beat.add_argument(
        "--max-age", type=float, default=30.0, help="seconds since the last beat (default 30)"
    )
    beat.set_defaults(handler=_healthcheck_worker)

    demo = commands.add_parser(
        "demo", help="migrate, then fill the database with a realistic demo data set",
        description="Migrates the database, then generates customers, orders, tickets (with "
        "replies, escalations, pauses and SLA breaches), survey responses and feedback over "
        "the last 180 days, so the metrics have something to show. Refuses a database that "
        "has tickets already, unless --force.",
    )
    demo.add_argument(
        "--scale", type=_positive, default=DEMO_DEFAULT_TICKETS,
        help=f"number of tickets (default {DEMO_DEFAULT_TICKETS:,}; up to 1,000,000 and more "
        "for benchmarks; about 0.5 survey responses per ticket)",
    )
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument(
        "--force", action="store_true",
        help="add the demo data even though the database has tickets already",
    )
    demo.set_defaults(handler=_demo)

    metrics = commands.add_parser("metrics", help="maintain the metric rollups")
    metric_commands = metrics.add_subparsers(required=True, metavar="action")
    rebuild = metric_commands.add_parser(
        "rebuild", help="recompute every metric rollup from raw rows (one transaction)"
    )
    rebuild.set_defaults(handler=_rebuild_metrics)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", type=Path, default=OPENAPI_PATH)
    openapi.set_defaults(handler=_openapi)

    config_doc = commands.add_parser(
        "config-doc", help="print the README's Configuration table, generated from the settings"
    )
    config_doc.add_argument(
        "--write", type=Path, metavar="README",
        help="replace the table in this file instead of printing it (`make config-doc`)",
    )
    config_doc.set_defaults(handler=_config_doc)
    return parser


def _positive(value: str) -> int:
    number = int(value.replace("_", "").replace(",", ""))
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _scopes(value: str) -> list[Scope]:
    try:
        return [Scope(part.strip()) for part in value.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}; known scopes: {', '.join(Scope)}") from None


def _key_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an API key id (a UUID, as `aftercare keys list` shows)"
        ) from None


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from app.kit import migrations as schema
    from app.kit.server import freeze_startup_heap, uvicorn_options
    from app.main import create_app

    settings = ensure_database_url(settings)
    if args.migrate:
        schema.upgrade(database_url(settings))
    host, port = args.host or settings.host, args.port or settings.port
    if args.bootstrap_admin_key:
        asyncio.run(_bootstrap_admin_key(settings, host, port))
    workers = args.workers or settings.server_workers
    server_options = uvicorn_options(settings, host, port)
    if workers == 1:
        with _metrics_served(settings):
            app = create_app(settings)
            freeze_startup_heap()
            uvicorn.run(app, **server_options)
        return 0
    # Each process builds its app from the environment; the embedded server's URL, if one was
    # started above, is handed down so that they all use it rather than start their own.
    os.environ["AFTERCARE_DATABASE_URL"] = database_url(settings)
    with _metrics_served(settings, multiprocess=True):
        uvicorn.run("app.main:create_served_app", factory=True, workers=workers, **server_options)
    return 0


@contextlib.contextmanager
def _metrics_served(settings: Settings, *, multiprocess: bool = False) -> Iterator[None]:
    """The metrics port, when one is set, open while the block runs. With several server
    processes this one, their parent, serves the samples they all write to a directory."""
    from app.kit import prometheus

    if settings.metrics_port is None:
        yield
        return
    directory = prometheus.prepare_multiprocess_dir() if multiprocess else None
    server = prometheus.serve_metrics(settings.metrics_host, settings.metrics_port)
    try:
        yield
    finally:
        prometheus.stop_metrics(server)
        if directory is not None:
            prometheus.remove_multiprocess_dir(directory)


async def _bootstrap_admin_key(settings: Settings, host: str, port: int) -> None:
    database = Database.from_settings(settings)
    try:
        async with database.sessionmaker() as session, session.begin():
            if await has_active_keys(session):
                return
            _, plaintext = await create_api_key(session, "bootstrap admin", [Scope.ADMIN])
    finally:
        await database.dispose()
    print(
        "\nCreated an admin API key (shown once, store it now):\n\n"
        f"    {plaintext}\n\n"
        f"    curl -H 'Authorization: Bearer {plaintext}' http://{host}:{port}/v1/api-keys\n",
        flush=True,
    )


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    import signal

    from app.kit.clock import SystemClock
    from app.kit.tracing import configure_tracing
    from app.worker import new_worker

    settings = ensure_database_url(settings)
    configure_tracing(settings.tracing)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        database = Database.from_settings(settings)
        try:
            await new_worker(database, SystemClock(), settings, args.heartbeat_file).run(stop)
        finally:
            await database.dispose()

    with _metrics_served(settings):
        asyncio.run(run())
    return 0


def _healthcheck_api(args: argparse.Namespace, settings: Settings) -> int:
    import urllib.error
    import urllib.request

    # A server listening on every address answers on loopback.
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host  # noqa: S104
    if ":" in host:
        host = f"[{host}]"
    url = f"http://{host}:{args.port or settings.port}/readyz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout):
            return 0
    except (urllib.error.URLError, OSError) as error:
        print(f"aftercare healthcheck: {url}: {error}", file=sys.stderr)
        return 1


def _healthcheck_worker(args: argparse.Namespace, settings: Settings) -> int:
    import time

    try:
        age = time.time() - args.heartbeat_file.stat().st_mtime
    except OSError as error:
        print(f"aftercare healthcheck: no heartbeat: {error}", file=sys.stderr)
        return 1
    if age > args.max_age:
        print(f"aftercare healthcheck: last heartbeat {age:.0f} s ago", file=sys.stderr)
        return 1
    return 0


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from app.kit import migrations as schema

    schema.upgrade(database_url(ensure_database_url(settings)), args.revision)
    return 0


def _in_transaction(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """`work` run in one transaction of its own, on a pool opened for it alone."""

    async def run() -> T:
        database = Database.from_settings(ensure_database_url(settings))
        try:
            async with database.sessionmaker() as session, session.begin():
                return await work(session)
        finally:
            await database.dispose()

    return asyncio.run(run())


def _create_key(args: argparse.Namespace, settings: Settings) -> int:
    async def create(session: AsyncSession) -> str:
        _, plaintext = await create_api_key(session, args.name, args.scopes)
        return plaintext

    print(_in_transaction(settings, create))
    return 0


def _list_keys(args: argparse.Namespace, settings: Settings) -> int:
    async def every_key(session: AsyncSession) -> list[ApiKeyOut]:
        found: list[ApiKeyOut] = []
        page = PageParams(limit=MAX_LIMIT, after=None)
        while True:
            rows, cursor = await list_api_keys(
                session, page, include_revoked=args.include_revoked
            )
            found += [ApiKeyOut.model_validate(row) for row in rows]
            if cursor is None:
                return found
            page = PageParams(limit=MAX_LIMIT, after=decode_cursor(cursor))

    api_keys = _in_transaction(settings, every_key)
    if args.json:
        print(json.dumps([key.model_dump(mode="json") for key in api_keys], indent=2))
        return 0
    rows = [
        [
            str(key.id), key.name, ",".join(key.scopes), _when(key.created_at),
            _when(key.last_used_at), _when(key.revoked_at),
        ]
        for key in api_keys
    ]
    print(_table(["ID", "NAME", "SCOPES", "CREATED", "LAST USED", "REVOKED"], rows))
    if not api_keys:
        print("no API keys" if args.include_revoked else "no active API keys", file=sys.stderr)
    return 0


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M}Z"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def _revoke_key(args: argparse.Namespace, settings: Settings) -> int:
    from app.kit.clock import SystemClock

    now = SystemClock().now()

    async def revoke(session: AsyncSession) -> ApiKeyOut:
        return ApiKeyOut.model_validate(await revoke_api_key(session, args.id, now))

    try:
        api_key = _in_transaction(settings, revoke)
    except ApiKeyNotFound as error:
        print(f"aftercare keys revoke: {error}", file=sys.stderr)
        return 2
    if api_key.revoked_at == now:
        print(f"Revoked API key {api_key.id} ({api_key.name}).")
    else:
        print(
            f"API key {api_key.id} ({api_key.name}) was already revoked "
            f"at {_when(api_key.revoked_at)}."
        )
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from app.demo.seed import DemoRefusedError, seed_demo
    from app.kit import migrations as schema

    settings = ensure_database_url(settings)
    url = database_url(settings)
    schema.upgrade(url)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        result = asyncio.run(
            seed_demo(url, tickets=args.scale, seed=args.seed, force=args.force, progress=progress)
        )
    except DemoRefusedError as error:
        print(f"aftercare demo: {error}", file=sys.stderr)
        return 1
    print(f"Demo data written in {result.seconds:.1f} s:")
    for table, count in result.counts.items():
        print(f"  {table:<20} {count:>10,}")
    return _rebuild_metrics(args, settings)


def _rebuild_metrics(args: argparse.Namespace, settings: Settings) -> int:
    from app.kit.clock import SystemClock
    from app.metrics.service import rebuild_rollups

    started = time.perf_counter()
    _in_transaction(settings, lambda session: rebuild_rollups(session, SystemClock().now()))
    print(f"Metric rollups rebuilt from raw rows in {time.perf_counter() - started:.1f} s.")
    return 0


def openapi_document(settings: Settings) -> str:
    from app.main import create_app

    return json.dumps(create_app(settings).openapi(), indent=2, ensure_ascii=False) + "\n"


def _openapi(args: argparse.Namespace, settings: Settings) -> int:
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(openapi_document(settings), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _config_doc(args: argparse.Namespace, settings: Settings) -> int:
    from app.kit.settings_doc import replace_table, settings_table

    table = settings_table(Settings)
    if args.write is None:
        print("\n".join(table))
        return 0
    text = args.write.read_text(encoding="utf-8")
    args.write.write_text(replace_table(text, table), encoding="utf-8")
    print(f"wrote the configuration table of {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
