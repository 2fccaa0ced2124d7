"""Schema fuzzing at scale: schemathesis against the app's own OpenAPI document, every operation,
every check and every phase, with a valid admin key, on a scratch database and a served app
(settings: schemathesis.toml).

    .venv/bin/python -m bench.schema_fuzz --max-examples 200

The test suite runs the same with a small example count (tests/test_schema_fuzz.py).
"""

import argparse
import asyncio
import sys
from pathlib import Path

from bench._common import (
    DEFAULT_SERVER_URL,
    PROJECT_ROOT,
    scratch_database_with_key,
    served_app,
)
from tests.support.receiver import free_port

# Every check, including "schema-valid request rejected": the operations whose documented rules
# a schema cannot state expect their 422 there, each with its reason.
CONFIG_FILE = PROJECT_ROOT / "schemathesis.toml"
ALL_PHASES = "examples,coverage,fuzzing,stateful"
FUZZ_ENVIRONMENT = {
    "AFTERCARE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
    "AFTERCARE_PUBLIC_RATE_LIMIT_REQUESTS": "1000000",
}


async def fuzz(
    database_url: str, api_key: str, max_examples: int, phases: str = ALL_PHASES
) -> tuple[int, str]:
    """Serve the app on database_url and fuzz it; (schemathesis exit code, its output)."""
    server = served_app(database_url, free_port(), worker=False, environment=FUZZ_ENVIRONMENT)
    async with server as base_url:
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(CONFIG_FILE),
            "run",
            f"{base_url}/openapi.json",
            "--header",
            f"Authorization: Bearer {api_key}",
            "--max-examples",
            str(max_examples),
            "--checks",
            "all",
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
    database_url, api_key = await scratch_database_with_key(
        args.server_url, "aftercare_bench_fuzz", key_name="fuzz"
    )
    code, output = await fuzz(database_url, api_key, args.max_examples)
    print(output)
    raise SystemExit(code)


if __name__ == "__main__":
    asyncio.run(main())
