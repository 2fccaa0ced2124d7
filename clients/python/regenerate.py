"""`make client`: the typed client package aftercare_client, generated from
openapi/openapi.json by openapi-python-client (pinned in the dev group of uv.lock).
tests/test_python_client.py regenerates it into a temporary folder and fails on any
difference."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOCUMENT = ROOT / "openapi" / "openapi.json"
PACKAGE = HERE / "aftercare_client"


def generate(output: Path) -> None:
    """Write the package to output (replaced if it exists)."""
    tools = Path(sys.executable).parent  # the generator's post hooks run ruff from here
    environment = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(  # noqa: S603 fixed arguments
        [
            tools / "openapi-python-client", "generate", "--path", DOCUMENT,
            "--output-path", output, "--meta", "none", "--config", HERE / "generator.yaml",
            "--overwrite",
        ],
        check=True, env=environment, cwd=ROOT, capture_output=True,
    )
    (output / "py.typed").touch()  # its types are for the users' type checkers too


if __name__ == "__main__":
    generate(PACKAGE)
    print(f"wrote {PACKAGE.relative_to(ROOT)}")
