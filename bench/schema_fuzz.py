"""Schema fuzzing at scale: schemathesis against the app's own OpenAPI document, every operation,
with a valid admin key, on a scratch database and a served app.

    .venv/bin/python -m bench.schema_fuzz --max-examples 200

The test suite runs the same with a small example count (tests/test_schema_fuzz.py).
"""

import argparse
import asyncio
import socket
import sys
from pathlib import Path

from bench._common import DEFAULT_SERVER_URL, run_cli, served_app
from tests.support.database import recreate_database

# Cross-field rules and opaque cursors cannot be expressed in OpenAPI, so "valid by the schema
# but refused" is expected; everything else (no 500, documented statuses, content types,
# response schemas, problem+json) is checked.
EXCLUDED_CHECKS = "positive_data_acceptance"
ALL_PHASES = "examples,coverage,fuzzing,stateful"
FUZZ_ENVIRONMENT = {
    "AFTERCARE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
    "AFTERCARE_PUBLIC_RATE_LIMIT_REQUESTS": "1000000",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def fuzz(
    database_url: str, api_key: str, max_examples: int, phases: str = ALL_PHASES
) -> tuple[int, str]:
    """Serve the app on database_url and fuzz it; (schemathesis exit code, its output)."""
    server = served_app(database_url, free_port(), worker=False, environment=FUZZ_ENVIRONMENT)
    async with server as base_url:
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{base_url}/openapi.json",
            "--header",
            f"Authorization: Bearer {api_key}",
            "--max-examples",
            str(max_examples),
            "--exclude-checks",
            EXCLUDED_CHECKS,
            "--phases",
            phases,
            "--no-color",
            "--seed",
            "1",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--max-examples", type=int, default=200)
    args = parser.parse_args()
    database_url = await recreate_database(args.server_url, "aftercare_bench_fuzz")
    run_cli(database_url, "migrate")
    api_key = run_cli(database_url, "keys", "create", "--name", "fuzz", "--scopes", "admin")
    code, output = await fuzz(database_url, api_key, args.max_examples)
    print(output)
    raise SystemExit(code)


if __name__ == "__main__":
    asyncio.run(main())
